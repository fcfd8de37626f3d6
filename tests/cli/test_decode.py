# SPDX-License-Identifier: MIT
# Tests of `sockit decode` and `sockit capture`: output modes, counts, BPF filters (against tcpdump's own
# filtering of the same file), errors and exit codes, and a live capture on lo of traffic made here.
import json
import os
import re
import socket
import struct
import subprocess
import tempfile
import threading
import time
import unittest

from sockit_test import EX_DATAERR, EX_IOERR, EX_OK, EX_USAGE, SOURCE_DIR, need, run

DATA = os.path.join(SOURCE_DIR, "tests", "data", "wire")
ETH = os.path.join(DATA, "golden_eth.pcap")


def tcpdump_lines(path, *filter_words):
    proc = subprocess.run(["tcpdump", "-nn", "-r", path, *filter_words], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, TZ="UTC"))
    return [l for l in proc.stdout.splitlines() if l and not l.startswith((" ", "\t"))]


class Decode(unittest.TestCase):
    def test_lines(self):
        out = run("decode", ETH, "--utc", check=EX_OK).stdout.splitlines()
        self.assertEqual(len(out), 45)
        rows = [
            (0, "22:13:20.000000 IP 192.0.2.1.1234 > 198.51.100.7.53: 0+ AAAA? example.org. (29)"),  # DNS query
            (2, "IP 192.0.2.1.40000 > 198.51.100.7.80: Flags [S], seq 1000, win 29200, options [mss 1460,sackOK,"
                "TS val 123456 ecr 0,nop,wscale 7], length 0"),                                      # SYN
            (3, "Flags [S.], seq 5000, ack 1001"),                                                  # SYN-ACK
            (8, "ICMP echo request, id 7, seq 1, length 24"),                                       # ping
            (22, "ICMP6, neighbor solicitation, who has fe80::2"),                                  # NDP
            (32, "frag id 777, offset 800+"),                                                       # IPv4 fragment
            (39, "ARP, Request who-has 198.51.100.7 tell 192.0.2.1, length 28"),
            (40, "ARP, Reply 198.51.100.7 is-at 02:00:00:00:00:02"),
            (42, "vlan 200, vlan 300, IP6 2001:db8::1 > fe80::2: ICMP6, echo request"),            # QinQ
            (44, "ethertype 0x88b5, length 32"),
        ]
        for index, text in rows:
            self.assertIn(text, out[index], f"line {index}")
        # Checksums: nothing on the default line (as tcpdump); -vv shows the verdicts in tcpdump's words.
        self.assertFalse(any("cksum" in l for l in out))
        vv = [l for l in run("decode", ETH, "-vv", check=EX_OK).stdout.splitlines() if not l.startswith("    ")]
        self.assertEqual(len(vv), 45)
        self.assertIn("IP (bad cksum 1234 (->8e8e)!) 192.0.2.1.1 > 198.51.100.7.2: [udp sum ok] UDP, length 6", vv[36])
        self.assertIn("[bad udp cksum 0x4321 -> 0x67aa!] UDP, length 7", vv[37])
        self.assertIn("Flags [S], cksum 0x66f9 (correct), seq 1000,", vv[2])

    def test_same_endpoints_and_times_as_tcpdump(self):
        need("tcpdump")
        ours = run("decode", ETH, "--utc", check=EX_OK).stdout.splitlines()
        theirs = tcpdump_lines(ETH)
        self.assertEqual(len(ours), len(theirs))
        # Time, family, source and destination of every TCP/UDP/ICMP line that tcpdump prints plainly.
        pattern = r"^(\S+) (?:vlan \d+, )*(IP6?) (\S+) > (\S+): (UDP|Flags|ICMP)"
        compared = 0
        for a, b in zip(ours, theirs):
            self.assertEqual(a.split()[0], b.split()[0])  # timestamp
            ma, mb = re.match(pattern, a), re.match(pattern, b)
            if ma and mb:
                self.assertEqual(ma.groups()[:4], mb.groups()[:4], f"\n{a}\n{b}")
                compared += 1
        self.assertGreater(compared, 25)

    def test_filters_select_what_tcpdump_selects(self):
        need("tcpdump")
        for expr in ["udp port 53", "tcp", "icmp6", "arp", "ip6 and udp", "vlan", "net 198.51.100.0/24"]:
            with self.subTest(filter=expr):
                ours = run("decode", ETH, expr, check=EX_OK).stdout.splitlines()
                self.assertEqual(len(ours), len(tcpdump_lines(ETH, expr)))
                self.assertGreater(len(ours), 0)
        # Filter words may also come unquoted, as with tcpdump.
        self.assertEqual(len(run("decode", ETH, "udp", "port", "53", check=EX_OK).stdout.splitlines()),
                         len(tcpdump_lines(ETH, "udp port 53")))

    def test_count(self):
        for n in (0, 1, 5):
            self.assertEqual(len(run("decode", ETH, "-c", n, check=EX_OK).stdout.splitlines()), n)
        # -c counts packets that pass the filter.
        self.assertEqual(len(run("decode", ETH, "-c", 2, "tcp", check=EX_OK).stdout.splitlines()), 2)

    def test_json_lines(self):
        out = run("decode", ETH, "--json", "-x", check=EX_OK).stdout.splitlines()
        self.assertEqual(len(out), 45)
        frames = [json.loads(l) for l in out]
        first = frames[0]
        self.assertEqual(first["frame"], 1)
        self.assertEqual(first["time"], "2023-11-14T22:13:20.000000Z")
        self.assertEqual([next(iter(l)) for l in first["layers"]], ["eth", "ip", "udp", "dns"])
        self.assertEqual(first["layers"][3]["dns"]["qry_name"], "example.org.")
        self.assertEqual(first["layers"][3]["dns"]["qry_type"], 28)
        self.assertEqual(frames[1]["layers"][3]["dns"]["a"], "192.0.2.80")
        self.assertEqual(first["layers"][1]["ip"]["src"], "192.0.2.1")
        self.assertEqual(first["layers"][2]["udp"]["dstport"], 53)
        self.assertEqual(bytes.fromhex(first["hex"])[:6], bytes.fromhex("020000000002"))
        self.assertEqual(frames[36]["layers"][1]["ip"]["issue"], "bad_checksum")

    def test_verbose_tree_and_hex(self):
        out = run("decode", ETH, "-v", "-c", 1, check=EX_OK).stdout.splitlines()
        self.assertEqual(len(out), 5)  # the line, then eth, ip, udp, dns
        self.assertTrue(out[1].startswith("    eth dst=02:00:00:00:00:02"))
        self.assertIn(" ttl=5 ", out[2])
        out = run("decode", ETH, "-x", "-c", 1, check=EX_OK).stdout.splitlines()
        self.assertEqual(out[1], "\t0x0000:  0200 0000 0002 0200 0000 0001 0800 4500")

    def test_stats(self):
        out = run("decode", ETH, "--stats", check=EX_OK).stdout
        self.assertIn("45 packets", out)
        self.assertRegex(out, r"\narp\s+3\s")
        self.assertRegex(out, r"\nbad_checksum\s+3\n")
        doc = json.loads(run("decode", ETH, "--stats", "--json", check=EX_OK).stdout.splitlines()[-1])
        self.assertEqual(doc["stats"]["packets"], 45)
        self.assertEqual(doc["stats"]["protocols"]["vlan"]["packets"], 3)

    def test_every_link_type(self):
        for name, first in [("golden_raw.pcap", "IP 192.0.2.1.1234 > 198.51.100.7.53"),
                            ("golden_ppp.pcap", "IP 192.0.2.1.1234"), ("golden_sll.pcap", "IP 192.0.2.1.1234"),
                            ("golden_sll2.pcap", "IP 192.0.2.1.1234"), ("golden_null.pcap", "IP 192.0.2.1.1234"),
                            ("golden_loop.pcap", "IP 192.0.2.1.1234")]:
            with self.subTest(file=name):
                out = run("decode", os.path.join(DATA, name), check=EX_OK).stdout.splitlines()
                self.assertIn(first, out[0])
                self.assertFalse(any("[" in l and "cksum" in l for l in out[:16]), name)

    def test_pcapng(self):
        need("editcap")
        with tempfile.TemporaryDirectory() as tmp:
            ng = os.path.join(tmp, "eth.pcapng")
            subprocess.run(["editcap", "-F", "pcapng", ETH, ng], check=True, capture_output=True, timeout=60)
            self.assertEqual(run("decode", ng, check=EX_OK).stdout, run("decode", ETH, check=EX_OK).stdout)

    def test_errors(self):
        with tempfile.TemporaryDirectory() as tmp:
            missing = os.path.join(tmp, "missing.pcap")
            proc = run("decode", missing)
            self.assertEqual(proc.returncode, EX_IOERR)
            self.assertIn("missing.pcap", proc.stderr)
            self.assertEqual(run("decode", ETH, "port port").returncode, EX_USAGE)
            # An unsupported link type (LINKTYPE_USB_LINUX, 189).
            odd = os.path.join(tmp, "usb.pcap")
            with open(odd, "wb") as f:
                f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 189))
            proc = run("decode", odd)
            self.assertEqual(proc.returncode, EX_DATAERR)
            self.assertIn("unsupported link type", proc.stderr)
            # A file cut in the middle of a record: the packets before it, then an I/O error.
            cut = os.path.join(tmp, "cut.pcap")
            with open(ETH, "rb") as f:
                data = f.read()
            with open(cut, "wb") as f:
                f.write(data[:300])
            proc = run("decode", cut)
            self.assertEqual(proc.returncode, EX_IOERR)
            self.assertGreater(len(proc.stdout.splitlines()), 0)
            # Not a capture file at all.
            junk = os.path.join(tmp, "junk.pcap")
            with open(junk, "wb") as f:
                f.write(b"this is not a capture file at all")
            self.assertEqual(run("decode", junk).returncode, EX_IOERR)


class Capture(unittest.TestCase):
    def test_unknown_interface(self):
        proc = run("capture", "-i", "no-such-if0", "-c", "1", "--timeout", "2")
        self.assertIn(proc.returncode, (EX_USAGE, 71))
        self.assertIn("no-such-if0", proc.stderr)

    def test_live_capture_on_loopback(self):
        if os.geteuid() != 0:
            self.skipTest("live capture needs root")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as rx, \
                socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as tx:
            rx.bind(("127.0.0.1", 0))
            port = rx.getsockname()[1]
            stop = threading.Event()

            def send():
                # Bounded: at most 200 datagrams over at most 10 s, until the capture is done.
                for i in range(200):
                    if stop.wait(0.05):
                        return
                    tx.sendto(b"capture me %d" % i, ("127.0.0.1", port))

            sender = threading.Thread(target=send)
            sender.start()
            try:
                proc = run("capture", "-i", "lo", "-c", "3", "--timeout", "15", "--json", f"udp dst port {port}",
                           timeout=30)
            finally:
                stop.set()
                sender.join()
            self.assertEqual(proc.returncode, EX_OK, proc.stderr)
            frames = [json.loads(l) for l in proc.stdout.splitlines()]
            self.assertEqual(len(frames), 3)
            for f in frames:
                udp = [l["udp"] for l in f["layers"] if "udp" in l][0]
                self.assertEqual(udp["dstport"], port)

            # -w writes a file that decode reads back.
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "lo.pcap")
                stop.clear()
                sender = threading.Thread(target=send)
                sender.start()
                try:
                    proc = run("capture", "-i", "lo", "-c", "2", "--timeout", "15", "-w", path,
                               f"udp dst port {port}", timeout=30)
                finally:
                    stop.set()
                    sender.join()
                self.assertEqual(proc.returncode, EX_OK, proc.stderr)
                self.assertIn("2 packets captured", proc.stderr)
                lines = run("decode", path, check=EX_OK).stdout.splitlines()
                self.assertEqual(len(lines), 2)
                self.assertIn(f"> 127.0.0.1.{port}: UDP", lines[0])

    def test_timeout_stops_an_idle_capture(self):
        if os.geteuid() != 0:
            self.skipTest("live capture needs root")
        t0 = time.monotonic()
        proc = run("capture", "-i", "lo", "--timeout", "1", "udp port 9 and host 127.0.0.254", timeout=30)
        self.assertEqual(proc.returncode, EX_OK, proc.stderr)
        self.assertLess(time.monotonic() - t0, 10)


if __name__ == "__main__":
    unittest.main()
