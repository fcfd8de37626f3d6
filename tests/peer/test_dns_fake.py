# SPDX-License-Identifier: MIT
# `sockit dns` against hostile and broken fake servers (Python, on 127.0.0.1 port 0): spoofed answers
# (wrong ID, wrong question, wrong source port, QR clear, malformed) are ignored and the genuine one is
# printed (RFC 5452 §9.1); a silent server gives exit 69 within timeout × tries; only malformed answers
# give 65; TC over UDP then a TCP stream with a wrong frame first; random IDs and source ports.
import json
import os
import socket
import struct
import tempfile
import threading
import time
import unittest

from sockit_test import EX_DATAERR, EX_OK, EX_UNAVAILABLE, free_port_on_both, run

QR, AA, TC, RD = 0x8000, 0x0400, 0x0200, 0x0100
# README's keys of the --json object, in order
KEYS = ["name", "type", "class", "server", "status", "error", "transport", "truncated_retry", "id", "flags",
        "answer", "authority", "additional", "edns", "time_ms", "msg_size", "when", "tries", "ignored", "malformed"]


def parse_query(data):
    """(id, question name wire, qtype, qclass) of a query."""
    qid = struct.unpack(">H", data[:2])[0]
    i = 12
    while data[i] != 0:
        i += data[i] + 1
    name = data[12:i + 1]
    qtype, qclass = struct.unpack(">HH", data[i + 1:i + 5])
    return qid, name, qtype, qclass


def response(qid, name, qtype, qclass, addresses=(), flags=QR | AA | RD, rcode=0):
    """A response with the given question and A records (owner: a pointer to the question name)."""
    out = struct.pack(">HHHHHH", qid, flags | rcode, 1, len(addresses), 0, 0)
    out += name + struct.pack(">HH", qtype, qclass)
    for a in addresses:
        out += b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton(a)
    return out


def wire_name(text):
    return b"".join(bytes([len(p)]) + p.encode() for p in text.rstrip(".").split(".")) + b"\x00"


class FakeUdp(threading.Thread):
    """Answers each query with handler(sock, data, peer); records (id, source port) of every query."""

    def __init__(self, handler, host="127.0.0.1", port=0):
        super().__init__(daemon=True)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((host, port))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.handler = handler
        self.queries = []
        self.stopping = threading.Event()
        self.start()

    def run(self):
        while not self.stopping.is_set():
            try:
                data, peer = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            self.queries.append((struct.unpack(">H", data[:2])[0], peer[1]))
            if self.handler:
                self.handler(self.sock, data, peer)

    def close(self):
        self.stopping.set()
        self.join(timeout=5)
        self.sock.close()


def spoofer(sock, data, peer):
    qid, name, qtype, qclass = parse_query(data)
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    other.bind(("127.0.0.1", 0))
    evil = wire_name("evil.example")
    bad = [
        response(qid ^ 0x5555, name, qtype, qclass, ["6.6.6.1"]),       # wrong ID
        response(qid, evil, qtype, qclass, ["6.6.6.2"]),                  # wrong question name
        response(qid, name, 28 if qtype != 28 else 1, qclass, ["6.6.6.3"]),  # wrong question type
        response(qid, name, qtype, 3, ["6.6.6.4"]),                       # wrong question class
        response(qid, name, qtype, qclass, ["6.6.6.5"], flags=AA | RD),   # QR clear: not a response
        response(qid, name, qtype, qclass, ["6.6.6.6"])[:-3],             # our ID, but truncated RDATA
    ]
    for b in bad:
        sock.sendto(b, peer)
    other.sendto(response(qid, name, qtype, qclass, ["6.6.6.7"]), peer)  # right answer, wrong source port
    other.close()
    time.sleep(0.05)
    # The genuine answer, with the name's case changed (0x20 style): still the same question.
    sock.sendto(response(qid, name.upper(), qtype, qclass, ["192.0.2.99"]), peer)


def answerer(sock, data, peer):
    qid, name, qtype, qclass = parse_query(data)
    sock.sendto(response(qid, name, qtype, qclass, ["192.0.2.42"]), peer)


class FakeServers(unittest.TestCase):
    def serve(self, handler, host="127.0.0.1", port=0):
        server = FakeUdp(handler, host, port)
        self.addCleanup(server.close)
        return server

    def test_spoofed_answers_are_ignored(self):
        server = self.serve(spoofer)
        proc = run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+short", "+timeout=3",
                   "+tries=1", check=EX_OK)
        self.assertEqual(proc.stdout, "192.0.2.99\n")
        doc = json.loads(run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+timeout=3",
                             "+tries=1", "--json", check=EX_OK).stdout)
        self.assertEqual([r["data"] for r in doc["answer"]], ["192.0.2.99"])
        self.assertEqual(doc["answer"][0]["name"], "WWW.EXAMPLE.TEST.")
        # wrong ID, name, type, class and QR are counted; the wrong port never reaches us (connected socket)
        self.assertEqual(list(doc), KEYS)
        self.assertEqual(doc["ignored"], 5)
        self.assertEqual(doc["malformed"], 1)
        text = run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+timeout=3", "+tries=1",
                   check=EX_OK).stdout
        self.assertIn(";; Warning: ignored 5 responses", text)
        self.assertNotIn("6.6.6.", text)

    def test_silent_server_exit_69_within_bound(self):
        server = self.serve(None)
        start = time.monotonic()
        proc = run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+timeout=0.4", "+tries=3",
                   check=EX_UNAVAILABLE)
        elapsed = time.monotonic() - start
        self.assertGreaterEqual(elapsed, 1.15)
        self.assertLess(elapsed, 1.2 + 1.5)
        self.assertIn("timed out", proc.stderr)
        self.assertTrue(proc.stderr.startswith("sockit dns: "), proc.stderr)
        self.assertEqual(proc.stdout, "")
        self.assertEqual(len(server.queries), 3)  # three tries of one query
        doc = json.loads(run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+timeout=0.2",
                             "+tries=1", "--json", check=EX_UNAVAILABLE).stdout)
        self.assertEqual(doc["status"], "TIMEOUT")
        self.assertEqual(doc["answer"], [])
        self.assertIn("timed out", doc["error"])
        self.assertEqual(list(doc), KEYS)  # the same keys as for an answer

    def test_late_answer_to_an_earlier_try_counts(self):
        def late(sock, data, peer):
            qid, name, qtype, qclass = parse_query(data)
            if len(late.seen) == 0:
                late.seen.append(qid)
                threading.Timer(0.5, lambda: sock.sendto(response(qid, name, qtype, qclass, ["192.0.2.5"]),
                                                         peer)).start()
        late.seen = []
        server = self.serve(late)
        proc = run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+timeout=0.3", "+tries=3",
                   "+short", check=EX_OK)
        self.assertEqual(proc.stdout, "192.0.2.5\n")

    def test_refused_port_exit_69_fast(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()  # nothing listens there now: ICMP port unreachable
        start = time.monotonic()
        proc = run("dns", "www.example.test", "@127.0.0.1", "-p", port, "+timeout=5", "+tries=2",
                   check=EX_UNAVAILABLE)
        self.assertLess(time.monotonic() - start, 4)
        self.assertIn("refused", proc.stderr.lower())

    def test_only_malformed_answers_exit_65(self):
        def garbage(sock, data, peer):
            qid, name, qtype, qclass = parse_query(data)
            sock.sendto(struct.pack(">HHHHHH", qid, QR, 1, 1, 0, 0) + b"\x03abc", peer)
        server = self.serve(garbage)
        proc = run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+timeout=0.3", "+tries=2",
                   check=EX_DATAERR)
        self.assertIn("malformed", proc.stderr)

    def test_rcodes_are_answers(self):
        for rcode, name in ((2, "SERVFAIL"), (5, "REFUSED"), (3, "NXDOMAIN")):
            def answer(sock, data, peer, rcode=rcode):
                qid, qname, qtype, qclass = parse_query(data)
                sock.sendto(response(qid, qname, qtype, qclass, rcode=rcode), peer)
            server = self.serve(answer)
            doc = json.loads(run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "--json",
                                 check=EX_OK).stdout)
            self.assertEqual(doc["status"], name)

    def test_random_ids_and_source_ports(self):
        server = self.serve(None)
        types = ["A", "AAAA", "MX", "TXT", "NS", "SOA", "SRV", "CAA", "PTR", "CNAME", "HINFO", "NAPTR"]
        run("dns", "www.example.test", *types, "@127.0.0.1", "-p", server.port, "+timeout=0.3", "+tries=1",
            check=EX_UNAVAILABLE)
        ids = [q[0] for q in server.queries]
        ports = [q[1] for q in server.queries]
        self.assertEqual(len(ids), len(types))
        self.assertEqual(len(set(ports)), len(types))  # a fresh socket (port) per query
        self.assertGreaterEqual(len(set(ids)), len(types) - 1)  # 16 random bits: a collision is rare

    def test_truncated_udp_then_tcp_with_a_bad_frame_first(self):
        def tc(sock, data, peer):
            qid, name, qtype, qclass = parse_query(data)
            sock.sendto(response(qid, name, qtype, qclass, flags=QR | AA | RD | TC), peer)
        # One port for both servers, free for TCP (other tests' connections take ephemeral TCP ports).
        port = free_port_on_both((socket.SOCK_STREAM, socket.SOCK_DGRAM))
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        tcp.bind(("127.0.0.1", port))
        server = self.serve(tc, port=port)
        tcp.listen(4)
        tcp.settimeout(10)
        self.addCleanup(tcp.close)

        def tcp_serve():
            try:
                conn, _ = tcp.accept()
            except OSError:
                return
            with conn:
                buf = b""
                while len(buf) < 2 or len(buf) < 2 + struct.unpack(">H", buf[:2])[0]:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    buf += chunk
                qid, name, qtype, qclass = parse_query(buf[2:])
                wrong = response(qid ^ 1, name, qtype, qclass, ["6.6.6.6"])
                right = response(qid, name, qtype, qclass, ["192.0.2.42", "192.0.2.43"])
                frames = struct.pack(">H", len(wrong)) + wrong + struct.pack(">H", len(right)) + right
                for i in range(0, len(frames), 7):  # dribble it out in small pieces
                    conn.sendall(frames[i:i + 7])
                    time.sleep(0.002)
        t = threading.Thread(target=tcp_serve, daemon=True)
        t.start()
        doc = json.loads(run("dns", "www.example.test", "@127.0.0.1", "-p", server.port, "+timeout=3",
                             "--json", check=EX_OK).stdout)
        t.join(timeout=5)
        self.assertEqual(doc["transport"], "tcp")
        self.assertTrue(doc["truncated_retry"])
        self.assertEqual(sorted(r["data"] for r in doc["answer"]), ["192.0.2.42", "192.0.2.43"])
        self.assertEqual(doc["ignored"], 1)

    def test_tcp_server_that_closes_exit_69(self):
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.bind(("127.0.0.1", 0))
        tcp.listen(8)
        tcp.settimeout(0.2)
        port = tcp.getsockname()[1]
        stop = threading.Event()

        def closer():
            while not stop.is_set():
                try:
                    conn, _ = tcp.accept()
                    conn.close()
                except OSError:
                    continue
        t = threading.Thread(target=closer, daemon=True)
        t.start()
        self.addCleanup(lambda: (stop.set(), t.join(timeout=5), tcp.close()))
        proc = run("dns", "www.example.test", "@127.0.0.1", "-p", port, "+tcp", "+timeout=2", "+tries=2",
                   check=EX_UNAVAILABLE)
        # Closed before or after our query arrived: an EOF or a reset, both reported as such.
        self.assertRegex(proc.stderr.lower(), r"closed|reset")

    def test_server_and_options_from_resolv_conf(self):
        """No @SERVER: the nameservers of resolv.conf ($SOCKIT_RESOLV_CONF here, never the system's) in
        order, with its timeout and attempts: a query the first leaves unanswered goes to the second."""
        silent = self.serve(None)

        def resolve(*args, conf_text, check):
            with tempfile.NamedTemporaryFile("w", suffix=".conf") as conf:
                conf.write(conf_text)
                conf.flush()
                env = dict(os.environ, SOCKIT_RESOLV_CONF=conf.name)
                start = time.monotonic()
                proc = run("dns", *args, "-p", silent.port, env=env, check=check)
                return proc, time.monotonic() - start

        # 127.0.0.2: nothing listens on the port there (refused at once).
        two = "# test\nnameserver 127.0.0.1\nnameserver 127.0.0.2\noptions timeout:1 attempts:2\n"
        proc, elapsed = resolve("www.example.test", conf_text=two, check=EX_UNAVAILABLE)
        self.assertEqual(len(silent.queries), 2)  # both tries to the first
        self.assertGreaterEqual(elapsed, 1.9)
        self.assertLess(elapsed, 2 + 1.5)
        self.assertIn("no answer from any of 2 servers", proc.stderr)
        self.assertIn("@127.0.0.2#", proc.stderr)  # the last one asked
        self.assertIn("refused", proc.stderr.lower())

        second = self.serve(answerer, "127.0.0.2", silent.port)
        proc, elapsed = resolve("www.example.test", "+short", conf_text=two, check=EX_OK)
        self.assertEqual(proc.stdout, "192.0.2.42\n")
        self.assertEqual(len(silent.queries), 4)
        self.assertEqual(len(second.queries), 1)
        self.assertGreaterEqual(elapsed, 1.9)  # the first server's two tries were waited out first
        doc = json.loads(resolve("www.example.test", "--json", conf_text=two, check=EX_OK)[0].stdout)
        self.assertEqual(doc["server"], f"127.0.0.2:{silent.port}")
        self.assertEqual(doc["status"], "NOERROR")

        # The same in a batch, every line answered by the second server; the first is not asked again
        # when it comes second.
        fast = "nameserver 127.0.0.1\nnameserver 127.0.0.2\noptions timeout:1 attempts:1\n"
        names = "".join(f"n{i}.example.test\n" for i in range(5))
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
            f.write(names)
            f.flush()
            proc, _ = resolve("--batch", f.name, conf_text=fast, check=EX_OK)
            lines = [json.loads(x) for x in proc.stdout.splitlines()]
            self.assertEqual([o["status"] for o in lines], ["NOERROR"] * 5)
            self.assertEqual([o["answers"][0]["data"] for o in lines], ["192.0.2.42"] * 5)
            before = len(silent.queries)
            resolve("--batch", f.name, conf_text=fast.replace("127.0.0.1", "127.0.0.3").replace(
                "nameserver 127.0.0.2", "nameserver 127.0.0.2\nnameserver 127.0.0.1"), check=EX_OK)
            self.assertEqual(len(silent.queries), before)

    def test_usage_errors_exit_64(self):
        for args in (["bad..name", "@127.0.0.1"], ["x.test", "BOGUSTYPE", "@127.0.0.1"], ["x.test", "+bogus"],
                     [], ["x.test", "@127.0.0.1", "-p", "0"], ["x.test", "@[::1"]):
            proc = run("dns", *args)
            self.assertEqual(proc.returncode, 64, f"{args}: {proc.stderr}")
            self.assertTrue(proc.stderr.startswith("sockit dns: "), proc.stderr)
            self.assertEqual(proc.stdout, "")


if __name__ == "__main__":
    unittest.main()
