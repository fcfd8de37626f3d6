# SPDX-License-Identifier: MIT
# `sockit build`: syntax errors name the token and its offset (exit 64), hex and JSON output, the pcap file
# format, link-type rules, --send errors, and a round trip through `sockit decode` (the wire decoder).
import json
import os
import struct
import subprocess
import tempfile
import unittest

from sockit_test import EX_OK, EX_OSERR, EX_USAGE, run, run_json

DNS_Q = "ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=5)/udp(sport=40000,dport=53)/dns(qname=example.org,qtype=AAAA,id=4660)"


class SyntaxErrors(unittest.TestCase):
    # (spec, token named, offset, words expected in the reason)
    CASES = [
        ("ipv4(ttlx=5)", "ttlx", 5, "unknown field of ipv4"),                # unknown field, listed fields follow
        ("ipv4(src=1.2.3)", "1.2.3", 9, "wants an IPv4 address"),           # bad address value
        ("ipv4(ttl=300)", "300", 9, "at most 255"),                          # out of range
        ("ipv4(ttl=5x)", "5x", 9, "wants a number"),                         # not a number
        ("ipv4(id=99999999999999999999999)", "99999999999999999999999", 8, "at most 65535"),  # beyond 64 bits
        ("ipv4/é", "é", 5, "expected a layer name"),                         # a whole UTF-8 character named
        ("ipv4/udp/foo", "foo", 9, "unknown layer"),                         # unknown layer
        ("ipv4(ttl=5", "", 10, "missing ')'"),                               # unclosed parenthesis
        ("ipv4(ttl=)", "ttl=", 5, "empty value"),                            # empty value
        ("ipv4 udp", "udp", 5, "expected '/'"),                              # missing separator
        ("ipv4(,)", ",", 5, "expected a field name"),                        # missing field name
        ("eth(dst=zz:00:00:00:00:00)", "zz:00:00:00:00:00", 8, "MAC"),       # bad MAC
        ("ipv4/tcp(flags=SX)", "SX", 15, "'X' is not one of"),               # bad TCP flag letter
        ("ipv4/udp/dns(qtype=BOGUS)", "BOGUS", 19, "qtype"),                 # bad DNS type
        ("ipv4/udp/dns(qname=a..b)", "a..b", 19, "not a domain name"),       # bad DNS name
        ("ipv4/udp/raw(hex=abc)", "abc", 17, "odd number of hex digits"),    # odd hex
        ("ipv4/icmp(ecoh)", "ecoh", 10, "unknown field of icmp"),            # misspelt icmp type word
        ("ipv4(ttl)", "ttl", 5, "needs a value"),                            # value missing
        ("   ", "   ", 0, "no packet"),                                    # nothing at all
        ("ipv4;;udp", ";", 5, "expected a layer name"),                      # empty packet between separators
        ("ipv4; /udp", "/", 6, "expected a layer name"),                     # second packet starts badly
        ("ipv6(dst=fe80::1::2)", "fe80::1::2", 9, "IPv6"),                   # bad IPv6
        ("ipv4/udp/dns(rcode=BADVERS,noedns)", "dns", 9, "needs EDNS"),      # extended rcode without OPT
    ]

    def test_each_error_is_one_line_naming_token_and_offset(self):
        for spec, token, offset, why in self.CASES:
            with self.subTest(spec=spec):
                proc = run("build", spec)
                self.assertEqual(proc.returncode, EX_USAGE, proc.stderr)
                self.assertEqual(proc.stdout, "")
                lines = proc.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, proc.stderr)
                self.assertTrue(lines[0].startswith(f"sockit build: '{token}' at offset {offset}: "), lines[0])
                self.assertIn(why, lines[0])
                if token.strip() and token not in ("end of spec",):
                    self.assertEqual(spec[offset:offset + len(token)], token)  # the offset points at the token

    def test_option_errors(self):
        self.assertEqual(run("build", "ipv4", "--send").returncode, EX_USAGE)            # no interface
        self.assertEqual(run("build", "ipv4", "-i", "lo").returncode, EX_USAGE)          # interface without --send
        proc = run("build", "ipv4", "--send", "-i", "no-such-if0")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertIn("interface 'no-such-if0'", proc.stderr)
        self.assertEqual(run("build", "ipv4", "-o", "-", "-x").returncode, EX_USAGE)    # both on stdout
        self.assertEqual(run("build").returncode, EX_USAGE)                               # no spec


class Output(unittest.TestCase):
    def test_hex_is_one_line_per_packet(self):
        out = run("build", "ipv4/icmp(echo,id=1,seq=1); ipv6/icmp6(echo,id=1,seq=2) ;ipv4/tcp(flags=S)",
                  check=EX_OK).stdout.splitlines()
        self.assertEqual(len(out), 3)
        self.assertEqual(len(bytes.fromhex(out[0])), 28)   # 20 IPv4 + 8 ICMP
        self.assertEqual(len(bytes.fromhex(out[1])), 48)   # 40 IPv6 + 8 ICMPv6
        self.assertEqual(len(bytes.fromhex(out[2])), 40)   # 20 IPv4 + 20 TCP

    def test_dns_query_bytes(self):
        pkt = bytes.fromhex(run("build", DNS_Q, "-x", check=EX_OK).stdout.strip())
        ip, udp, dns = pkt[:20], pkt[20:28], pkt[28:]
        self.assertEqual(ip[8], 5)                                       # ttl
        self.assertEqual(ip[9], 17)                                      # protocol filled in
        self.assertEqual(struct.unpack("!H", ip[2:4])[0], len(pkt))      # total length filled in
        self.assertEqual(struct.unpack("!HHH", udp[:6]), (40000, 53, 8 + len(dns)))
        # ID 0x1234, RD, one question, one OPT (EDNS 1232 by default, as dig)
        self.assertEqual(dns[:12].hex(), "123401000001000000000001")
        self.assertIn(bytes.fromhex("076578616d706c65036f726700001c0001"), dns)

    def test_dns_over_tcp_has_the_length_prefix(self):
        pkt = bytes.fromhex(run("build", "ipv4/tcp(flags=PA)/dns(qname=a.example,noedns)", check=EX_OK).stdout)
        payload = pkt[40:]
        self.assertEqual(struct.unpack("!H", payload[:2])[0], len(payload) - 2)
        self.assertEqual(struct.unpack("!HH", pkt[20:24]), (1024, 53))   # default ports for DNS

    def test_json(self):
        doc = run_json("build", "eth/arp(request,spa=192.0.2.1,tpa=192.0.2.2);ipv4/raw(text=hi)")
        self.assertEqual([d["packet"] for d in doc], [1, 2])
        self.assertEqual(doc[0]["link_type"], "ethernet")
        self.assertEqual(doc[0]["layers"], ["eth", "arp"])
        self.assertEqual(doc[0]["length"], 42)
        self.assertEqual(doc[1]["link_type"], "raw")
        self.assertEqual(bytes.fromhex(doc[1]["hex"])[-2:], b"hi")

    def test_pcap_header_and_records(self):
        with tempfile.TemporaryDirectory() as tmp:
            for spec, linktype in (("eth/ipv4/udp", 1), ("ipv6/udp;ipv4/udp", 101), ("ppp/ipv4/icmp", 9)):
                path = os.path.join(tmp, "out.pcap")
                run("build", spec, "-o", path, check=EX_OK)
                data = open(path, "rb").read()
                magic, major, minor, _, _, snaplen, lt = struct.unpack("<IHHiIII", data[:24])
                self.assertEqual((magic, major, minor, lt), (0xA1B2C3D4, 2, 4, linktype), spec)
                records, off = 0, 24
                while off < len(data):
                    _, _, incl, orig = struct.unpack("<IIII", data[off:off + 16])
                    self.assertEqual(incl, orig)
                    off += 16 + incl
                    records += 1
                self.assertEqual(off, len(data))
                self.assertEqual(records, spec.count(";") + 1)

    def test_pcap_needs_one_link_type(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = run("build", "eth/ipv4;ipv4", "-o", os.path.join(tmp, "x.pcap"))
            self.assertEqual(proc.returncode, EX_USAGE)
            self.assertIn("'ipv4' at offset 9", proc.stderr)
            proc = run("build", "udp", "-o", os.path.join(tmp, "x.pcap"))
            self.assertEqual(proc.returncode, EX_USAGE)
            self.assertIn("starts with eth, ppp, ipv4 or ipv6", proc.stderr)

    def test_send_without_privilege_is_a_clear_error(self):
        if os.geteuid() != 0 or not os.path.exists("/usr/bin/setpriv"):
            self.skipTest("needs root to drop to an unprivileged user with setpriv")
        proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                               "--inh-caps=-all", os.environ.get("SOCKIT", "sockit"), "build",
                               "ipv4/udp", "--send", "-i", "lo"], capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, EX_OSERR, proc.stderr)
        self.assertIn("needs root or CAP_NET_RAW", proc.stderr)
        self.assertEqual(len(proc.stderr.strip().splitlines()), 1)


class RoundTripThroughDecode(unittest.TestCase):
    """What build writes, `sockit decode` (the wire decoder) reads back with the fields asked for."""

    def decode(self, spec):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rt.pcap")
            run("build", spec, "-o", path, check=EX_OK)
            out = run("decode", path, "--json", check=EX_OK).stdout
        return [json.loads(line) for line in out.splitlines()]

    def layers(self, frame):
        return [(name, fields) for layer in frame["layers"] for name, fields in layer.items()]

    def test_round_trips(self):
        cases = [
            # (spec, expected layer names, {layer: {field: value}})
            ("eth(dst=ff:ff:ff:ff:ff:ff,src=02:00:00:00:00:01)/ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=5)/udp(dport=53)",
             ["eth", "ip", "udp"], {"eth": {"dst": "ff:ff:ff:ff:ff:ff", "src": "02:00:00:00:00:01"},
                                    "ip": {"src": "192.0.2.1", "dst": "198.51.100.7", "ttl": 5}, "udp": {"dstport": 53}}),
            ("ipv6(src=2001:db8::1,dst=2001:db8::2,hlim=7)/tcp(sport=1234,dport=80,flags=S,mss=1460,wscale=7,sackok)",
             ["ipv6", "tcp"], {"ipv6": {"src": "2001:db8::1", "dst": "2001:db8::2", "hlim": 7},
                               "tcp": {"srcport": 1234, "dstport": 80}}),
            ("eth/arp(reply,sha=02:00:00:00:00:01,spa=192.0.2.1,tpa=192.0.2.2)",
             ["eth", "arp"], {"arp": {"opcode": 2, "src_proto_ipv4": "192.0.2.1", "dst_proto_ipv4": "192.0.2.2"}}),
            ("ipv4/icmp(echo,id=7,seq=9)/raw(text=ping)", ["ip", "icmp"], {"icmp": {"type": 8, "code": 0}}),
            ("eth/vlan(vid=42)/ipv6/frag(id=5,mf)/raw(zeros=16)", ["eth", "vlan", "ipv6", "ipv6.fragment"],
             {"vlan": {"id": 42}}),
        ]
        for spec, names, fields in cases:
            with self.subTest(spec=spec):
                frames = self.decode(spec)
                self.assertEqual(len(frames), 1)
                self.assertNotIn("stop", frames[0])
                got = self.layers(frames[0])
                self.assertEqual([n for n, _ in got][:len(names)], names)
                for name, f in got:
                    self.assertNotIn("issue", f, f"{name} has an issue")
                    for key, value in fields.get(name, {}).items():
                        self.assertEqual(f.get(key), value, f"{name}.{key}")


if __name__ == "__main__":
    unittest.main()
