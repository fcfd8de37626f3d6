# SPDX-License-Identifier: MIT
# The conformance suite every concurrency model of `sockit serve` passes (issue 4's proof): 200 concurrent
# clients, resets mid-stream, clients that never read, half-closed clients, a 1,000-connection slow-client
# flood with the idle timeout firing, and no descriptor or memory growth afterwards (/proc of the server).
import os
import socket
import struct
import time
import unittest

from serve_harness import Server, connect, echo_many, recv_all
from sockit_test import wait_until

# Per model: the flood size and the extra flags that make a 1,000-connection flood finish in seconds.
# uniplex serves one connection at a time, so its flood is what it can clear in a few idle periods; the
# pool model gets enough workers to clear 1,000 idle clients in ten idle periods.
MODELS = {
    # model: (flood connections, extra flags)
    "uniplex": (10, []),                      # strictly one at a time
    "fork": (1000, []),                       # a child per connection
    "thread": (1000, []),                     # a thread per connection
    "pool": (1000, ["--workers", "100"]),     # 100 workers, the rest queued
    "poll": (1000, []),                       # one loop, poll(2)
    "epoll": (1000, []),                      # one loop, epoll(7)
    "reactors": (1000, ["--workers", "2"]),   # two SO_REUSEPORT loops
}
IDLE = 0.3  # seconds: the idle timeout of the servers under test


class ConformanceBase:
    model = None

    def start(self, idle=IDLE, extra=()):
        flood, flags = MODELS[self.model]
        srv = Server("echo/tcp=127.0.0.1:0", "chargen/tcp=127.0.0.1:0", "discard/tcp=127.0.0.1:0",
                     "--model", self.model, "--idle-timeout", idle, "--max-conns", 3000, "--grace", 2,
                     *flags, *extra, expect=3)
        self.addCleanup(srv.kill)
        return srv

    def stop_ok(self, srv):
        code, out, err = srv.stop()
        self.assertEqual(code, 0, f"exit {code}: {err}")
        self.assertEqual(err, "")

    def test_concurrent_clients(self):
        srv = self.start(idle=10)
        payloads = [os.urandom(997) + struct.pack("!I", i) for i in range(200)]  # distinct per client
        got = echo_many(srv.port("echo"), payloads, timeout=60)
        for i, (want, have) in enumerate(zip(payloads, got)):
            self.assertEqual(have, want, f"client {i}")
        self.stop_ok(srv)

    def test_half_closed_client_gets_everything(self):
        srv = self.start(idle=10)
        for size in (1, 4096, 1 << 20):  # one byte; one page; more than every buffer on the way
            data = os.urandom(size)
            (got,) = echo_many(srv.port("echo"), [data], timeout=30)
            self.assertEqual(got, data, f"{size} bytes")
        self.stop_ok(srv)

    def test_resets_mid_stream(self):
        srv = self.start(idle=10)
        # Clients that send a lot, read nothing and reset (SO_LINGER 0) while the echo is in flight.
        for _ in range(20):
            s = connect(srv.port("echo"))
            s.setblocking(False)
            try:
                s.send(os.urandom(256 * 1024))
            except BlockingIOError:
                pass
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
        # A chargen reader that resets after the first bytes.
        s = connect(srv.port("chargen"))
        self.assertTrue(s.recv(100))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        # The server goes on serving.
        (got,) = echo_many(srv.port("echo"), [b"still here\r\n"], timeout=30)
        self.assertEqual(got, b"still here\r\n")
        self.stop_ok(srv)

    def test_client_that_never_reads(self):
        srv = self.start(idle=1)
        # Echo: the server must stop reading once its output for this client is full (backpressure), so
        # the client's sends stall long before it has pushed 64 MiB.
        s = connect(srv.port("echo"))
        s.setblocking(False)
        sent, stalled_since, chunk = 0, None, b"x" * 65536
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and sent < 64 << 20:
            try:
                sent += s.send(chunk)
                stalled_since = None
            except BlockingIOError:
                stalled_since = stalled_since or time.monotonic()
                if time.monotonic() - stalled_since > 0.3:
                    break
                time.sleep(0.01)
        self.assertLess(sent, 64 << 20, "the server kept reading from a client that never reads")
        # Chargen to a client that never reads: it costs the server no CPU (writes only when writable).
        c = connect(srv.port("chargen"))
        time.sleep(0.2)  # let the socket buffers fill
        cpu0 = srv.cpu_seconds()
        time.sleep(0.5)
        self.assertLess(srv.cpu_seconds() - cpu0, 0.1, "busy with a client that does not read")
        # Both stalled connections make no progress: the idle timeout closes them (EOF or reset). Reading
        # before it fired would be progress, and chargen would rightly go on, so wait it out first.
        time.sleep(1.5)
        for name, sock in (("echo", s), ("chargen", c)):
            sock.setblocking(True)
            sock.settimeout(15)
            total = 0
            try:
                while True:
                    b = sock.recv(1 << 20)
                    if not b:
                        break
                    total += len(b)
                    self.assertLess(total, 256 << 20, f"{name}: still streaming, the idle timeout never fired")
            except ConnectionResetError:
                pass
            sock.close()
        (got,) = echo_many(srv.port("echo"), [b"next\n"], timeout=30)
        self.assertEqual(got, b"next\n")
        self.stop_ok(srv)

    def test_slow_client_flood_then_no_growth(self):
        flood, _ = MODELS[self.model]
        srv = self.start()
        # Warm up (first connections allocate the loops' tables, pools' stacks, ...), then take the baseline.
        echo_many(srv.port("echo"), [b"warm"] * 20, timeout=30)
        fds0 = srv.fd_count()
        rss = []
        # Two floods: a leak shows as growth from the first to the second. The fork model's second flood
        # is smaller (each connection is a fork: 1,000 of them take seconds on a loaded 2-core machine).
        for size in (flood, flood // 5 if self.model == "fork" else flood):
            clients = [connect(srv.port("echo")) for _ in range(size)]  # connect, then say nothing
            for c in clients:
                c.settimeout(IDLE * (size if self.model == "uniplex" else 1) + 20)
            for i, c in enumerate(clients):  # the idle timeout closes each (EOF)
                self.assertEqual(recv_all(c, timeout=c.gettimeout()), b"", f"client {i}")
                c.close()
            self.assertTrue(wait_until(lambda: srv.fd_count() <= fds0, 10),
                            f"descriptors: {srv.fd_count()} after the flood, {fds0} before")
            if self.model == "fork":
                self.assertTrue(wait_until(lambda: not srv.children(), 10), f"children left: {srv.children()}")
            rss.append(srv.rss_kib())
        # The second flood must not cost more memory than the first left behind (a leak grows each time).
        limit = 16384 if srv.is_sanitized() else 4096  # KiB
        self.assertLess(rss[1] - rss[0], limit, f"RSS grew from {rss[0]} to {rss[1]} KiB between two floods")
        (got,) = echo_many(srv.port("echo"), [b"after the flood\n"], timeout=30)
        self.assertEqual(got, b"after the flood\n")
        self.stop_ok(srv)

    def test_stop_lets_in_flight_finish(self):
        srv = self.start(idle=10)
        s = connect(srv.port("echo"))
        s.sendall(b"first\n")
        self.assertEqual(s.recv(100), b"first\n")
        srv.proc.send_signal(15)
        # The listener closes at once...
        self.assertTrue(wait_until(lambda: refused(srv.port("echo")), 5), "still accepting after SIGTERM")
        # ...while the connection in flight is still served within the grace period.
        s.sendall(b"second\n")
        self.assertEqual(s.recv(100), b"second\n")
        s.shutdown(socket.SHUT_WR)
        self.assertEqual(recv_all(s), b"")
        s.close()
        self.stop_ok(srv)
        if self.model == "fork":
            self.assertEqual(srv.proc.returncode, 0)

    def test_no_zombies(self):
        srv = self.start(idle=10)
        echo_many(srv.port("echo"), [b"z"] * 50, timeout=30)
        self.assertTrue(wait_until(lambda: not srv.zombies(), 2), f"zombies: {srv.zombies()}")
        self.stop_ok(srv)


def refused(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return False
    except OSError:
        return True


# One TestCase class per model: `python3 -m unittest test_serve_conformance.TestEpoll` runs one.
for _model in MODELS:
    _name = "Test" + _model.capitalize()
    globals()[_name] = type(_name, (ConformanceBase, unittest.TestCase), {"model": _model})
del _model, _name

if __name__ == "__main__":
    unittest.main()
