# SPDX-License-Identifier: MIT
# `sockit build` against peers: tshark dissects every packet with no malformed or bad-checksum expert note
# and with the fields asked for; scapy builds the same bytes; --send on lo is seen by tcpdump.
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from sockit_test import EX_OK, need, run

CHECKSUMS = ["-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"]

# (spec, tshark fields and the values expected, one row per packet)
PACKETS = [
    ("eth(dst=ff:ff:ff:ff:ff:ff,src=02:00:00:00:00:01)/ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=5)/udp(sport=40000,dport=53)"
     "/dns(qname=example.org,qtype=AAAA,id=4660)",
     {"eth.dst": "ff:ff:ff:ff:ff:ff", "ip.src": "192.0.2.1", "ip.dst": "198.51.100.7", "ip.ttl": "5",
      "udp.dstport": "53", "dns.id": "0x1234", "dns.qry.name": "example.org", "dns.qry.type": "28",
      "dns.flags.recdesired": "1"}),
    ("eth/ipv6(src=2001:db8::1,dst=2001:db8::53)/udp/dns(qname=_sip._tcp.Example.COM,qtype=SRV,do,edns=4096)",
     {"ipv6.src": "2001:db8::1", "dns.qry.name": "_sip._tcp.Example.COM", "dns.qry.type": "33",
      "dns.rr.udp_payload_size": "4096", "dns.resp.z.do": "1"}),
    ("eth/ipv4(dst=127.0.0.1)/tcp(sport=40001,dport=53,flags=PA,seq=1,ack=1)/dns(qname=a.example,qtype=MX,noedns)",
     {"tcp.srcport": "40001", "tcp.flags.push": "1", "dns.qry.name": "a.example", "dns.qry.type": "15",
      "dns.count.add_rr": "0"}),
    ("eth/ipv4(src=10.0.0.1,dst=10.0.0.2,df,id=77)/tcp(sport=5555,dport=80,flags=S,seq=1000,mss=1460,wscale=7,sackok,ts=1:0)",
     {"ip.flags.df": "1", "ip.id": "0x004d", "tcp.flags.syn": "1", "tcp.seq_raw": "1000", "tcp.options.mss_val": "1460",
      "tcp.options.wscale.shift": "7", "tcp.options.sack_perm": "0402"}),
    ("eth/ipv4(src=192.0.2.1,dst=192.0.2.2)/icmp(echo,id=1,seq=1)/raw(text=abcdefgh)",
     {"icmp.type": "8", "icmp.ident": "1", "icmp.seq": "1", "data.data": "6162636465666768"}),
    ("eth(src=02:00:00:00:00:01)/arp(request,sha=02:00:00:00:00:01,spa=192.0.2.1,tpa=192.0.2.2)",
     {"arp.opcode": "1", "arp.src.proto_ipv4": "192.0.2.1", "arp.dst.proto_ipv4": "192.0.2.2"}),
    ("eth/ipv6(src=fe80::1,dst=ff02::1:ff00:2)/icmp6(ns,target=fe80::2,sll=02:00:00:00:00:01)",
     {"icmpv6.type": "135", "icmpv6.nd.ns.target_address": "fe80::2", "icmpv6.opt.linkaddr": "02:00:00:00:00:01",
      "ipv6.hlim": "255"}),
    ("eth/ipv6(src=fe80::1,dst=ff02::1)/icmp6(ra,lifetime=1800,prefix=2001:db8::/64,mtu=1500)",
     {"icmpv6.type": "134", "icmpv6.nd.ra.router_lifetime": "1800", "icmpv6.opt.prefix": "2001:db8::",
      "icmpv6.opt.mtu": "1500"}),
    ("eth/vlan(vid=42,pcp=3)/ipv4/udp(sport=1,dport=9)/raw(hex=00:01:02)", {"vlan.id": "42", "vlan.priority": "3"}),
    ("eth/ipv6/hbh/frag(id=9)/udp(dport=9)/raw(zeros=4)", {"ipv6.fraghdr.ident": "0x00000009", "ipv6.hopopts.len": "0"}),
]


class Tshark(unittest.TestCase):
    def setUp(self):
        need("tshark")
        self.tmp = tempfile.mkdtemp()
        self.pcap = os.path.join(self.tmp, "b.pcap")
        run("build", ";".join(spec for spec, _ in PACKETS), "-o", self.pcap, check=EX_OK)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def tshark(self, *args):
        proc = subprocess.run(["tshark", "-n", "-r", self.pcap, *CHECKSUMS, *args], capture_output=True, text=True,
                              timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def test_no_malformed_or_bad_checksum_notes(self):
        # Expert infos of severity warning and up: a malformed packet or a bad checksum would be listed here.
        out = self.tshark("-q", "-z", "expert,warn")
        for word in ("Malformed", "malformed", "checksum", "Bad", "incorrect"):
            self.assertNotIn(word, out, out)
        # And no frame decodes as malformed either.
        self.assertEqual(self.tshark("-Y", "_ws.malformed || _ws.expert.severity >= warning").strip(), "")

    def test_fields_asked_for(self):
        names = sorted({n for _, fields in PACKETS for n in fields})
        args = ["-T", "fields", "-E", "separator=|", "-E", "occurrence=f"]
        for n in names:
            args += ["-e", n]
        rows = self.tshark(*args).splitlines()
        self.assertEqual(len(rows), len(PACKETS))
        for row, (spec, fields) in zip(rows, PACKETS):
            with self.subTest(spec=spec):
                got = dict(zip(names, row.split("|")))
                self.assertEqual({n: got[n] for n in fields}, fields)

    def test_checksums_verified_good(self):
        out = self.tshark("-T", "fields", "-e", "ip.checksum.status", "-e", "udp.checksum.status",
                          "-e", "tcp.checksum.status", "-e", "icmp.checksum.status", "-e", "icmpv6.checksum.status")
        statuses = [v for line in out.splitlines() for v in line.split("\t") if v]
        self.assertTrue(statuses)
        # One status per checksum: IPv4 headers (5), UDP (4), TCP (2), ICMP (1), ICMPv6 (2); 1 is "Good".
        self.assertEqual(len(statuses), 14, out)
        self.assertTrue(all(v == "1" for v in statuses), statuses)


class Scapy(unittest.TestCase):
    """scapy (the reference packet builder) produces the same bytes for the same stack."""

    def test_same_bytes_as_scapy(self):
        try:
            from scapy.all import ARP, DNS, DNSQR, ICMP, IP, TCP, UDP, Ether, IPv6, Raw, ICMPv6EchoRequest, conf
        except ImportError:
            self.skipTest("python3-scapy is not installed")
        conf.verb = 0
        cases = [
            ("ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=5,id=1)/udp(sport=1000,dport=53)/dns(qname=example.org,qtype=AAAA,id=4660,noedns)",
             IP(src="192.0.2.1", dst="198.51.100.7", ttl=5, id=1) / UDP(sport=1000, dport=53) /
             DNS(id=0x1234, rd=1, qd=DNSQR(qname="example.org", qtype="AAAA"))),
            ("eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01)/ipv4(src=10.0.0.1,dst=10.0.0.2,id=5)/tcp(sport=1,dport=2,seq=3,ack=4,flags=SA,win=1000)",
             Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01") / IP(src="10.0.0.1", dst="10.0.0.2", id=5) /
             TCP(sport=1, dport=2, seq=3, ack=4, flags="SA", window=1000)),
            ("ipv4(src=10.0.0.1,dst=10.0.0.2)/icmp(echo,id=7,seq=8)/raw(text=hello)",
             IP(src="10.0.0.1", dst="10.0.0.2", id=0) / ICMP(type=8, id=7, seq=8) / Raw(b"hello")),
            ("ipv6(src=2001:db8::1,dst=2001:db8::2,hlim=64)/icmp6(echo,id=1,seq=2)",
             IPv6(src="2001:db8::1", dst="2001:db8::2", hlim=64) / ICMPv6EchoRequest(id=1, seq=2)),
            ("eth(dst=ff:ff:ff:ff:ff:ff,src=02:00:00:00:00:01)/arp(request,sha=02:00:00:00:00:01,spa=192.0.2.1,tpa=192.0.2.2)",
             Ether(dst="ff:ff:ff:ff:ff:ff", src="02:00:00:00:00:01") /
             ARP(op=1, hwsrc="02:00:00:00:00:01", psrc="192.0.2.1", hwdst="00:00:00:00:00:00", pdst="192.0.2.2")),
        ]
        for spec, reference in cases:
            with self.subTest(spec=spec):
                got = bytes.fromhex(run("build", spec, "-x", check=EX_OK).stdout.strip())
                self.assertEqual(got.hex(), bytes(reference).hex())


class SendOnLoopback(unittest.TestCase):
    def test_send_is_captured_by_tcpdump(self):
        need("tcpdump")
        if os.geteuid() != 0:
            self.skipTest("--send and tcpdump need root")
        with tempfile.TemporaryDirectory() as tmp:
            cap = os.path.join(tmp, "cap.pcap")
            port = 40000 + os.getpid() % 20000
            dump = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-U", "-c", "2", "-w", cap, f"udp port {port}"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            self.addCleanup(dump.stderr.close)
            try:
                # tcpdump says "listening on lo" once its capture is open; wait for that (bounded).
                deadline = time.monotonic() + 20
                line = b""
                while b"listening" not in line and time.monotonic() < deadline:
                    line = dump.stderr.readline()
                self.assertIn(b"listening", line)
                spec = (f"eth(dst=00:00:00:00:00:00)/ipv4(src=127.0.0.1,dst=127.0.0.1)/udp(sport=1,dport={port})/raw(text=one);"
                        f"eth(dst=00:00:00:00:00:00)/ipv4(src=127.0.0.1,dst=127.0.0.1)/udp(sport=2,dport={port})/raw(text=two)")
                run("build", spec, "--send", "-i", "lo", check=EX_OK)
                dump.wait(timeout=20)
            finally:
                if dump.poll() is None:
                    dump.send_signal(signal.SIGINT)
                    dump.wait(timeout=10)
            out = subprocess.run(["tshark", "-n", "-r", cap, "-T", "fields", "-e", "udp.srcport", "-e", "data.data"],
                                 capture_output=True, text=True, timeout=60).stdout.split()
            self.assertEqual(out, ["1", b"one".hex(), "2", b"two".hex()])


if __name__ == "__main__":
    unittest.main()
