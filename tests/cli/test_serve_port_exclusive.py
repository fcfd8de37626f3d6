# SPDX-License-Identifier: MIT
# A port held by a running `sockit serve` or `sockit http serve` (reactors, the default model, and the others)
# is refused to a second one: exit 71, "Address already in use", and the first one keeps every connection.
import os
import signal
import socket
import subprocess
import tempfile
import unittest

from serve_harness import Server, recv_all
from sockit_test import EX_OSERR, run


class PortInUse(unittest.TestCase):
    def second_is_refused(self, args, endpoint_text):
        try:
            p = run(*args, timeout=5)
        except subprocess.TimeoutExpired:
            self.fail(f"{args}: a second server runs on a port in use")
        self.assertEqual(p.returncode, EX_OSERR, f"{args}: a second server ran on a port in use: {p.stderr}")
        self.assertIn(endpoint_text, p.stderr)
        self.assertIn("Address already in use", p.stderr)

    def test_serve(self):
        # Rows: the first server's model arguments (the second uses the default, reactors)
        for model in ([], ["--model", "reactors", "--workers", "2"], ["--model", "epoll"]):
            with self.subTest(model=model):
                first = Server("echo=127.0.0.1:0", *model, expect=2)
                self.addCleanup(first.kill)
                tcp, udp = first.port("echo", "tcp"), first.port("echo", "udp")
                self.second_is_refused(["serve", f"echo/tcp=127.0.0.1:{tcp}"], f"127.0.0.1:{tcp}")
                self.second_is_refused(["serve", f"echo/tcp=127.0.0.1:{tcp}", "--workers", "2"], f"127.0.0.1:{tcp}")
                self.second_is_refused(["serve", f"echo/udp=127.0.0.1:{udp}"], f"127.0.0.1:{udp}")
                # The first one still answers.
                with socket.create_connection(("127.0.0.1", tcp), timeout=5) as c:
                    c.sendall(b"still mine\n")
                    c.shutdown(socket.SHUT_WR)
                    self.assertEqual(recv_all(c), b"still mine\n")
                self.assertEqual(first.stop(signal.SIGTERM)[0], 0)

    def test_http_serve(self):
        root = tempfile.mkdtemp()
        self.addCleanup(os.rmdir, root)
        for bind in ([], ["--bind", "127.0.0.1"]):
            with self.subTest(bind=bind):
                first = Server(root, "--port", 0, *bind, expect=1, command=("http", "serve"))
                self.addCleanup(first.kill)
                port = first.port("http")
                where = f"127.0.0.1:{port}" if bind else f"port {port}"
                self.second_is_refused(["http", "serve", root, "--port", port, *bind], where)
                with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
                    c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    self.assertTrue(recv_all(c).startswith(b"HTTP/1.1 200 "))
                self.assertEqual(first.stop(signal.SIGTERM)[0], 0)


if __name__ == "__main__":
    unittest.main()
