# SPDX-License-Identifier: MIT
# `sockit http get` against nginx and `python3 -m http.server`, differential with curl: for every URL the
# status and the body's sha256 equal curl's; with -i the heads equal curl -i's modulo Date (curl is told
# `Connection: close` too, so both make the same request). Redirect chains (-L) with absolute and relative
# Locations, a loop, --max-redirs, IPv4 and IPv6, HEAD, -o, --json, and a large download in constant memory.
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

from nginx_fixture import Nginx
from sockit_test import (EX_DATAERR, EX_IOERR, EX_OK, SOCKIT, bound, free_port_on_both, need, stop_process,
                         wait_ready)
from nc_peer import sanitized

CURL = shutil.which("curl") or "/usr/bin/curl"

SERVER_CONF = """
        location /dir/ { autoindex on; }
        location = /r/301 { return 301 /r/302; }
        location = /r/302 { absolute_redirect off; return 302 /r/307; }
        location = /r/307 { return 307 /files/one.bin; }
        location = /rel/start { absolute_redirect off; return 302 ../files/one.bin; }
        location = /loop/a { return 302 /loop/b; }
        location = /loop/b { return 302 /loop/a; }
        location = /chain/0 { return 302 /chain/1; }
        location = /chain/1 { return 302 /chain/2; }
        location = /chain/2 { return 302 /chain/3; }
        location = /chain/3 { return 302 /files/one.bin; }
        location = /to-https { return 302 https://127.0.0.1/; }
        location = /empty204 { return 204; }
"""


def sha(data):
    return hashlib.sha256(data).hexdigest()


def sockit(*args, timeout=120):
    return subprocess.run([SOCKIT, "http", "get", *map(str, args)], capture_output=True, timeout=timeout)


def curl(*args, timeout=120):
    return subprocess.run([CURL, "-s", "-H", "Connection: close", *map(str, args)], capture_output=True,
                          timeout=timeout)


def curl_status(*args):
    p = curl("-o", "/dev/null", "-w", "%{http_code}", *args)
    return int(p.stdout)


def without_date(head):
    return re.sub(rb"(?im)^date: [^\r\n]*\r\n", b"", head)


class NginxDifferential(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need("curl")
        cls.tmp = tempfile.mkdtemp(prefix="sockit-httpget-")
        root = os.path.join(cls.tmp, "www")
        os.makedirs(os.path.join(root, "files"))
        os.makedirs(os.path.join(root, "dir", "sub"))
        with open(os.path.join(root, "files", "empty.bin"), "wb"):
            pass
        with open(os.path.join(root, "files", "one.bin"), "wb") as f:
            f.write(b"\x00")
        with open(os.path.join(root, "files", "mib.bin"), "wb") as f:
            f.write(os.urandom(1 << 20))
        with open(os.path.join(root, "files", "a b%.txt"), "wb") as f:
            f.write(b"spaces and percent\n")
        with open(os.path.join(root, "dir", "sub", "x.txt"), "wb") as f:
            f.write(b"x\n")
        # A sparse file for the constant-memory download (nginx sends it with sendfile).
        cls.big_size = (64 if sanitized() else 512) << 20
        with open(os.path.join(root, "files", "big.bin"), "wb") as f:
            f.truncate(cls.big_size)
        cls.nginx = Nginx(root, server_conf=SERVER_CONF)
        cls.nginx.start()

    @classmethod
    def tearDownClass(cls):
        cls.nginx.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def url(self, path, host="127.0.0.1"):
        return self.nginx.url(path, host)

    def test_bodies_and_status_equal_curls(self):
        paths = ["/files/empty.bin", "/files/one.bin", "/files/mib.bin", "/files/a%20b%25.txt", "/dir/", "/dir",
                 "/dir/sub/", "/missing", "/r/301", "/empty204", "/files/one.bin?query=1#fragment"]
        for host in ("127.0.0.1", "::1"):
            for path in paths:
                with self.subTest(host=host, path=path):
                    u = self.url(path, host)
                    mine = sockit(u, "--json", "-o", os.path.join(self.tmp, "out"))
                    self.assertEqual(mine.returncode, EX_OK, mine.stderr)
                    theirs = curl(u)
                    with open(os.path.join(self.tmp, "out"), "rb") as f:
                        self.assertEqual(sha(f.read()), sha(theirs.stdout))
                    doc = json.loads(mine.stdout)
                    self.assertEqual(doc["status"], curl_status(u))
                    self.assertEqual(doc["body_bytes"], len(theirs.stdout))
                    self.assertEqual(doc["output"], os.path.join(self.tmp, "out"))
                    stdout_body = sockit(u)
                    self.assertEqual(sha(stdout_body.stdout), sha(theirs.stdout))

    def test_include_heads_equal_curls_modulo_date(self):
        for path in ("/files/one.bin", "/missing", "/dir", "/empty204"):
            with self.subTest(path=path):
                u = self.url(path)
                mine = sockit("-i", u)
                theirs = curl("-i", u)
                self.assertEqual(mine.returncode, EX_OK)
                self.assertEqual(without_date(mine.stdout), without_date(theirs.stdout))

    def test_head_request(self):
        u = self.url("/files/mib.bin")
        mine = sockit("-I", u)
        theirs = curl("-I", u)
        self.assertEqual(mine.returncode, EX_OK, mine.stderr)
        self.assertEqual(without_date(mine.stdout), without_date(theirs.stdout))
        self.assertIn(b"Content-Length: 1048576\r\n", mine.stdout)
        self.assertTrue(mine.stdout.endswith(b"\r\n\r\n"))  # the head only, no body

    def test_redirect_chain_like_curl(self):
        for host in ("127.0.0.1", "::1"):
            for path in ("/r/301", "/rel/start", "/chain/0", "/dir"):
                with self.subTest(host=host, path=path):
                    u = self.url(path, host)
                    mine = sockit("-L", "-i", u)
                    theirs = curl("-L", "-i", u)
                    self.assertEqual(mine.returncode, EX_OK, mine.stderr)
                    self.assertEqual(without_date(mine.stdout), without_date(theirs.stdout))
        doc = json.loads(sockit("-L", "--json", self.url("/r/301")).stdout)
        self.assertEqual([(h["status"], h["location"]) for h in doc["redirects"]],
                         [(301, self.url("/r/302")), (302, "/r/307"), (307, self.url("/files/one.bin"))])
        self.assertEqual(doc["final_url"], self.url("/files/one.bin"))
        self.assertEqual((doc["status"], doc["body_bytes"]), (200, 1))
        rel = json.loads(sockit("-L", "--json", self.url("/rel/start")).stdout)
        self.assertEqual(rel["final_url"], self.url("/files/one.bin"))  # "../files/one.bin" from /rel/start

    def test_without_L_a_redirect_is_the_response(self):
        p = sockit("-i", self.url("/r/301"))
        self.assertEqual(p.returncode, EX_OK)
        self.assertTrue(p.stdout.startswith(b"HTTP/1.1 301 Moved Permanently\r\n"))

    def test_redirect_loop_and_limit(self):
        p = sockit("-L", self.url("/loop/a"))
        self.assertEqual(p.returncode, EX_DATAERR)
        self.assertIn(b"redirect loop", p.stderr)
        p = sockit("-L", "--max-redirs", "3", self.url("/chain/0"))
        self.assertEqual(p.returncode, EX_DATAERR)
        self.assertIn(b"too many redirects (more than 3", p.stderr)
        self.assertEqual(sockit("-L", "--max-redirs", "4", self.url("/chain/0")).returncode, EX_OK)

    def test_redirect_to_https_is_a_precise_error(self):
        p = sockit("-L", self.url("/to-https"))
        self.assertEqual(p.returncode, EX_DATAERR)
        self.assertIn(b"TLS", p.stderr)
        self.assertIn(b"Location: https://127.0.0.1/", p.stderr)

    def test_fail_flag(self):
        p = sockit("--fail", self.url("/missing"))
        self.assertEqual(p.returncode, EX_DATAERR)
        self.assertEqual(p.stdout, b"")
        self.assertIn(b"404 Not Found", p.stderr)
        self.assertEqual(sockit("--fail", self.url("/files/one.bin")).returncode, EX_OK)

    def test_output_file_not_writable(self):
        p = sockit("-o", os.path.join(self.tmp, "no", "such", "dir", "f"), self.url("/files/one.bin"))
        self.assertEqual(p.returncode, EX_IOERR)
        self.assertIn(b"cannot open for writing", p.stderr)
        if os.path.exists("/dev/full"):
            p = sockit("-o", "/dev/full", self.url("/files/mib.bin"))
            self.assertEqual(p.returncode, EX_IOERR)
            self.assertIn(b"No space left on device", p.stderr)

    def test_large_download_in_constant_memory(self):
        u = self.url("/files/big.bin")
        start = time.monotonic()
        proc = subprocess.Popen([SOCKIT, "http", "get", "-o", "/dev/null", "--json", u], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        # Peak RSS from /proc (VmHWM), sampled until the process ends: rusage would count the memory of the
        # Python process it was forked from.
        peak_kib = 0
        while proc.poll() is None and time.monotonic() - start < 100:
            try:
                with open(f"/proc/{proc.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            peak_kib = max(peak_kib, int(line.split()[1]))
            except OSError:
                pass
            time.sleep(0.005)
        out, err = proc.communicate(timeout=100)
        self.assertEqual(proc.returncode, EX_OK, err)
        self.assertEqual(json.loads(out)["body_bytes"], self.big_size)
        self.assertGreater(peak_kib, 0)
        if not sanitized():
            self.assertLess(peak_kib, 24 * 1024, "peak RSS in KiB")  # 512 MiB through a 256 KiB buffer
        # The same bytes through stdout (a pipe), hashed as they come:
        mine = subprocess.Popen([SOCKIT, "http", "get", u], stdout=subprocess.PIPE)
        h = hashlib.sha256()
        n = 0
        while chunk := mine.stdout.read(1 << 20):
            h.update(chunk)
            n += len(chunk)
        mine.stdout.close()
        self.assertEqual(mine.wait(timeout=60), EX_OK)
        self.assertEqual((n, h.hexdigest()), (self.big_size, hashlib.sha256(bytes(self.big_size)).hexdigest()))


class PythonHttpServer(unittest.TestCase):
    """python3 -m http.server answers HTTP/1.0 and ends some bodies by closing; sockit must match curl."""

    @classmethod
    def setUpClass(cls):
        need("curl")
        cls.tmp = tempfile.mkdtemp(prefix="sockit-httpget-py-")
        with open(os.path.join(cls.tmp, "data.bin"), "wb") as f:
            f.write(os.urandom(300000))
        os.makedirs(os.path.join(cls.tmp, "sub"))
        cls.port = free_port_on_both()
        cls.proc = subprocess.Popen([sys.executable, "-m", "http.server", str(cls.port), "--bind", "127.0.0.1",
                                     "--directory", cls.tmp], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_ready(cls.proc, lambda: bound(cls.port), 15):
            raise AssertionError("python3 -m http.server did not start")

    @classmethod
    def tearDownClass(cls):
        stop_process(cls.proc)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_like_curl(self):
        for path in ("/data.bin", "/", "/sub", "/nothing-here"):
            with self.subTest(path=path):
                u = f"http://127.0.0.1:{self.port}{path}"
                mine = sockit(u)
                theirs = curl(u)
                self.assertEqual(mine.returncode, EX_OK, mine.stderr)
                self.assertEqual(sha(mine.stdout), sha(theirs.stdout))
                doc = json.loads(sockit("--json", u).stdout)
                self.assertEqual(doc["version"], "HTTP/1.0")
                self.assertEqual(doc["status"], curl_status(u))
                mine_i = sockit("-i", u)
                self.assertEqual(without_date(mine_i.stdout), without_date(curl("-i", u).stdout))

    def test_follows_the_directory_redirect(self):
        u = f"http://127.0.0.1:{self.port}/sub"
        mine = sockit("-L", u)
        self.assertEqual(mine.returncode, EX_OK)
        self.assertEqual(sha(mine.stdout), sha(curl("-L", u).stdout))


if __name__ == "__main__":
    unittest.main()
