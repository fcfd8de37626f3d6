# SPDX-License-Identifier: MIT
# `sockit nc` bulk transfers against OpenBSD nc and socat (TCP over IPv4 and IPv6, Unix stream) and against
# itself in both directions at once: random bytes, equal SHA-256 at the far end.
import os
import shutil
import socket
import subprocess
import tempfile
import unittest

from nc_peer import NC, SIZE, NcTest, free_port, read_line, sha256_file, wait_bound, wait_unix
from sockit_test import SOCKIT, need


class Bulk(NcTest):
    """SIZE random bytes (100 MiB) through each client/server pairing over IPv4 and Unix sockets, a quarter of
    that over IPv6 (the same code path, to keep the run short); the receiver's SHA-256 must equal the sender's."""

    @classmethod
    def setUpClass(cls):
        cls.data_dir = tempfile.mkdtemp(prefix="sockit-nc-data-")
        cls.data = os.path.join(cls.data_dir, "random.bin")
        with open(cls.data, "wb") as f:
            left = SIZE
            while left:
                n = min(left, 1 << 20)
                f.write(os.urandom(n))
                left -= n
        cls.digest = sha256_file(cls.data)
        cls.small = os.path.join(cls.data_dir, "random-quarter.bin")
        with open(cls.data, "rb") as src, open(cls.small, "wb") as dst:
            dst.write(src.read(SIZE // 4))
        cls.small_digest = sha256_file(cls.small)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.data_dir, ignore_errors=True)

    def transfer(self, server, client, upload, host):
        if ":" in host:
            self.run_transfer(server, client, upload, host, self.small, self.small_digest)
        else:
            self.run_transfer(server, client, upload, host, self.data, self.digest)

    def run_transfer(self, server, client, upload, host, data, digest):
        """Runs one transfer. server/client are argv lists where "{port}" is replaced; a sockit server is
        started on port 0 (its -v line gives the port), a peer server on a free port (waited for in /proc).
        upload: the client sends (else the server does)."""
        out = os.path.join(self.tmp, "received.bin")
        with open(data, "rb") as src, open(out, "wb") as dst:
            server_io = dict(stdin=subprocess.DEVNULL, stdout=dst) if upload else dict(stdin=src, stdout=subprocess.DEVNULL)
            client_io = dict(stdin=src, stdout=subprocess.DEVNULL) if upload else dict(stdin=subprocess.DEVNULL, stdout=dst)
            if server[0] == SOCKIT:
                srv, port = self.sockit_listener(*server[2:], **server_io)
            else:
                port = free_port(socket.AF_INET6 if ":" in host else socket.AF_INET)
                srv = self.spawn([a.replace("{port}", str(port)) for a in server], **server_io)
                wait_bound(port)
            cli = self.spawn([a.replace("{port}", str(port)) for a in client], **client_io)
            self.finish(cli, srv)
        self.assertEqual(os.path.getsize(out), os.path.getsize(data))
        self.assertEqual(sha256_file(out), digest)

    def test_tcp_with_openbsd_nc(self):
        need(NC)
        for host in ["127.0.0.1", "::1"]:
            with self.subTest("sockit client uploads to nc -l", host=host):
                self.transfer([NC, "-l", host, "{port}"], [SOCKIT, "nc", host, "{port}"], True, host)
            with self.subTest("nc -N client uploads to sockit -l", host=host):
                self.transfer([SOCKIT, "nc", "-l", host, "0"], [NC, "-N", host, "{port}"], True, host)
            with self.subTest("sockit -l sends to an nc client", host=host):
                self.transfer([SOCKIT, "nc", "-l", host, "0"], [NC, host, "{port}"], False, host)
            with self.subTest("nc -l -N sends to a sockit -d client", host=host):
                self.transfer([NC, "-N", "-l", host, "{port}"], [SOCKIT, "nc", "-d", host, "{port}"], False, host)

    def test_tcp_with_socat(self):
        need("socat")
        for host in ["127.0.0.1", "::1"]:
            tcp = "TCP6" if ":" in host else "TCP4"
            bracketed = f"[{host}]" if ":" in host else host
            listen = f"{tcp}-LISTEN:{{port}},bind={bracketed},reuseaddr"
            connect = f"{tcp}:{bracketed}:{{port}}"
            with self.subTest("sockit client uploads to socat", host=host):
                self.transfer(["socat", "-u", listen, "STDOUT"], [SOCKIT, "nc", host, "{port}"], True, host)
            with self.subTest("socat uploads to sockit -l", host=host):
                self.transfer([SOCKIT, "nc", "-l", host, "0"], ["socat", "-u", "STDIN", connect], True, host)
            with self.subTest("sockit -l sends to socat", host=host):
                self.transfer([SOCKIT, "nc", "-l", host, "0"], ["socat", "-u", connect, "STDOUT"], False, host)
            with self.subTest("socat sends to a sockit client", host=host):
                self.transfer(["socat", "-u", "STDIN", listen], [SOCKIT, "nc", host, "{port}"], False, host)

    def test_unix_stream_with_openbsd_nc(self):
        need(NC)
        path = os.path.join(self.tmp, "stream.sock")
        out = os.path.join(self.tmp, "received.bin")
        with self.subTest("nc -U uploads to sockit -l -U"):
            with open(self.data, "rb") as src, open(out, "wb") as dst:
                srv = self.spawn([SOCKIT, "nc", "-lvU", path], stdout=dst, stderr=subprocess.PIPE)
                self.assertEqual(read_line(srv.stderr).decode(), f"Listening on {path}")
                cli = self.spawn([NC, "-N", "-U", path], stdin=src)
                self.finish(cli, srv)
            self.assertEqual(sha256_file(out), self.digest)
            self.assertFalse(os.path.exists(path), "the listener removes its socket file")
        with self.subTest("sockit -U uploads to nc -l -U"):
            with open(self.data, "rb") as src, open(out, "wb") as dst:
                srv = self.spawn([NC, "-lU", path], stdout=dst)
                wait_unix(path)
                cli = self.spawn([SOCKIT, "nc", "-U", path], stdin=src)
                self.finish(cli, srv)
            self.assertEqual(sha256_file(out), self.digest)

    def test_both_directions_at_once_between_two_sockits(self):
        # Full duplex with backpressure both ways: each side sends SIZE bytes while receiving SIZE bytes.
        out_srv = os.path.join(self.tmp, "at-server.bin")
        out_cli = os.path.join(self.tmp, "at-client.bin")
        with open(self.data, "rb") as a, open(self.data, "rb") as b, open(out_srv, "wb") as x, open(out_cli, "wb") as y:
            srv, port = self.sockit_listener("-l", "127.0.0.1", "0", stdin=a, stdout=x)
            cli = self.spawn([SOCKIT, "nc", "127.0.0.1", port], stdin=b, stdout=y)
            self.finish(cli, srv)
        self.assertEqual(sha256_file(out_srv), self.digest)
        self.assertEqual(sha256_file(out_cli), self.digest)


if __name__ == "__main__":
    unittest.main()
