# SPDX-License-Identifier: MIT
# `sockit serve` as a command: arguments and their errors, printed endpoints, default ports, --json-log,
# --user, signals, and the UDP safety rules (source ports below 1024, per-source rate, reply bounds).
import json
import os
import pwd
import signal
import socket
import time
import unittest

from serve_harness import Server, echo_many, recv_all
from sockit_test import EX_OK, EX_OSERR, EX_USAGE, run


class Arguments(unittest.TestCase):
    def test_usage_errors(self):
        rows = [
            # arguments, a word the message must hold
            ([], "SERVICE"),                                 # nothing to serve
            (["--all", "echo"], "--all"),                    # both
            (["gopher"], "gopher"),                          # unknown service
            (["echo/sctp"], "tcp or udp"),                   # unknown transport
            (["echo=70000"], "70000"),                       # port out of range
            (["echo=127.0.0.1:x"], "127.0.0.1:x"),           # malformed endpoint
            (["echo="], "nothing after"),                    # empty address
            (["echo", "--model", "coroutines"], "coroutines"),
            (["echo", "--backend", "kqueue"], "kqueue"),
            (["echo", "--bind", "1.2.3"], "1.2.3"),
            (["echo", "--user", "no-such-user-xyz"], "no-such-user-xyz"),
            (["echo", "--max-conns", "0"], "max-conns"),
        ]
        for args, word in rows:
            p = run("serve", *args, timeout=10)
            self.assertEqual(p.returncode, EX_USAGE, f"{args}: {p.stderr}")
            self.assertTrue(p.stderr.startswith("sockit serve: "), p.stderr)
            self.assertIn(word, p.stderr, args)
            self.assertEqual(p.stderr.count("\n"), 1, p.stderr)

    def test_port_in_use_is_an_os_error(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        p = run("serve", f"echo/tcp=127.0.0.1:{port}", timeout=10)
        s.close()
        self.assertEqual(p.returncode, EX_OSERR, p.stderr)
        self.assertIn(f"127.0.0.1:{port}", p.stderr)
        self.assertIn("in use", p.stderr)

    def test_help_has_an_example(self):
        p = run("serve", "--help", check=EX_OK)
        self.assertIn("Example:", p.stdout)


class Running(unittest.TestCase):
    def test_prints_each_bound_endpoint(self):
        srv = Server("echo=127.0.0.1:0", "time/udp=[::1]:0", expect=3)
        self.addCleanup(srv.kill)
        self.assertEqual(len(srv.lines), 3)
        self.assertRegex(srv.lines[0], r"^listening on 127\.0\.0\.1:\d+ \(tcp, echo\)$")
        self.assertRegex(srv.lines[1], r"^listening on 127\.0\.0\.1:\d+ \(udp, echo\)$")
        self.assertRegex(srv.lines[2], r"^listening on \[::1\]:\d+ \(udp, time\)$")
        self.assertNotEqual(srv.port("echo"), 0)
        self.assertEqual(srv.stop(signal.SIGINT)[0], 0)

    def test_default_ports_for_non_root(self):
        # Not root: the standard port + 10000 (echo 10007). Run as nobody to see it.
        if os.geteuid() != 0:
            user_ports = True
        else:
            user_ports = False
        nobody = pwd.getpwnam("nobody")

        def demote():
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
        try:
            srv = Server("echo/tcp", "--bind", "127.0.0.1", expect=1, preexec_fn=None if user_ports else demote)
        except AssertionError as e:
            if "in use" in str(e):
                self.skipTest("port 10007 is taken on this machine")
            raise
        self.addCleanup(srv.kill)
        self.assertEqual(srv.port("echo"), 10007)
        self.assertEqual(srv.stop()[0], 0)

    def test_json_log(self):
        srv = Server("echo/tcp=127.0.0.1:0", "--json-log", expect=0)
        self.addCleanup(srv.kill)
        line = srv.readline()
        ev = json.loads(line)
        self.assertEqual((ev["event"], ev["service"], ev["transport"]), ("listening", "echo", "tcp"))
        port = int(ev["address"].rsplit(":", 1)[1])
        (got,) = echo_many(port, [b"0123456789"])
        self.assertEqual(got, b"0123456789")
        rec = json.loads(srv.readline())
        self.assertEqual(rec["event"], "connection")
        self.assertEqual(rec["service"], "echo")
        self.assertEqual((rec["bytes_in"], rec["bytes_out"]), (10, 10))
        self.assertTrue(rec["peer"].startswith("127.0.0.1:"), rec)
        self.assertEqual(rec["reason"], "done")
        self.assertGreaterEqual(rec["duration_ms"], 0)
        self.assertEqual(srv.stop()[0], 0)

    @unittest.skipIf(os.geteuid() != 0, "needs root")
    def test_user_binds_first_then_drops_root(self):
        # Port 7 needs root; the server binds it, then runs as nobody.
        try:
            srv = Server("echo/tcp=127.0.0.1:7", "--user", "nobody", "--model", "epoll", expect=1)
        except AssertionError as e:
            if "in use" in str(e):
                self.skipTest("port 7 is taken on this machine")
            raise
        self.addCleanup(srv.kill)
        with open(f"/proc/{srv.pid}/status") as f:
            uids = next(l for l in f if l.startswith("Uid:")).split()[1:]
        self.assertEqual(set(uids), {str(pwd.getpwnam("nobody").pw_uid)})
        (got,) = echo_many(7, [b"as nobody\n"])
        self.assertEqual(got, b"as nobody\n")
        self.assertEqual(srv.stop()[0], 0)

    def test_sigterm_with_grace_ends_a_stuck_connection(self):
        srv = Server("echo/tcp=127.0.0.1:0", "--grace", "0.5", "--model", "epoll", expect=1)
        self.addCleanup(srv.kill)
        s = socket.create_connection(("127.0.0.1", srv.port("echo")), timeout=5)
        s.sendall(b"x")
        self.assertEqual(s.recv(1), b"x")
        t0 = time.monotonic()
        code, _, err = srv.stop()
        self.assertEqual(code, 0, err)
        self.assertGreaterEqual(time.monotonic() - t0, 0.4, "the grace period was not given")
        self.assertLess(time.monotonic() - t0, 5)
        self.assertEqual(recv_all(s), b"")
        s.close()


class UdpSafety(unittest.TestCase):
    @unittest.skipIf(os.geteuid() != 0, "binding a source port below 1024 needs root")
    def test_no_reply_to_privileged_source_ports(self):
        srv = Server(*[f"{s}/udp=127.0.0.1:0" for s in ("echo", "chargen", "qotd", "daytime", "time")],
                     "--udp-rate", "0", expect=5)
        self.addCleanup(srv.kill)
        for service in ("echo", "chargen", "qotd", "daytime", "time"):
            for source_port, answered in ((1023, False), (0, True)):  # 0: an ephemeral port
                c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                c.bind(("127.0.0.1", source_port))
                c.settimeout(0.3)
                c.sendto(b"x", ("127.0.0.1", srv.port(service, "udp")))
                try:
                    c.recv(65536)
                    got = True
                except socket.timeout:
                    got = False
                c.close()
                self.assertEqual(got, answered, f"{service} from source port {source_port or 'ephemeral'}")
        self.assertEqual(srv.stop()[0], 0)

    def test_rate_limit_per_source(self):
        srv = Server("daytime/udp=127.0.0.1:0", "--udp-rate", "5", expect=1)  # 5/s, bursts of 10
        self.addCleanup(srv.kill)
        c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for _ in range(100):
            c.sendto(b"x", ("127.0.0.1", srv.port("daytime", "udp")))
        c.settimeout(0.5)
        replies = 0
        try:
            while True:
                c.recv(1000)
                replies += 1
        except socket.timeout:
            pass
        c.close()
        self.assertGreaterEqual(replies, 10)
        self.assertLessEqual(replies, 13)  # the burst, plus what refilled while the 100 arrived
        self.assertEqual(srv.stop()[0], 0)

    def test_echo_udp_reply_is_the_request(self):
        srv = Server("echo/udp=127.0.0.1:0", "chargen/udp=127.0.0.1:0", expect=2)
        self.addCleanup(srv.kill)
        c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        c.settimeout(2)
        for size in (1, 512, 8000):
            data = os.urandom(size)
            c.sendto(data, ("127.0.0.1", srv.port("echo", "udp")))
            self.assertEqual(c.recv(65536), data)
        c.sendto(b"", ("127.0.0.1", srv.port("chargen", "udp")))
        self.assertLessEqual(len(c.recv(65536)), 512)
        c.close()
        self.assertEqual(srv.stop()[0], 0)


if __name__ == "__main__":
    unittest.main()
