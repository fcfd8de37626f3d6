# SPDX-License-Identifier: MIT
# `sockit send` and `sockit recv` on loopback: against each other, against Python sockets and OpenBSD nc as
# reference peers, both address families, UDP and TCP, clean exit on SIGINT/SIGTERM, and bad input.
import json
import re
import select
import signal
import socket
import subprocess
import time
import unittest

from sockit_test import EX_OK, EX_UNAVAILABLE, EX_USAGE, SOCKIT, need, run


class Receiver:
    """`sockit recv ARGS` in the background; knows its port from the 'listening on' line on stderr."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([SOCKIT, "recv", *map(str, args)], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        line = self._readline(self.proc.stderr, 10)
        m = re.fullmatch(r"listening on \[::\]:(\d+) \((tcp|udp)\)\n", line)
        if not m:
            self.close()
            raise AssertionError(f"unexpected first line: {line!r}")
        self.port = int(m.group(1))

    @staticmethod
    def _readline(stream, timeout):
        deadline = time.monotonic() + timeout
        ready, _, _ = select.select([stream], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError("timed out waiting for sockit recv")
        return stream.readline()

    def json_line(self, timeout=10):
        return json.loads(self._readline(self.proc.stdout, timeout))

    def wait(self, timeout=10):
        return self.proc.wait(timeout=timeout)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class SendRecv(unittest.TestCase):
    def test_tcp_both_families_with_unmapped_peers(self):
        with Receiver(0, "--json") as r:
            rows = [  # (host, expected peer address)
                ("127.0.0.1", "127.0.0.1"),  # IPv4 client on the dual-stack socket: reported unmapped
                ("::1", "::1"),              # IPv6 client
                ("localhost", "127.0.0.1"),  # a name (from /etc/hosts), Happy Eyeballs
            ]
            for host, peer in rows:
                with self.subTest(host=host):
                    msg = f"hello from {host}"
                    out = json.loads(run("send", host, r.port, msg, "--json", check=EX_OK).stdout)
                    self.assertEqual(out["bytes"], len(msg))
                    got = r.json_line()
                    self.assertEqual((got["address"], got["transport"], got["message"], got["bytes"]),
                                     (peer, "tcp", msg, len(msg)))
                    self.assertTrue(got["from"].endswith(f":{got['port']}"))

    def test_udp_text_output_as_the_seeds_print_it(self):
        with Receiver("-u", 0, "--once") as r:
            run("send", "-u", "127.0.0.1", r.port, "datagram one", check=EX_OK)
            self.assertEqual(r.wait(), EX_OK)
            out = r.proc.stdout.read()
            self.assertRegex(out, r"\AReceived from 127\.0\.0\.1:\d+\ndatagram one\n\n\Z")

    def test_mapped_form_on_request(self):
        with Receiver("-u", 0, "--json", "--mapped") as r:
            run("send", "-u", "127.0.0.1", r.port, "x", check=EX_OK)
            self.assertEqual(r.json_line()["address"], "::ffff:127.0.0.1")

    def test_recv_against_python_and_nc_senders(self):
        with Receiver("-u", 0, "--json") as r:
            for family, addr in [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")]:
                with socket.socket(family, socket.SOCK_DGRAM) as s:
                    s.bind((addr, 0))
                    payload = bytes(range(1, 200)) + b"\xff"  # binary: invalid UTF-8 becomes U+FFFD
                    s.sendto(payload, (addr, r.port))
                    got = r.json_line()
                    self.assertEqual(got["port"], s.getsockname()[1])
                    self.assertEqual(got["address"], addr)
                    self.assertEqual(got["bytes"], len(payload))
                    self.assertTrue(got["message"].endswith("\ufffd"))
        need("nc")
        with Receiver(0, "--json") as r:
            data = "line one\nline two\n" * 100
            nc = subprocess.run(["nc", "-N", "127.0.0.1", str(r.port)], input=data, text=True,
                                capture_output=True, timeout=10)
            self.assertEqual(nc.returncode, 0, nc.stderr)
            self.assertEqual(r.json_line()["message"], data)

    def test_send_against_python_receivers(self):
        for family, addr in [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")]:
            with self.subTest(addr=addr), socket.socket(family, socket.SOCK_STREAM) as srv:
                srv.bind((addr, 0))
                srv.listen(1)
                srv.settimeout(10)
                msg = "x" * 100000  # larger than one segment: send_all's loop
                proc = subprocess.Popen([SOCKIT, "send", addr, str(srv.getsockname()[1]), msg])
                conn, _ = srv.accept()
                conn.settimeout(10)
                got = b""
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break  # the sender's FIN: the whole message arrived
                    got += chunk
                conn.close()
                self.assertEqual(proc.wait(timeout=10), EX_OK)
                self.assertEqual(got.decode(), msg)
            with socket.socket(family, socket.SOCK_DGRAM) as u:
                u.bind((addr, 0))
                u.settimeout(10)
                run("send", "-u", addr, u.getsockname()[1], "udp text", check=EX_OK)
                self.assertEqual(u.recvfrom(100)[0], b"udp text")

    def test_signals_stop_recv_cleanly(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            for udp in ([], ["-u"]):
                with self.subTest(sig=sig, udp=udp), Receiver(*udp, 0) as r:
                    r.proc.send_signal(sig)
                    self.assertEqual(r.wait(), EX_OK)

    def test_bad_input(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
            held.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
            closed = held.getsockname()[1]
            rows = [  # (arguments, exit code, stderr pattern)
                (["send", "127.0.0.1", "70000", "x"], EX_USAGE, r"port '70000': port out of range"),
                (["send", "127.0.0.1", closed, "x"], EX_UNAVAILABLE,
                 rf"connect to 127\.0\.0\.1 port {closed}: Connection refused"),
                (["send", "127.0.0.1", "no-such-service", "x"], 68, r"port 'no-such-service'"),
                (["send", "127.0.0.1", "80"], EX_USAGE, r"message"),           # no message
                (["send", "-4", "-6", "localhost", "80", "x"], EX_USAGE, r"excludes"),
                (["send", "::1", "80", "x", "-4"], 68, r"::1"),                 # IPv6 literal, IPv4 asked
                (["recv", "70000"], EX_USAGE, r"port '70000': not a port number"),
                (["recv", "http"], EX_USAGE, r"port 'http'"),
            ]
            for args, code, pattern in rows:
                with self.subTest(args=args):
                    proc = run(*args, timeout=30)
                    self.assertEqual(proc.returncode, code, proc.stderr)
                    self.assertEqual(len(proc.stderr.splitlines()), 1, proc.stderr)
                    self.assertTrue(proc.stderr.startswith(f"sockit {args[0]}: "), proc.stderr)
                    self.assertRegex(proc.stderr, pattern)

    def test_port_in_use(self):
        with Receiver(0) as r:
            proc = run("recv", r.port, timeout=10)
            self.assertEqual(proc.returncode, EX_UNAVAILABLE)
            self.assertRegex(proc.stderr, rf"^sockit recv: listen on port {r.port}: Address already in use\n$")


if __name__ == "__main__":
    unittest.main()
