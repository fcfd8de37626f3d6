# SPDX-License-Identifier: MIT
# `sockit http get` against a scripted Python server for what nginx will not do: chunked bodies with
# extensions and trailers, 1xx before the response, responses cut short (head, Content-Length body, chunked
# body), malformed status lines and chunks, a huge head, a server that never answers (--timeout), answers
# that keep the connection open; request side: POST/PUT bodies and Content-Length checked by the server,
# -H replacing and removing defaults, method rewriting on 301/302/303/307/308, -v's shape, usage errors.
import json
import socket
import subprocess
import threading
import time
import unittest

from nc_peer import free_port
from sockit_test import (EX_DATAERR, EX_OK, EX_USAGE, EX_UNAVAILABLE, SOCKIT)
import shutil
import tempfile
import os

CURL = shutil.which("curl") or "/usr/bin/curl"

CHUNKED = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
           b"5;name=value\r\nhello\r\n"
           b"1;quoted=\"a b\";flag\r\n \r\n"
           b"6\r\nworld!\r\n"
           b"0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n")


class ScriptedServer:
    """Accepts connections on 127.0.0.1, reads one request (head and Content-Length body), records it, and
    answers with what `routes[path]` says: bytes (sent, then the connection is closed), or a callable
    taking the socket."""

    def __init__(self, routes):
        self.routes = routes
        self.requests = []
        self.stop = threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.threads = [threading.Thread(target=self._serve, daemon=True)]
        self.threads[0].start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        self.stop.set()
        for t in list(self.threads):
            t.join(timeout=15)
        self.sock.close()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            t = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self.threads.append(t)
            t.start()

    def _handle(self, conn):
        with conn:
            conn.settimeout(10)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _version = lines[0].split(" ")
                headers = [tuple(x.strip() for x in line.split(":", 1)) for line in lines[1:]]
                length = int(next((v for k, v in headers if k.lower() == "content-length"), "0"))
                while len(body) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    body += chunk
                self.requests.append({"method": method, "target": target, "headers": headers, "body": body,
                                      "raw_head": head})
                answer = self.routes.get(target.split("?")[0], b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                if callable(answer):
                    answer(conn, self)
                else:
                    conn.sendall(answer)
            except OSError:
                pass

    def last(self):
        return self.requests[-1]


def hold_open(payload, seconds=20):
    """Sends payload and keeps the connection open (a client must not wait for the close)."""
    def act(conn, server):
        conn.sendall(payload)
        server.stop.wait(seconds)
    return act


def silent(conn, server):
    server.stop.wait(30)


def huge_header(conn, server):
    conn.sendall(b"HTTP/1.1 200 OK\r\n" + b"X-Big: " + b"a" * 100000 + b"\r\nContent-Length: 0\r\n\r\n")


def endless_continue(conn, server):
    for _ in range(1000):
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")


def echo(conn, server):
    req = server.last()
    body = f"{req['method']} {len(req['body'])}".encode()
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))


def redirect(status, location):
    return (f"HTTP/1.1 {status} Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n").encode()


ROUTES = {
    "/chunked": CHUNKED,
    "/continue": (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                  b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
    "/cut-length": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789",
    "/cut-chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
    "/cut-head": b"HTTP/1.1 200 OK\r\nContent-Le",
    "/nothing": b"",
    "/bad-status": b"HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n",
    "/bad-chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "/both-lengths": b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "/huge-header": huge_header,
    "/obs-text": (b"HTTP/1.1 200 D\xe9j\xe0 vu\r\nX-Latin: caf\xe9\r\nX-Utf8: caf\xc3\xa9\r\n"
                  b"X-Broken: \xed\xa0\x80\r\nContent-Length: 0\r\n\r\n"),
    "/endless-100": endless_continue,
    "/silent": silent,
    "/204-open": hold_open(b"HTTP/1.1 204 No Content\r\n\r\n"),
    "/304-open": hold_open(b"HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"),
    "/length-open": hold_open(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA"),
    "/chunked-open": hold_open(CHUNKED),
    "/slow-body": hold_open(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
    "/echo": echo,
    "/r301": redirect(301, "/echo"),
    "/r302": redirect(302, "/echo"),
    "/r303": redirect(303, "echo"),
    "/r307": redirect(307, "/echo"),
    "/r308": redirect(308, "/echo"),
    "/to-https": redirect(302, "https://127.0.0.1/x"),
    "/bad-location": redirect(302, "http://[::1/"),
}


def sockit(*args, timeout=60, **kw):
    return subprocess.run([SOCKIT, "http", "get", *map(str, args)], capture_output=True, timeout=timeout, **kw)


class Edge(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ScriptedServer(ROUTES)

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def url(self, path):
        return self.server.url(path)

    def test_chunked_with_extensions_and_trailers_like_curl(self):
        mine = sockit(self.url("/chunked"))
        self.assertEqual((mine.returncode, mine.stdout), (EX_OK, b"hello world!"), mine.stderr)
        theirs = subprocess.run([CURL, "-s", self.url("/chunked")], capture_output=True, timeout=60)
        self.assertEqual(mine.stdout, theirs.stdout)

    def test_interim_responses_are_skipped(self):
        mine = sockit(self.url("/continue"))
        self.assertEqual((mine.returncode, mine.stdout), (EX_OK, b"ok"))
        heads = sockit("-i", self.url("/continue")).stdout
        self.assertTrue(heads.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"))
        self.assertTrue(heads.endswith(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
        theirs = subprocess.run([CURL, "-s", "-i", self.url("/continue")], capture_output=True, timeout=60)
        self.assertEqual(heads, theirs.stdout)

    def test_cut_short_is_unavailable_and_says_where(self):
        p = sockit(self.url("/cut-length"))
        self.assertEqual(p.returncode, EX_UNAVAILABLE)
        self.assertEqual(p.stdout, b"0123456789")  # streamed as it came
        self.assertIn(b"server closed the connection before the body ended (after 10 of 100 body bytes)", p.stderr)
        p = sockit(self.url("/cut-chunked"))
        self.assertEqual((p.returncode, p.stdout), (EX_UNAVAILABLE, b"hello"))
        self.assertIn(b"before the last chunk", p.stderr)
        p = sockit(self.url("/cut-head"))
        self.assertEqual(p.returncode, EX_UNAVAILABLE)
        self.assertIn(b"in the middle of the response head", p.stderr)
        p = sockit(self.url("/nothing"))
        self.assertEqual(p.returncode, EX_UNAVAILABLE)
        self.assertIn(b"closed the connection without a response", p.stderr)

    def test_malformed_responses_are_data_errors(self):
        for path, why in (("/bad-status", b"malformed status line"), ("/bad-chunk", b"malformed chunked encoding"),
                          ("/both-lengths", b"both Transfer-Encoding and Content-Length"),
                          ("/huge-header", b"header fields too large"),
                          ("/endless-100", b"too many 1xx interim responses (more than 16)")):
            with self.subTest(path=path):
                p = sockit(self.url(path))
                self.assertEqual(p.returncode, EX_DATAERR, p.stderr)
                self.assertIn(why, p.stderr)
                self.assertEqual(p.stderr.count(b"\n"), 1)

    def test_never_answering_server_times_out(self):
        for flags in (["--timeout", "1"], ["--read-timeout", "0.5"]):
            with self.subTest(flags=flags):
                start = time.monotonic()
                p = sockit(*flags, self.url("/silent"))
                elapsed = time.monotonic() - start
                self.assertEqual(p.returncode, EX_UNAVAILABLE)
                self.assertIn(b"timed out" if "--read-timeout" in flags else b"overall time limit", p.stderr)
                self.assertLess(elapsed, 5)
                self.assertGreater(elapsed, 0.4)

    def test_framed_answers_do_not_wait_for_the_close(self):
        for path, body in (("/204-open", b""), ("/304-open", b""), ("/length-open", b"hello"),
                           ("/chunked-open", b"hello world!")):
            with self.subTest(path=path):
                start = time.monotonic()
                p = sockit("--timeout", "8", self.url(path))
                self.assertEqual((p.returncode, p.stdout), (EX_OK, body), p.stderr)
                self.assertLess(time.monotonic() - start, 4)
        p = sockit("--timeout", "1e300", "--read-timeout", "1e300", self.url("/length-open"))  # no overflow
        self.assertEqual((p.returncode, p.stdout), (EX_OK, b"hello"), p.stderr)
        p = sockit("--read-timeout", "0.5", self.url("/slow-body"))
        self.assertEqual((p.returncode, p.stdout), (EX_UNAVAILABLE, b"abc"))
        self.assertIn(b"no data for 500 ms", p.stderr)

    def test_post_data_and_content_length(self):
        p = sockit("-d", "a=1&b=2", self.url("/echo"))
        self.assertEqual((p.returncode, p.stdout), (EX_OK, b"POST 7"))
        req = self.server.last()
        self.assertEqual((req["method"], req["body"]), ("POST", b"a=1&b=2"))
        headers = dict(req["headers"])
        self.assertEqual(headers["Content-Length"], "7")
        self.assertEqual(headers["Content-Type"], "application/x-www-form-urlencoded")
        with tempfile.NamedTemporaryFile() as f:
            payload = bytes(range(256)) * 1000 + b"\n\n"
            f.write(payload)
            f.flush()
            p = sockit("-X", "PUT", "-d", "@" + f.name, "-H", "Content-Type: application/octet-stream",
                       self.url("/echo"))
            self.assertEqual((p.returncode, p.stdout), (EX_OK, b"PUT %d" % len(payload)))
            req = self.server.last()
            self.assertEqual(req["body"], payload)  # sent byte for byte (curl -d would strip newlines)
            self.assertEqual(dict(req["headers"])["Content-Type"], "application/octet-stream")
        p = sockit("-d", "@-", self.url("/echo"), input=b"from stdin")
        self.assertEqual(p.stdout, b"POST 10")

    def test_default_headers_replaced_and_removed(self):
        p = sockit("-H", "User-Agent: mine/1", "-H", "Accept:", "-H", "X-Extra:  spaced  ", self.url("/echo"))
        self.assertEqual(p.returncode, EX_OK)
        req = self.server.last()
        names = [k for k, _ in req["headers"]]
        self.assertEqual(names, ["Host", "User-Agent", "Connection", "X-Extra"])
        self.assertEqual(dict(req["headers"]), {"Host": f"127.0.0.1:{self.server.port}", "User-Agent": "mine/1",
                                                "Connection": "close", "X-Extra": "spaced"})
        self.assertTrue(req["raw_head"].startswith(b"GET /echo HTTP/1.1\r\n"))
        sockit(self.url("/echo?q=%41"))
        self.assertEqual(self.server.last()["target"], "/echo?q=%41")

    def test_json_with_obs_text(self):
        # Header bytes above 0x7F: valid UTF-8 stays, anything else is read as ISO-8859-1; the document is
        # always valid JSON (a raw byte would make it invalid UTF-8).
        p = sockit("--json", self.url("/obs-text"))
        self.assertEqual(p.returncode, EX_OK, p.stderr)
        doc = json.loads(p.stdout.decode("utf-8"))
        self.assertEqual(doc["reason"], "D\u00e9j\u00e0 vu")
        values = {h["name"]: h["value"] for h in doc["headers"]}
        self.assertEqual(values["X-Latin"], "caf\u00e9")
        self.assertEqual(values["X-Utf8"], "caf\u00e9")
        self.assertEqual(values["X-Broken"], "\u00ed\u00a0\u0080")  # a surrogate is not UTF-8
        heads = sockit("-i", self.url("/obs-text")).stdout
        self.assertIn(b"X-Latin: caf\xe9\r\n", heads)  # -i writes the bytes as they came

    def test_host_name_from_etc_hosts(self):
        # localhost comes from /etc/hosts (no DNS query); Host carries the name and the port.
        p = sockit(f"http://localhost:{self.server.port}/echo")
        self.assertEqual((p.returncode, p.stdout), (EX_OK, b"GET 0"), p.stderr)
        self.assertEqual(dict(self.server.last()["headers"])["Host"], f"localhost:{self.server.port}")

    def test_redirect_method_rules(self):
        # (route, method sockit starts with, method and body size the final request must have)
        rows = [("/r301", "POST", "GET", 0), ("/r302", "POST", "GET", 0), ("/r303", "POST", "GET", 0),
                ("/r307", "POST", "POST", 4), ("/r308", "POST", "POST", 4), ("/r303", "PUT", "GET", 0),
                ("/r301", "PUT", "PUT", 4)]
        for route, method, want_method, want_len in rows:
            with self.subTest(route=route, method=method):
                p = sockit("-L", "-X", method, "-d", "data", self.url(route))
                self.assertEqual(p.returncode, EX_OK, p.stderr)
                self.assertEqual(p.stdout, f"{want_method} {want_len}".encode())
                req = self.server.last()
                self.assertEqual(req["target"], "/echo")
                has_length = any(k.lower() == "content-length" for k, _ in req["headers"])
                self.assertEqual(has_length, want_len > 0)

    def test_verbose_redirect(self):
        p = sockit("-v", "-L", "-d", "x", self.url("/r303"))
        self.assertEqual((p.returncode, p.stdout), (EX_OK, b"GET 0"))
        lines = p.stderr.decode().splitlines()
        self.assertIn(f"* Following 303 to {self.url('/echo')} (GET)", lines)
        self.assertEqual(sum(line.startswith("* Connected to ") for line in lines), 2)
        self.assertIn("> POST /r303 HTTP/1.1", lines)
        self.assertIn("> GET /echo HTTP/1.1", lines)

    def test_redirect_errors(self):
        p = sockit("-L", self.url("/to-https"))
        self.assertEqual(p.returncode, EX_DATAERR)
        self.assertIn(b"TLS", p.stderr)
        p = sockit("-L", self.url("/bad-location"))
        self.assertEqual(p.returncode, EX_DATAERR)
        self.assertIn(b"malformed IPv6 literal", p.stderr)

    def test_verbose_shape(self):
        p = sockit("-v", self.url("/echo"))
        self.assertEqual((p.returncode, p.stdout), (EX_OK, b"GET 0"))
        lines = p.stderr.decode().splitlines()
        self.assertEqual(lines[0], f"* Connected to 127.0.0.1 (127.0.0.1) port {self.server.port}")
        self.assertEqual(lines[1:7], ["> GET /echo HTTP/1.1", f"> Host: 127.0.0.1:{self.server.port}",
                                      lines[3], "> Accept: */*", "> Connection: close", ">"])
        self.assertRegex(lines[3], r"^> User-Agent: sockit/\d+\.\d+\.\d+$")
        self.assertEqual(lines[7:], ["< HTTP/1.1 200 OK", "< Content-Length: 5", "<"])

    def test_output_file_made_only_when_an_answer_comes(self):
        with tempfile.TemporaryDirectory() as d:
            keep = os.path.join(d, "keep")
            with open(keep, "wb") as f:
                f.write(b"precious")
            p = sockit("-o", keep, f"http://127.0.0.1:{free_port()}/")
            self.assertEqual(p.returncode, EX_UNAVAILABLE)
            with open(keep, "rb") as f:
                self.assertEqual(f.read(), b"precious")  # a failed connection does not clobber the file
            empty = os.path.join(d, "empty")
            self.assertEqual(sockit("-o", empty, self.url("/204-open")).returncode, EX_OK)
            self.assertEqual(os.path.getsize(empty), 0)  # an empty body still makes the file
            p = sockit("-o", os.path.join(d, "cut"), self.url("/cut-length"))
            self.assertEqual(p.returncode, EX_UNAVAILABLE)
            with open(os.path.join(d, "cut"), "rb") as f:
                self.assertEqual(f.read(), b"0123456789")  # what came before the close is kept, as curl does

    def test_refused_https_and_usage(self):
        port = free_port()
        p = sockit(f"http://127.0.0.1:{port}/")
        self.assertEqual(p.returncode, EX_UNAVAILABLE)
        self.assertIn(f"cannot connect to 127.0.0.1 port {port}: Connection refused".encode(), p.stderr)
        p = sockit("https://127.0.0.1/")
        self.assertEqual(p.returncode, EX_USAGE)
        self.assertEqual(p.stderr, b"sockit http get: https://127.0.0.1/: https:// needs TLS, which sockit does "
                                   b"not support (yet); use http://\n")
        for args in (["ftp://h/"], ["http://u:p@h/"], ["http://h:99999/"], ["-H", "NoColon", self.url("/echo")],
                     ["-I", "-d", "x", self.url("/echo")], ["--timeout", "-1", self.url("/echo")],
                     # refused before any connection is tried (nothing listens on `port`: 69 otherwise)
                     ["-X", "BAD METHOD", f"http://127.0.0.1:{port}/"],
                     ["-H", "Bad Name: v", f"http://127.0.0.1:{port}/"],
                     ["-H", "X-Split: a\r\nInjected: 1", f"http://127.0.0.1:{port}/"]):
            with self.subTest(args=args):
                p = sockit(*args)
                self.assertEqual(p.returncode, EX_USAGE, p.stderr)
                self.assertTrue(p.stderr.startswith(b"sockit http get: "), p.stderr)


if __name__ == "__main__":
    unittest.main()
