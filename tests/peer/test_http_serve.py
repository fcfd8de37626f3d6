# SPDX-License-Identifier: MIT
# `sockit http serve` against curl (the real client) and raw sockets: bodies by sha256, HEAD, 304, ranges,
# keep-alive reuse, pipelining, refusals, listings, traversal, every model, graceful stop, slow clients.
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from serve_harness import Server, connect, recv_all  # noqa: E402
from sockit_test import SOCKIT, need  # noqa: E402

SECRET = b"TOP-SECRET-do-not-serve-51c2"
MODELS = ["uniplex", "fork", "thread", "pool", "poll", "epoll", "reactors"]


class HttpServer(Server):
    """A running `sockit http serve` on 127.0.0.1, port 0."""

    def __init__(self, root, *args, timeout=10):
        super().__init__(str(root), "--port", "0", "--bind", "127.0.0.1", *args, expect=1, timeout=timeout,
                         command=("http", "serve"))

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port('http')}"


def sha(data):
    return hashlib.sha256(data).hexdigest()


def curl(*args, timeout=20):
    """Runs curl quietly (errors shown); returns the CompletedProcess with bytes stdout."""
    return subprocess.run(["curl", "-sS", "--max-time", "15", *map(str, args)], capture_output=True, timeout=timeout)


def code_of(*args):
    p = curl("-o", "/dev/null", "-w", "%{http_code}", *args)
    return int(p.stdout or b"0")


def raw_exchange(port, data, timeout=10):
    """Sends data on one connection and reads until the server closes it."""
    with connect(port, timeout=timeout) as s:
        s.sendall(data)
        return recv_all(s, timeout)


def split_responses(data, head_only=()):
    """[(status, {field: value}, body)] from a byte stream of Content-Length framed responses."""
    out = []
    while data:
        head, sep, data = data.partition(b"\r\n\r\n")
        assert sep, f"incomplete head: {head!r}"
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {k.lower(): v for k, v in (ln.split(": ", 1) for ln in lines[1:])}
        n = 0 if len(out) in head_only or status == 304 else int(fields.get("content-length", "0"))
        out.append((status, fields, data[:n]))
        data = data[n:]
    return out


class HttpServeCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need("curl")
        cls.base = tempfile.mkdtemp(prefix="sockit_http_serve_")
        cls.root = os.path.join(cls.base, "root")
        os.makedirs(os.path.join(cls.root, "sub dir"))
        cls.files = {
            "empty.txt": b"",
            "small.txt": b"hello from sockit\n",
            "big.bin": os.urandom(1024 * 1024),
            "page.html": b"<!doctype html><p>page</p>\n",
            "sub dir/n&me<1>.txt": b"x",
        }
        for name, content in cls.files.items():
            with open(os.path.join(cls.root, name), "wb") as f:
                f.write(content)
        with open(os.path.join(cls.base, "secret.txt"), "wb") as f:
            f.write(SECRET)
        os.symlink(os.path.join(cls.base, "secret.txt"), os.path.join(cls.root, "escape"))
        os.symlink("..", os.path.join(cls.root, "up"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.base, ignore_errors=True)

    def start(self, *args):
        srv = HttpServer(self.root, *args)
        self.addCleanup(srv.kill)
        return srv


class WithCurl(HttpServeCase):
    """One server (default model) and curl."""

    def setUp(self):
        self.srv = self.start("--json-log")

    def test_get_and_head_bodies_match(self):
        for name in ["empty.txt", "small.txt", "big.bin"]:
            p = curl("-o", "-", f"{self.srv.url}/{name}")
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(sha(p.stdout), sha(self.files[name]), name)
            h = curl("-I", f"{self.srv.url}/{name}")
            head = h.stdout.decode()
            self.assertIn("HTTP/1.1 200 OK", head)
            self.assertIn(f"Content-Length: {len(self.files[name])}\r\n", head)
            self.assertRegex(head, r"Last-Modified: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT")
            self.assertRegex(head, r"Date: ")
            self.assertIn("Server: sockit", head)
        self.assertIn(b"Content-Type: text/html; charset=utf-8", curl("-I", f"{self.srv.url}/page.html").stdout)

    def test_if_modified_since_gives_304(self):
        path = os.path.join(self.root, "small.txt")
        self.assertEqual(code_of("-z", path, f"{self.srv.url}/small.txt"), 304)  # same mtime
        self.assertEqual(code_of("-z", "Thu, 01 Jan 1970 00:00:10 GMT", f"{self.srv.url}/small.txt"), 200)
        etag = re.search(rb"ETag: (\S+)", curl("-I", f"{self.srv.url}/small.txt").stdout).group(1).decode()
        self.assertEqual(code_of("-H", f"If-None-Match: {etag}", f"{self.srv.url}/small.txt"), 304)

    def test_ranges(self):
        big = self.files["big.bin"]
        for spec, want in [("0-99", big[:100]), ("1000-", big[1000:]), ("-50", big[-50:]),
                           ("500000-500001", big[500000:500002])]:
            p = curl("-D", "-", "-o", "/dev/null", "-r", spec, f"{self.srv.url}/big.bin")
            self.assertIn(b"206 Partial Content", p.stdout, spec)
            body = curl("-r", spec, f"{self.srv.url}/big.bin").stdout
            self.assertEqual(sha(body), sha(want), spec)
        p = curl("-D", "-", "-o", "/dev/null", "-r", "2000000-", f"{self.srv.url}/big.bin")
        self.assertIn(b"416", p.stdout.split(b"\r\n")[0])
        self.assertIn(f"Content-Range: bytes */{len(big)}".encode(), p.stdout)
        # multi-range: the whole file with 200
        p = curl("-D", "/dev/stderr", "-r", "0-1,5-6", f"{self.srv.url}/small.txt")
        self.assertEqual(p.stdout, self.files["small.txt"])

    def test_keep_alive_reuses_one_connection(self):
        p = curl("-o", "/dev/null", "-o", "/dev/null", "-w", "%{num_connects}\n",
                 f"{self.srv.url}/small.txt", f"{self.srv.url}/big.bin")
        self.assertEqual(p.stdout.decode().split(), ["1", "0"], "the second transfer must reuse the connection")
        p = curl("-0", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{num_connects}\n",
                 f"{self.srv.url}/small.txt", f"{self.srv.url}/small.txt")
        self.assertEqual(p.stdout.decode().split(), ["1", "1"], "HTTP/1.0 without keep-alive closes")

    def test_pipelining_answers_in_order(self):
        reqs = (b"GET /small.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                b"HEAD /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"
                b"GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"
                b"GET /page.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        rs = split_responses(raw_exchange(self.srv.port("http"), reqs), head_only=(1,))
        self.assertEqual([r[0] for r in rs], [200, 200, 404, 200, 200])
        self.assertEqual(rs[0][2], self.files["small.txt"])
        self.assertEqual(rs[1][1]["content-length"], str(len(self.files["big.bin"])))
        self.assertEqual(sha(rs[3][2]), sha(self.files["big.bin"]))
        self.assertEqual(rs[4][2], self.files["page.html"])
        self.assertEqual(rs[4][1]["connection"], "close")

    def test_refusals(self):
        u = self.srv.url
        self.assertEqual(code_of("-X", "POST", "-d", "x", f"{u}/small.txt"), 405)
        self.assertIn(b"Allow: GET, HEAD", curl("-X", "DELETE", "-D", "-", "-o", "/dev/null", f"{u}/small.txt").stdout)
        self.assertEqual(code_of(f"{u}/missing"), 404)
        self.assertEqual(code_of("--path-as-is", f"{u}/../secret.txt"), 403)
        self.assertEqual(code_of(f"{u}/" + "a" * 10000), 414)
        self.assertEqual(code_of("-H", "X-Big: " + "b" * 20000, f"{u}/small.txt"), 431)
        got = raw_exchange(self.srv.port("http"), b"NOT HTTP AT ALL\r\n\r\n")
        self.assertTrue(got.startswith(b"HTTP/1.1 400 "), got)
        self.assertIn(b"Connection: close", got)

    def test_traversal_never_leaks(self):
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/escape", "/up/secret.txt",
                     "/up/", "/..%5csecret.txt", "/sub%20dir/../../secret.txt", "//" + self.base.lstrip("/") + "/secret.txt"]:
            p = curl("--path-as-is", "-D", "-", f"{self.srv.url}{path}")
            self.assertNotIn(SECRET, p.stdout, path)
            status = int(p.stdout.split(b" ", 2)[1])
            self.assertIn(status, (400, 403, 404), path)

    def test_directory_listing_and_redirect(self):
        p = curl("-D", "-", "-o", "/dev/null", f"{self.srv.url}/sub%20dir")
        self.assertIn(b"301", p.stdout.split(b"\r\n")[0])
        self.assertIn(b"Location: /sub%20dir/\r\n", p.stdout)
        page = curl("-L", f"{self.srv.url}/sub%20dir").stdout.decode()
        self.assertIn('href="./n%26me%3C1%3E.txt">n&amp;me&lt;1&gt;.txt</a>', page)
        root = curl(f"{self.srv.url}/").stdout.decode()
        names = re.findall(r'href="\./([^"]+)"', root)
        self.assertEqual(names, sorted(names))
        self.assertIn("big.bin", names)

    def test_json_access_log(self):
        curl("-A", "probe/1", f"{self.srv.url}/small.txt")
        rec = None
        deadline = time.monotonic() + 5
        while rec is None and time.monotonic() < deadline:
            line = self.srv.readline(5)
            j = json.loads(line)
            if j.get("event") == "request" and j["user_agent"] == "probe/1":
                rec = j
        self.assertIsNotNone(rec)
        self.assertEqual((rec["method"], rec["target"], rec["status"], rec["bytes"]),
                         ("GET", "/small.txt", 200, len(self.files["small.txt"])))


class Models(HttpServeCase):
    def test_every_model_serves_and_stops_cleanly(self):
        for model in MODELS:
            with self.subTest(model=model):
                srv = self.start("--model", model, "--workers", "2", "--grace", "1")
                self.assertEqual(curl(f"{srv.url}/small.txt").stdout, self.files["small.txt"])
                self.assertEqual(sha(curl(f"{srv.url}/big.bin").stdout), sha(self.files["big.bin"]))
                self.assertEqual(code_of("-r", "0-9", f"{srv.url}/big.bin"), 206)
                line = srv.readline(5)
                self.assertRegex(line, r'^127\.0\.0\.1 - - \[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d \+0000\] '
                                       r'"GET /small\.txt HTTP/1\.1" 200 18$')
                rc, _, err = srv.stop(signal.SIGINT if model == "poll" else signal.SIGTERM)
                self.assertEqual(rc, 0, err)

    def test_quiet_logs_nothing(self):
        srv = self.start("--quiet")
        curl(f"{srv.url}/small.txt")
        rc, out, _ = srv.stop()
        self.assertEqual(rc, 0)
        self.assertEqual(out.strip(), "")

    def test_bad_directory_is_a_usage_error(self):
        p = subprocess.run([SOCKIT, "http", "serve", os.path.join(self.base, "nope"), "--port", "0"],
                           capture_output=True, text=True, timeout=10)
        self.assertEqual(p.returncode, 64)
        self.assertRegex(p.stderr, r"^sockit http serve: '.*nope': No such file or directory")


class SlowClients(HttpServeCase):
    def test_slow_clients_do_not_block_and_time_out(self):
        count = 1000
        srv = self.start("--quiet", "--header-timeout", "2", "--max-conns", "4000", "--workers", "2")
        if srv.is_sanitized():
            count = 200  # ASan: each connection costs much more; the property is the same
        slow = []
        try:
            for _ in range(count):
                s = socket.create_connection(("127.0.0.1", srv.port("http")), timeout=5)
                s.sendall(b"GET /small.txt HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                slow.append(s)
            # A normal client gets its file promptly while they hang on.
            t0 = time.monotonic()
            p = curl("--max-time", "5", f"{srv.url}/big.bin")
            took = time.monotonic() - t0
            self.assertEqual(sha(p.stdout), sha(self.files["big.bin"]))
            self.assertLess(took, 1.5, "the normal client waited behind the slow ones")
            # One more byte each: trickling does not extend the header timeout.
            for s in slow:
                s.sendall(b"a")
            # Within the header timeout (2 s) plus margin, every slow connection is closed by the server.
            deadline = time.monotonic() + 6
            closed = 0
            for s in slow:
                s.settimeout(max(0.05, deadline - time.monotonic()))
                try:
                    if s.recv(1024) == b"":
                        closed += 1
                except ConnectionResetError:
                    closed += 1
                except socket.timeout:
                    pass
            self.assertEqual(closed, count, "slow connections outlived the header timeout")
        finally:
            for s in slow:
                s.close()
        rc, _, err = srv.stop()
        self.assertEqual(rc, 0, err)


if __name__ == "__main__":
    unittest.main()
