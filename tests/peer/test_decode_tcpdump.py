# SPDX-License-Identifier: MIT
# `sockit decode` against `tcpdump -nn -r` line for line: crafted cases (every TCP option tcpdump names,
# malformed option lists, relative and absolute TCP numbers, mDNS, LLMNR, DNS section counts, checksums
# at -vv), and a loopback session recorded here (curl fetching from a local HTTP server, an mDNS exchange
# on 5353, LLMNR on 5355), whose offloaded checksums must read "unverified", not bad.
import http.server
import json
import os
import re
import socket
import struct
import subprocess
import tempfile
import threading
import unittest

from pcap_file import pcap_records, tcpdump_recording
from sockit_test import EX_OK, SOURCE_DIR, need, run

DATA = os.path.join(SOURCE_DIR, "tests", "data", "wire")
TIMESTAMP = re.compile(r"^\d\d:\d\d:\d\d\.\d{6} ")
# Where the two differ by design: tcpdump 4.99 prints only the UDP length on LLMNR's port; we decode it.
LLMNR = re.compile(r"^(.*\.5355(?: > \S+)?: |.* > \S+\.5355: )UDP, length (\d+)$")
# Checksum verdicts as tcpdump -vv writes them (and ours, with "unverified" for offloaded sums).
VERDICT = re.compile(r"cksum 0x[0-9a-f]{4} \((?:correct|incorrect -> 0x[0-9a-f]{4}|unverified)\)"
                     r"|\[(?:udp sum ok|icmp6 sum ok|no cksum|bad (?:udp|icmp6) cksum 0x[0-9a-f]{4} -> 0x[0-9a-f]{4}!"
                     r"|udp cksum 0x[0-9a-f]{4} unverified)\]"
                     r"|bad cksum [0-9a-f]+ \(->[0-9a-f]+\)!|wrong icmp cksum [0-9a-f]+ \(->[0-9a-f]+\)!")


def tcpdump_records(path, *flags):
    """tcpdump's output for the file, one string per packet (-v puts the IP header on a line of its own)."""
    proc = subprocess.run(["tcpdump", "-nn", *flags, "-r", path], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, TZ="UTC"))
    if proc.returncode != 0:
        raise AssertionError(f"tcpdump failed: {proc.stderr}")
    records = []
    for line in proc.stdout.splitlines():
        if TIMESTAMP.match(line) or not records:
            records.append(line)
        else:
            records[-1] += " " + line.strip()
    return records


def sockit_lines(path, *flags):
    return [l for l in run("decode", "--utc", *flags, path, check=EX_OK).stdout.splitlines()
            if not l.startswith("    ")]


def offloaded_verdict(tcpdump_verdict):
    """What we write where tcpdump reports a checksum that NIC offload left partial."""
    m = re.match(r"cksum (0x[0-9a-f]{4}) \(incorrect", tcpdump_verdict)
    if m:
        return f"cksum {m.group(1)} (unverified)"
    m = re.match(r"\[bad udp cksum (0x[0-9a-f]{4}) ->", tcpdump_verdict)
    return f"[udp cksum {m.group(1)} unverified]" if m else tcpdump_verdict


class TcpdumpLines(unittest.TestCase):
    def setUp(self):
        need("tcpdump")

    def assert_same_lines(self, path, *flags):
        """Every line equal, LLMNR's aside (there ours must be the DNS form of the same length)."""
        ours, theirs = sockit_lines(path, *flags), tcpdump_records(path, *flags)
        self.assertEqual(len(ours), len(theirs), f"{path} {flags}")
        for n, (mine, ref) in enumerate(zip(ours, theirs), 1):
            m = LLMNR.match(ref)
            if m:
                self.assertTrue(mine.startswith(m.group(1)), f"frame {n}:\n{mine}\n{ref}")
                self.assertRegex(mine[len(m.group(1)):], r"^\d+\S* .*\(" + m.group(2) + r"\)$", f"frame {n}")
                continue
            self.assertEqual(mine, ref, f"frame {n} {flags}")
        return ours

    def assert_same_verdicts(self, path, offloaded=False):
        """-vv: the same checksum verdicts per packet; offloaded: tcpdump's "incorrect" is our "unverified"."""
        ours, theirs = sockit_lines(path, "-vv"), tcpdump_records(path, "-vv")
        self.assertEqual(len(ours), len(theirs))
        seen = 0
        for n, (mine, ref) in enumerate(zip(ours, theirs), 1):
            want = VERDICT.findall(ref)
            got = VERDICT.findall(mine)
            if offloaded and any("unverified" in v for v in got):
                want = [offloaded_verdict(v) for v in want]
            self.assertEqual(got, want, f"frame {n}:\n{mine}\n{ref}")
            seen += len(got)
        return seen

    def test_crafted_cases(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "cases.pcap")
            subprocess.run(["/usr/bin/python3", os.path.join(DATA, "make_tcpdump_cases.py"), path], check=True,
                           capture_output=True, timeout=120)
            lines = self.assert_same_lines(path)
            self.assertGreater(len(lines), 60)
            text = "\n".join(lines)
            for piece in ("options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]", "tfo  cookiereq", "[bad opt]",
                          "sack 2 {19:119}{219:319}", "seq 0:18, ack 1", "(QU)? printer.local.", "(Cache flush) A",
                          "[|tcp]", "[len 3]", "mptcp 12 capable v1 csum"):
                self.assertIn(piece, text)
            self.assert_same_lines(path, "-S")  # absolute numbers
            self.assertGreater(self.assert_same_verdicts(path), 40)

    def test_loopback_session(self):
        if os.geteuid() != 0:
            self.skipTest("recording on lo needs root")
        need("curl")
        with tempfile.TemporaryDirectory() as tmp, LocalServices() as services:
            path = os.path.join(tmp, "lo.pcap")
            expr = f"host 127.0.0.1 and (tcp port {services.http_port} or udp port 5353 or udp port 5355)"
            with tcpdump_recording(path, expr, want=14) as rec:
                services.exchange(tmp)
            self.assertGreaterEqual(pcap_records(path), 14, rec.stderr)
            lines = self.assert_same_lines(path)
            text = "\n".join(lines)
            self.assertIn("options [mss 65495,", text)     # the SYN's options
            self.assertRegex(text, r"Flags \[\.\], ack 1, win")  # numbers relative after the handshake
            self.assertIn("(QU)? printer.local.", text)
            self.assertIn("(Cache flush) A 192.0.2.9", text)
            self.assertIn(".5355: 5 A? host. (22)", text)  # LLMNR in the DNS form
            self.assertNotIn("cksum", text)                  # nothing about checksums by default
            self.assert_same_lines(path, "-S")
            self.assertGreaterEqual(self.assert_same_verdicts(path, offloaded=True), 14)
            # Every transport checksum of the session is left to offload on lo: unverified in every output.
            frames = [json.loads(l) for l in run("decode", "--json", path, check=EX_OK).stdout.splitlines()]
            verdicts = [layer[name]["checksum_status"] for f in frames for layer in f["layers"]
                        for name in layer if name in ("tcp", "udp")]
            self.assertEqual(len(verdicts), len(frames))
            self.assertTrue(set(verdicts) <= {"unverified", "ok"}, verdicts)
            self.assertIn("unverified", run("decode", "-v", path, check=EX_OK).stdout)


class LocalServices:
    """An HTTP server on 127.0.0.1 (curl fetches a page: a TCP connection with options), and the UDP
    sockets of an mDNS and an LLMNR exchange on 127.0.0.1."""

    def __enter__(self):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
        self.http_port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1})
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.thread.join()
        self.httpd.server_close()

    def exchange(self, tmp):
        subprocess.run(["curl", "-s", "-o", os.path.join(tmp, "page"), "--max-time", "10",
                        f"http://127.0.0.1:{self.http_port}/"], check=True, timeout=20)
        # mDNS (RFC 6762): a question wanting a unicast answer, one for multicast; answers with cache-flush.
        question = dns_message(0, 0, [("printer.local", 1, 0x8001), ("x.local", 28, 1)], [])
        answer = dns_message(0, 0x8400, [], [("printer.local", 1, 0x8001, 120, bytes([192, 0, 2, 9])),
                                             ("x.local", 28, 1, 10, bytes(15) + b"\x01")])
        udp_exchange(5353, question, answer)
        # LLMNR (RFC 4795): the same message format, class IN.
        question = dns_message(5, 0, [("host", 1, 1)], [])
        answer = dns_message(5, 0x8000, [("host", 1, 1)], [("host", 1, 1, 30, bytes([127, 0, 0, 1]))])
        udp_exchange(5355, question, answer)


class QuietHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from the loopback\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def dns_message(ident, flags, questions, answers):
    """A DNS message (RFC 1035 §4.1) from (name, type, class) questions and (name, type, class, ttl,
    rdata) answers."""
    def name(n):
        return b"".join(bytes([len(l)]) + l.encode() for l in n.split(".")) + b"\0"
    out = struct.pack(">HHHHHH", ident, flags, len(questions), len(answers), 0, 0)
    out += b"".join(name(n) + struct.pack(">HH", t, c) for n, t, c in questions)
    out += b"".join(name(n) + struct.pack(">HHIH", t, c, ttl, len(rd)) + rd for n, t, c, ttl, rd in answers)
    return out


def udp_exchange(port, question, answer):
    """Sends question from an ephemeral port to 127.0.0.1:port and answer back, on sockets bound here."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        server.bind(("127.0.0.1", port))
        server.settimeout(5)
        client.settimeout(5)
        client.sendto(question, ("127.0.0.1", port))
        _, peer = server.recvfrom(2048)
        server.sendto(answer, peer)
        client.recv(2048)


if __name__ == "__main__":
    unittest.main()
