# SPDX-License-Identifier: MIT
# Golden tests of `sockit decode --json` against tshark -T json, field by field: the scapy-written captures
# in tests/data/wire (every protocol, every link type), fresh scapy captures, and loopback traffic that
# this test generates and records with tcpdump (TCP handshake and teardown, UDP, ICMP echo to 127.0.0.1
# and ::1).
import json
import os
import socket
import subprocess
import tempfile
import unittest

from pcap_file import tcpdump_recording
from sockit_test import EX_OK, SOURCE_DIR, need, run

DATA = os.path.join(SOURCE_DIR, "tests", "data", "wire")
GOLDEN = ["golden_eth.pcap", "golden_raw.pcap", "golden_ppp.pcap", "golden_sll.pcap", "golden_sll2.pcap",
          "golden_null.pcap", "golden_loop.pcap"]
NESTED_PROTOCOLS = {"ip", "ipv6", "udp", "tcp", "icmp", "icmpv6", "dns", "data", "eth", "arp"}

# (sockit layer, sockit key, tshark layer, tshark field, how to compare). Numbers are compared as integers
# (tshark writes some in hex), addresses as lower-case text.
FIELDS = [
    ("eth", "dst", "eth", "eth.dst", "str"),
    ("eth", "src", "eth", "eth.src", "str"),
    ("eth", "type", "eth", "eth.type", "int"),
    ("vlan", "id", "vlan", "vlan.id", "int"),
    ("vlan", "priority", "vlan", "vlan.priority", "int"),
    ("vlan", "etype", "vlan", "vlan.etype", "int"),
    ("sll", "pkttype", "sll", "sll.pkttype", "int"),
    ("sll", "hatype", "sll", "sll.hatype", "int"),
    ("sll", "etype", "sll", "sll.etype", "int"),
    ("sll2", "ifindex", "sll", "sll.ifindex", "int"),
    ("null", "family", "null", "null.family", "int"),
    ("ppp", "protocol", "ppp", "ppp.protocol", "int"),
    ("arp", "opcode", "arp", "arp.opcode", "int"),
    ("arp", "src_hw_mac", "arp", "arp.src.hw_mac", "str"),
    ("arp", "src_proto_ipv4", "arp", "arp.src.proto_ipv4", "str"),
    ("arp", "dst_hw_mac", "arp", "arp.dst.hw_mac", "str"),
    ("arp", "dst_proto_ipv4", "arp", "arp.dst.proto_ipv4", "str"),
    ("ip", "version", "ip", "ip.version", "int"),
    ("ip", "hdr_len", "ip", "ip.hdr_len", "int"),
    ("ip", "dsfield", "ip", "ip.dsfield", "int"),
    ("ip", "len", "ip", "ip.len", "int"),
    ("ip", "id", "ip", "ip.id", "int"),
    ("ip", "flags", "ip", "ip.flags", "int"),
    ("ip", "df", "ip", "ip.flags.df", "bool"),
    ("ip", "mf", "ip", "ip.flags.mf", "bool"),
    ("ip", "frag_offset", "ip", "ip.frag_offset", "int"),
    ("ip", "ttl", "ip", "ip.ttl", "int"),
    ("ip", "proto", "ip", "ip.proto", "int"),
    ("ip", "checksum", "ip", "ip.checksum", "int"),
    ("ip", "src", "ip", "ip.src", "str"),
    ("ip", "dst", "ip", "ip.dst", "str"),
    ("ipv6", "tclass", "ipv6", "ipv6.tclass", "int"),
    ("ipv6", "flow", "ipv6", "ipv6.flow", "int"),
    ("ipv6", "plen", "ipv6", "ipv6.plen", "int"),
    ("ipv6", "nxt", "ipv6", "ipv6.nxt", "int"),
    ("ipv6", "hlim", "ipv6", "ipv6.hlim", "int"),
    ("ipv6", "src", "ipv6", "ipv6.src", "str"),
    ("ipv6", "dst", "ipv6", "ipv6.dst", "str"),
    ("ipv6.fragment", "id", "ipv6", "ipv6.fraghdr.ident", "int"),
    ("ipv6.fragment", "more", "ipv6", "ipv6.fraghdr.more", "bool"),
    ("ipv6.routing", "segleft", "ipv6", "ipv6.routing.segleft", "int"),
    ("icmp", "type", "icmp", "icmp.type", "int"),
    ("icmp", "code", "icmp", "icmp.code", "int"),
    ("icmp", "checksum", "icmp", "icmp.checksum", "int"),
    ("icmp", "ident", "icmp", "icmp.ident", "int"),
    ("icmp", "seq", "icmp", "icmp.seq", "int"),
    ("icmp", "mtu", "icmp", "icmp.mtu", "int"),
    ("icmp", "redir_gw", "icmp", "icmp.redir_gw", "str"),
    ("icmpv6", "type", "icmpv6", "icmpv6.type", "int"),
    ("icmpv6", "code", "icmpv6", "icmpv6.code", "int"),
    ("icmpv6", "checksum", "icmpv6", "icmpv6.checksum", "int"),
    ("icmpv6", "echo_identifier", "icmpv6", "icmpv6.echo.identifier", "int"),
    ("icmpv6", "echo_sequence_number", "icmpv6", "icmpv6.echo.sequence_number", "int"),
    ("icmpv6", "mtu", "icmpv6", "icmpv6.mtu", "int"),
    ("icmpv6", "nd_ns_target_address", "icmpv6", "icmpv6.nd.ns.target_address", "str"),
    ("icmpv6", "nd_na_target_address", "icmpv6", "icmpv6.nd.na.target_address", "str"),
    ("icmpv6", "nd_na_flag_s", "icmpv6", "icmpv6.nd.na.flag.s", "bool"),
    ("icmpv6", "nd_na_flag_o", "icmpv6", "icmpv6.nd.na.flag.o", "bool"),
    ("icmpv6", "nd_ra_cur_hop_limit", "icmpv6", "icmpv6.nd.ra.cur_hop_limit", "int"),
    ("icmpv6", "nd_ra_router_lifetime", "icmpv6", "icmpv6.nd.ra.router_lifetime", "int"),
    ("icmpv6", "nd_ra_reachable_time", "icmpv6", "icmpv6.nd.ra.reachable_time", "int"),
    ("icmpv6", "nd_ra_retrans_timer", "icmpv6", "icmpv6.nd.ra.retrans_timer", "int"),
    ("icmpv6", "nd_rd_target_address", "icmpv6", "icmpv6.nd.rd.target_address", "str"),
    ("icmpv6", "nd_rd_destination_address", "icmpv6", "icmpv6.rd.na.destination_address", "str"),
    ("icmpv6", "opt_src_linkaddr", "icmpv6", "icmpv6.opt.src_linkaddr", "str"),
    ("icmpv6", "opt_target_linkaddr", "icmpv6", "icmpv6.opt.target_linkaddr", "str"),
    ("icmpv6", "opt_mtu", "icmpv6", "icmpv6.opt.mtu", "int"),
    ("icmpv6", "opt_prefix", "icmpv6", "icmpv6.opt.prefix", "str"),
    ("icmpv6", "opt_prefix_length", "icmpv6", "icmpv6.opt.prefix.length", "int"),
    ("icmpv6", "opt_prefix_valid_lifetime", "icmpv6", "icmpv6.opt.prefix.valid_lifetime", "int"),
    ("udp", "srcport", "udp", "udp.srcport", "int"),
    ("udp", "dstport", "udp", "udp.dstport", "int"),
    ("udp", "length", "udp", "udp.length", "int"),
    ("udp", "checksum", "udp", "udp.checksum", "int"),
    ("tcp", "srcport", "tcp", "tcp.srcport", "int"),
    ("tcp", "dstport", "tcp", "tcp.dstport", "int"),
    ("tcp", "seq_raw", "tcp", "tcp.seq_raw", "int"),
    ("tcp", "ack_raw", "tcp", "tcp.ack_raw", "int"),
    ("tcp", "hdr_len", "tcp", "tcp.hdr_len", "int"),
    ("tcp", "flags", "tcp", "tcp.flags", "int"),
    ("tcp", "window_size_value", "tcp", "tcp.window_size_value", "int"),
    ("tcp", "checksum", "tcp", "tcp.checksum", "int"),
    ("tcp", "urgent_pointer", "tcp", "tcp.urgent_pointer", "int"),
    ("tcp", "len", "tcp", "tcp.len", "int"),
    ("tcp", "options_mss_val", "tcp", "tcp.options.mss_val", "int"),
    ("tcp", "options_wscale_shift", "tcp", "tcp.options.wscale.shift", "int"),
    ("tcp", "options_timestamp_tsval", "tcp", "tcp.options.timestamp.tsval", "int"),
    ("tcp", "options_timestamp_tsecr", "tcp", "tcp.options.timestamp.tsecr", "int"),
    ("dns", "id", "dns", "dns.id", "int"),
    ("dns", "flags", "dns", "dns.flags", "int"),
    ("dns", "flags_response", "dns", "dns.flags.response", "bool"),
    ("dns", "flags_opcode", "dns", "dns.flags.opcode", "int"),
    ("dns", "flags_authoritative", "dns", "dns.flags.authoritative", "bool"),
    ("dns", "flags_truncated", "dns", "dns.flags.truncated", "bool"),
    ("dns", "flags_recdesired", "dns", "dns.flags.recdesired", "bool"),
    ("dns", "flags_recavail", "dns", "dns.flags.recavail", "bool"),
    ("dns", "flags_z", "dns", "dns.flags.z", "bool"),
    ("dns", "flags_authenticated", "dns", "dns.flags.authenticated", "bool"),
    ("dns", "flags_checkdisable", "dns", "dns.flags.checkdisable", "bool"),
    ("dns", "flags_rcode", "dns", "dns.flags.rcode", "int"),
    ("dns", "count_queries", "dns", "dns.count.queries", "int"),
    ("dns", "count_answers", "dns", "dns.count.answers", "int"),
    ("dns", "count_auth_rr", "dns", "dns.count.auth_rr", "int"),
    ("dns", "count_add_rr", "dns", "dns.count.add_rr", "int"),
    ("dns", "qry_name", "dns", "dns.qry.name", "name"),
    ("dns", "qry_type", "dns", "dns.qry.type", "int"),
    ("dns", "qry_class", "dns", "dns.qry.class", "int"),
    ("dns", "resp_name", "dns", "dns.resp.name", "name"),
    ("dns", "resp_type", "dns", "dns.resp.type", "int"),
    ("dns", "resp_ttl", "dns", "dns.resp.ttl", "int"),
    ("dns", "a", "dns", "dns.a", "str"),
    ("dns", "aaaa", "dns", "dns.aaaa", "str"),
]
CHECKSUM_STATUS = {"ip": "ip.checksum.status", "udp": "udp.checksum.status", "tcp": "tcp.checksum.status",
                   "icmp": "icmp.checksum.status", "icmpv6": "icmpv6.checksum.status"}


def flatten(tree, out=None):
    """Every field of one tshark layer (first occurrence wins), not descending into embedded protocols
    (the datagram quoted by an ICMP error)."""
    out = {} if out is None else out
    for key, value in tree.items():
        if isinstance(value, dict):
            if key not in NESTED_PROTOCOLS:
                flatten(value, out)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, dict):
                    flatten(v, out)
                else:
                    out.setdefault(key, v)
        else:
            out.setdefault(key, value)
    return out


def tshark_frames(path):
    proc = subprocess.run(["tshark", "-n", "-r", path, "-T", "json", "-o", "ip.check_checksum:TRUE",
                           "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, TZ="UTC"))
    if proc.returncode != 0:
        raise AssertionError(f"tshark failed: {proc.stderr}")
    return [p["_source"]["layers"] for p in json.loads(proc.stdout, object_pairs_hook=keep_duplicates)]


def keep_duplicates(pairs):
    """tshark repeats keys in one object (one "icmpv6.opt" per option): keep them all, as a list."""
    out = {}
    for key, value in pairs:
        if key in out:
            if not isinstance(out[key], list) or not out.get("__dup_" + key):
                out[key] = [out[key]]
                out["__dup_" + key] = True
            out[key].append(value)
        else:
            out[key] = value
    return {k: v for k, v in out.items() if not k.startswith("__dup_")}


def sockit_frames(path):
    proc = run("decode", path, "--json", check=EX_OK)
    return [json.loads(line) for line in proc.stdout.splitlines()]


def same(kind, ours, theirs):
    if kind == "int":
        a = int(ours, 0) if isinstance(ours, str) else int(ours)
        return a == int(str(theirs), 0)
    if kind == "bool":
        return bool(ours) == (str(theirs) in ("1", "True", "true"))
    if kind == "name":  # we print names absolute (dig's "example.org."), tshark without the dot, root "<Root>"
        return ours.rstrip(".").lower() == ("" if theirs == "<Root>" else str(theirs).lower())
    return str(ours).lower() == str(theirs).lower()


class TsharkGolden(unittest.TestCase):
    def setUp(self):
        need("tshark")

    def compare_file(self, path):
        """Compares every mapped field of every frame; returns how many fields were compared."""
        ours, theirs = sockit_frames(path), tshark_frames(path)
        self.assertEqual(len(ours), len(theirs), path)
        compared = 0
        for n, (mine, ref) in enumerate(zip(ours, theirs), 1):
            where = f"{os.path.basename(path)} frame {n}"
            # The layer stack: our protocol names in the order tshark lists them in frame.protocols.
            ref_protocols = ref["frame"]["frame.protocols"].split(":")
            our_names = [next(iter(layer)) for layer in mine["layers"]]
            # tshark holds back the transport layer of a first fragment until reassembly; we decode
            # its header (as tcpdump does). Compare only link and network layers of fragments.
            fragmented = any(("ip" in l and l["ip"].get("mf")) or "ipv6.fragment" in l for l in mine["layers"])
            transport = ("udp", "tcp", "icmp", "icmpv6")
            for name in our_names:
                base = "sll" if name == "sll2" else name.split(".")[0]
                if base in ("data", "null", "sll") or (fragmented and base in transport):
                    continue
                self.assertIn(base, ref_protocols, f"{where}: {our_names} vs {ref_protocols}")
            seen = {}
            for layer in mine["layers"]:
                name, fields = next(iter(layer.items()))
                if name == "vlan":
                    seen[name] = fields  # tshark calls an outer 802.1ad tag ieee8021ad; its "vlan" is the inner
                else:
                    seen.setdefault(name, fields)  # the outermost of each (tshark's top-level layer)
            for our_layer, our_key, ref_layer, ref_key, kind in FIELDS:
                if our_layer not in seen or our_key not in seen[our_layer]:
                    continue
                if fragmented and our_layer in transport:
                    continue
                ref_tree = ref.get(ref_layer)
                if isinstance(ref_tree, list):
                    ref_tree = ref_tree[0]
                if ref_tree is None:
                    self.fail(f"{where}: tshark has no {ref_layer} layer for our {our_layer}")
                flat = flatten(ref_tree)
                if ref_key not in flat:
                    self.fail(f"{where}: tshark has no {ref_key} (our {our_layer}.{our_key} = {seen[our_layer][our_key]})")
                self.assertTrue(same(kind, seen[our_layer][our_key], flat[ref_key]),
                                f"{where}: {our_layer}.{our_key} = {seen[our_layer][our_key]!r}, tshark {ref_key} = {flat[ref_key]!r}")
                compared += 1
            # Checksum verdicts agree: tshark status 0 (bad) exactly where we say bad or, for a partial sum
            # left to offload (which tshark calls bad), unverified; status 1 (good) where we say ok.
            for our_layer, status_key in CHECKSUM_STATUS.items():
                if our_layer not in seen or our_layer not in ref or (fragmented and our_layer in transport):
                    continue
                tree = ref[our_layer][0] if isinstance(ref[our_layer], list) else ref[our_layer]
                status = flatten(tree).get(status_key)
                if status is None or status == "2":
                    continue  # tshark did not verify
                verdict = seen[our_layer].get("checksum_status")
                self.assertEqual(verdict in ("bad", "unverified"), status == "0", f"{where}: {our_layer} checksum verdict")
                self.assertEqual(verdict == "bad", seen[our_layer].get("issue") == "bad_checksum", where)
                if status == "1":
                    self.assertIn(verdict, ("ok", "absent"), f"{where}: {our_layer} checksum verdict")
                compared += 1
        return compared

    def test_golden_captures(self):
        total = 0
        for name in GOLDEN:
            with self.subTest(file=name):
                total += self.compare_file(os.path.join(DATA, name))
        self.assertGreater(total, 1500)

    def test_fresh_scapy_captures(self):
        # Regenerates the golden set with the installed scapy (in a temporary directory), so the
        # comparison does not depend on the committed bytes only.
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["/usr/bin/python3", os.path.join(DATA, "make_golden.py"), tmp], check=True,
                           capture_output=True, timeout=120)
            self.assertGreater(self.compare_file(os.path.join(tmp, "golden_eth.pcap")), 500)

    def test_dns_messages(self):
        # DNS on port 53 over UDP and TCP: fields against tshark, the one-line form against tcpdump -nn.
        need("tcpdump")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "dns.pcap")
            subprocess.run(["/usr/bin/python3", os.path.join(DATA, "make_dns.py"), path], check=True,
                           capture_output=True, timeout=120)
            self.assertGreater(self.compare_file(path), 150)
            layers = [[next(iter(l)) for l in frame["layers"]] for frame in sockit_frames(path)]
            self.assertEqual(sum("dns" in names for names in layers), 9)  # all but the cut and the non-DNS
            self.assertEqual(layers[-1][-1], "data")
            tcpdump = subprocess.run(["tcpdump", "-nn", "-r", path], capture_output=True, text=True, timeout=60,
                                     env=dict(os.environ, TZ="UTC")).stdout.splitlines()
            ours = run("decode", path, check=EX_OK).stdout.splitlines()
            self.assertEqual(len(ours), len(tcpdump))
            for n, (mine, ref) in enumerate(zip(ours, tcpdump), 1):
                if "Flags [" in ref:  # tcpdump's TCP line has relative seq ranges; compare the DNS part
                    mine, ref = mine.split("length", 1)[1], ref.split("length", 1)[1]
                if "[|domain]" in ref:  # tcpdump prints what it could read of a broken message; we say why
                    self.assertIn("[data ", mine, f"frame {n}")
                    continue
                self.assertEqual(mine, ref, f"frame {n}")

    def test_loopback_traffic_recorded_by_tcpdump(self):
        need("tcpdump")
        if os.geteuid() != 0:
            self.skipTest("recording on lo needs root")
        # Sockets are bound first so that the capture filter can name their ports (lo is shared).
        sockets = []
        try:
            for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
                srv = socket.socket(family, socket.SOCK_STREAM)
                srv.bind((host, 0))
                srv.listen(1)
                rx = socket.socket(family, socket.SOCK_DGRAM)
                rx.bind((host, 0))
                sockets.append((family, host, srv, rx))
            ports = [s.getsockname()[1] for entry in sockets for s in entry[2:]]
            expr = " or ".join(f"port {p}" for p in ports)
            expr += " or (icmp and host 127.0.0.1) or (icmp6 and host ::1 and (icmp6[0] = 128 or icmp6[0] = 129))"
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "lo.pcap")
                with tcpdump_recording(path, expr, want=30) as rec:
                    self.make_traffic(sockets)
                self.assertGreater(self.compare_file(path), 100, rec.stderr)
        finally:
            for entry in sockets:
                entry[2].close()
                entry[3].close()

    def make_traffic(self, sockets):
        """A TCP connection with data and teardown, UDP datagrams, and ICMP echoes, all on loopback."""
        for family, host, srv, rx in sockets:
            cli = socket.create_connection(srv.getsockname()[:2], timeout=5)
            conn, _ = srv.accept()
            cli.sendall(b"hello over tcp\n")
            conn.recv(100)
            conn.sendall(b"reply\n")
            cli.recv(100)
            cli.close()
            conn.close()
            with socket.socket(family, socket.SOCK_DGRAM) as tx:
                for i in range(3):
                    tx.sendto(b"datagram %d" % i, rx.getsockname()[:2])
                    rx.recv(100)
            # An echo request from a raw socket; the kernel answers it.
            proto = socket.IPPROTO_ICMP if family == socket.AF_INET else socket.IPPROTO_ICMPV6
            with socket.socket(family, socket.SOCK_RAW, proto) as ping:
                ping.settimeout(2)
                kind = 8 if family == socket.AF_INET else 128
                body = bytes([kind, 0, 0, 0, 0x12, 0x34, 0, 1]) + b"sockit ping"
                if family == socket.AF_INET:  # IPv4 needs our checksum; the kernel fills ICMPv6's
                    total = sum((body[i] << 8) + body[i + 1] for i in range(0, len(body) - 1, 2)) + \
                        ((body[-1] << 8) if len(body) % 2 else 0)
                    while total >> 16:
                        total = (total & 0xffff) + (total >> 16)
                    c = ~total & 0xffff
                    body = body[:2] + bytes([c >> 8, c & 0xff]) + body[4:]
                ping.sendto(body, (host, 0))
                try:
                    ping.recv(200)
                except socket.timeout:
                    pass


if __name__ == "__main__":
    unittest.main()
