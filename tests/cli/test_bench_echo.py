# SPDX-License-Identifier: MIT
# `sockit bench echo` and `sockit bench discard`: against `sockit serve`, against Python servers that corrupt,
# close or never answer, refused ports and bad arguments; the -n and -d bounds; bytes counted vs the server's log.
import json
import os
import re
import signal
import subprocess
import socket
import threading
import time
import unittest

from serve_harness import Server
from sockit_test import EX_DATAERR, EX_OK, EX_UNAVAILABLE, EX_USAGE, SOCKIT, run



def blocks(pid, sig):
    """Whether every thread of process pid blocks signal sig (its SigBlk masks in /proc)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        masks = []
        for tid in tasks:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                masks += [int(l.split()[1], 16) for l in f if l.startswith("SigBlk:")]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return bool(masks) and all(m & (1 << (int(sig) - 1)) for m in masks)

class ScriptedEcho:
    """A Python echo server on 127.0.0.1 port 0 that misbehaves on purpose, one thread per connection:
    corrupt_at=K flips the bits of the K-th byte (0-based) each connection echoes; close_after=K closes a
    connection after echoing K bytes; silent=True never answers; delay=S sleeps S seconds before each echo."""

    def __init__(self, corrupt_at=None, close_after=None, silent=False, delay=0.0):
        self.corrupt_at, self.close_after, self.silent, self.delay = corrupt_at, close_after, silent, delay
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.conns = []
        self.stopping = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopping:
            try:
                c, _ = self.listener.accept()
            except OSError:
                return
            self.conns.append(c)
            threading.Thread(target=self._serve, args=(c,), daemon=True).start()

    def _serve(self, c):
        echoed = 0
        try:
            while not self.silent:
                data = bytearray(c.recv(65536))
                if not data:
                    break
                if self.delay:
                    time.sleep(self.delay)
                if self.corrupt_at is not None and echoed <= self.corrupt_at < echoed + len(data):
                    data[self.corrupt_at - echoed] ^= 0xFF
                if self.close_after is not None and echoed + len(data) >= self.close_after:
                    c.sendall(data[:self.close_after - echoed])
                    break
                c.sendall(data)
                echoed += len(data)
            if self.silent:
                while c.recv(65536):
                    pass
        except OSError:
            pass
        finally:
            c.close()

    def stop(self):
        self.stopping = True
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() blocked in the other thread
        except OSError:
            pass
        self.listener.close()
        for c in self.conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.thread.join(timeout=5)


def bench_json(*args, timeout=60):
    """Runs `sockit bench ARGS --json`; returns (exit code, document or None, stderr)."""
    p = run("bench", *args, "--json", timeout=timeout)
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        doc = None
    return p.returncode, doc, p.stderr


def refused_port():
    """A port on 127.0.0.1 that nothing listens on (bound, never listened: connects are refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    return s, s.getsockname()[1]


class AgainstSockitServe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server("echo/tcp=127.0.0.1:0", "--idle-timeout", "0", "--max-conns", "4096", expect=1)
        cls.port = cls.srv.port("echo")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def test_round_trip_bound_is_exact(self):
        rows = [
            # connections, size, -n
            (1, 1, 1),          # the smallest run
            (5, 64, 200),       # several connections share the count
            (3, 100000, 30),    # messages larger than one read and than the socket buffers
        ]
        for conns, size, n in rows:
            code, doc, err = bench_json("echo", "127.0.0.1", self.port, "-c", conns, "-s", size, "-n", n, "-d", 30)
            self.assertEqual(code, EX_OK, err)
            self.assertEqual(doc["round_trips"], n, (conns, size))
            self.assertEqual(doc["bytes"], n * size)
            self.assertEqual((doc["errors"], doc["failed"], doc["connected"]), (0, 0, conns))
            self.assertLess(doc["duration_s"], 30)
            self.assertGreater(doc["latency_us"]["p99"], 0)
            self.assertLessEqual(doc["latency_us"]["p50"], doc["latency_us"]["p99"])
            self.assertLessEqual(doc["latency_us"]["p99"], doc["latency_us"]["max"])

    def test_duration_bound(self):
        start = time.monotonic()
        code, doc, err = bench_json("echo", "127.0.0.1", self.port, "-c", 4, "-d", 0.5, "--warmup", 0.2)
        elapsed = time.monotonic() - start
        self.assertEqual(code, EX_OK, err)
        self.assertAlmostEqual(doc["duration_s"], 0.5, delta=0.1)
        self.assertGreater(doc["round_trips"], 0)
        self.assertLess(elapsed, 10)
        self.assertAlmostEqual(doc["round_trips_per_s"], doc["round_trips"] / doc["duration_s"], delta=1)

    def test_a_thousand_connections(self):
        code, doc, err = bench_json("echo", "127.0.0.1", self.port, "-c", 1000, "-d", 0.5, timeout=120)
        self.assertEqual(code, EX_OK, err)
        self.assertEqual((doc["connected"], doc["failed"], doc["errors"]), (1000, 0, 0))
        self.assertGreaterEqual(doc["round_trips"], 1000 - doc["stalled"])

    def test_interrupt_reports_what_was_measured(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            proc = subprocess.Popen([SOCKIT, "bench", "echo", "127.0.0.1", str(self.port), "-c", "2", "-d", "30",
                                     "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            # Ready when its event loop holds the stop signals (signalfd blocks them): under ASan on a
            # loaded machine that can take seconds, and a signal before it would kill the process.
            deadline = time.monotonic() + 20
            while not blocks(proc.pid, sig) and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.02)
            self.assertTrue(blocks(proc.pid, sig), "the stop signals were never blocked")
            time.sleep(0.5)  # let it measure a while (this is the duration of the run, not a wait for an event)
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=10)
            self.assertEqual(proc.returncode, EX_OK, err)
            doc = json.loads(out)
            self.assertTrue(doc["interrupted"])
            self.assertLess(doc["duration_s"], 5)
            self.assertGreater(doc["round_trips"], 0)

    def test_text_output(self):
        p = run("bench", "echo", "127.0.0.1", self.port, "-c", 2, "-n", 10, check=EX_OK)
        for word in ("round trips", "latency", "p99", "errors       0", "2 connected, 0 failed"):
            self.assertIn(word, p.stdout)


class Misbehaving(unittest.TestCase):
    def test_corrupted_echo_is_an_error(self):
        srv = ScriptedEcho(corrupt_at=64 * 3 + 5)  # byte 5 of the 4th message of each connection
        self.addCleanup(srv.stop)
        # One connection with -n: exactly one bad echo, not counted among the 20 round trips.
        code, doc, err = bench_json("echo", "127.0.0.1", srv.port, "-c", 1, "-s", 64, "-n", 20, "-d", 20)
        self.assertEqual(code, EX_DATAERR, err)
        self.assertEqual((doc["errors"], doc["round_trips"]), (1, 20))
        m = re.fullmatch(r"connection 1, message 4, byte 5: sent 0x(..), echoed 0x(..)", doc["first_error"])
        self.assertTrue(m, doc["first_error"])
        self.assertEqual(int(m.group(1), 16) ^ 0xFF, int(m.group(2), 16))  # the byte the server flipped
        self.assertIn("1 echo differed from what was sent", err)
        self.assertTrue(err.startswith("sockit bench echo: 127.0.0.1:"), err)
        # Three connections for a while: each reports its own bad echo, the run goes on.
        code, doc, err = bench_json("echo", "127.0.0.1", srv.port, "-c", 3, "-s", 64, "-d", 1)
        self.assertEqual(code, EX_DATAERR, err)
        self.assertEqual((doc["errors"], doc["failed"]), (3, 0))
        self.assertGreater(doc["round_trips"], 3)
        self.assertIn("3 echoes differed", err)

    def test_server_closing_is_a_failed_connection(self):
        srv = ScriptedEcho(close_after=64 * 5)
        self.addCleanup(srv.stop)
        code, doc, err = bench_json("echo", "127.0.0.1", srv.port, "-c", 3, "-s", 64, "-d", 2)
        self.assertEqual(code, EX_UNAVAILABLE, err)
        self.assertEqual((doc["connected"], doc["failed"], doc["errors"]), (3, 3, 0))
        self.assertIn("after 5 round trips", doc["first_failure"])  # closed, or reset by our next message
        self.assertLess(doc["duration_s"], 2)  # every connection gone: the run ends early

    def test_latency_is_measured(self):
        srv = ScriptedEcho(delay=0.02)  # every echo 20 ms late
        self.addCleanup(srv.stop)
        code, doc, err = bench_json("echo", "127.0.0.1", srv.port, "-c", 2, "-n", 30, "-d", 20)
        self.assertEqual(code, EX_OK, err)
        lat = doc["latency_us"]
        self.assertGreaterEqual(lat["p50"], 20000 * 0.94)  # the histogram's buckets are within 6.25 %
        self.assertLess(lat["p50"], 20000 * 3)             # a loaded machine may add some, not this much
        self.assertGreaterEqual(lat["mean"], 20000)
        self.assertLessEqual(lat["p50"], lat["p90"])
        self.assertLessEqual(lat["p90"], lat["p99"])
        self.assertLessEqual(lat["p99"], lat["max"])
        self.assertLess(doc["round_trips_per_s"], 2 / 0.02 * 1.01)  # two connections, 50 round trips/s each

    def test_silent_server_stalls(self):
        srv = ScriptedEcho(silent=True)
        self.addCleanup(srv.stop)
        code, doc, err = bench_json("echo", "127.0.0.1", srv.port, "-c", 3, "-d", 0.3)
        self.assertEqual(code, EX_OK, err)
        self.assertEqual((doc["round_trips"], doc["stalled"], doc["failed"]), (0, 3, 0))

    def test_uniplex_serves_one_at_a_time(self):
        srv = Server("echo/tcp=127.0.0.1:0", "--model", "uniplex", expect=1)
        self.addCleanup(srv.kill)
        code, doc, err = bench_json("echo", "127.0.0.1", srv.port("echo"), "-c", 4, "-d", 0.3)
        self.assertEqual(code, EX_OK, err)
        self.assertEqual((doc["connected"], doc["stalled"]), (4, 3))
        self.assertGreater(doc["round_trips"], 0)


class Errors(unittest.TestCase):
    def test_refused(self):
        holder, port = refused_port()
        self.addCleanup(holder.close)
        for cmd in ("echo", "discard"):
            p = run("bench", cmd, "127.0.0.1", port, "-d", 1, timeout=30)
            self.assertEqual(p.returncode, EX_UNAVAILABLE, p.stderr)
            self.assertEqual(p.stderr, f"sockit bench {cmd}: connect to 127.0.0.1:{port}: Connection refused\n")
            self.assertEqual(p.stdout, "")

    def test_usage_errors(self):
        rows = [
            # arguments, a word the message must hold
            (["echo"], "host"),                                  # nothing
            (["echo", "127.0.0.1"], "port"),                     # no port
            (["echo", "127.0.0.1", "0"], "'0'"),                 # port 0
            (["echo", "127.0.0.1", "70000"], "'70000'"),         # beyond 65535
            (["echo", "127.0.0.1", "no-such-service-x"], "no-such-service-x"),
            (["echo", "127.0.0.1", "7", "-c", "0"], "connections"),
            (["echo", "127.0.0.1", "7", "-s", "0"], "size"),
            (["echo", "127.0.0.1", "7", "-s", "1G"], "size"),    # above 16 MiB
            (["echo", "127.0.0.1", "7", "-d", "0"], "duration"),
            (["echo", "127.0.0.1", "7", "-n", "0"], "round-trips"),
            (["echo", "127.0.0.1", "7", "-n", "many"], "round-trips"),
            (["echo", "127.0.0.1", "7", "--warmup", "-1"], "warmup"),
            (["echo", "127.0.0.1", "7", "--bogus"], "bogus"),
            (["discard", "127.0.0.1", "9", "-l", "0"], "length"),
            (["discard", "127.0.0.1", "9", "-d", "x"], "duration"),
            (["discard", "127.0.0.1"], "port"),
        ]
        for args, word in rows:
            p = run("bench", *args, timeout=10)
            self.assertEqual(p.returncode, EX_USAGE, f"{args}: {p.stderr}")
            self.assertTrue(p.stderr.startswith(f"sockit bench {args[0]}: "), p.stderr)
            self.assertIn(word, p.stderr, args)
            self.assertEqual(p.stderr.count("\n"), 1, p.stderr)

    def test_help(self):
        for cmd in ("echo", "discard"):
            p = run("bench", cmd, "--help", check=EX_OK)
            self.assertIn("Example:", p.stdout)
            self.assertIn("Exit codes", p.stdout)
        p = run("bench", timeout=10)
        self.assertIn("echo", p.stdout + p.stderr)
        self.assertIn("discard", p.stdout + p.stderr)


class Discard(unittest.TestCase):
    def test_bytes_match_the_servers_count(self):
        srv = Server("discard/tcp=127.0.0.1:0", "--json-log", "--idle-timeout", "0", expect=0)
        self.addCleanup(srv.kill)
        listening = json.loads(srv.readline())
        port = int(listening["address"].rsplit(":", 1)[1])
        rows = [
            # write size
            "64K",
            "1000",  # not a power of two: the count is still exact
        ]
        for size in rows:
            code, doc, err = bench_json("discard", "127.0.0.1", port, "-d", 0.3, "-l", size)
            self.assertEqual(code, EX_OK, err)
            self.assertTrue(doc["drained"])
            self.assertGreater(doc["bytes"], 0)
            self.assertAlmostEqual(doc["gbit_per_s"], doc["bytes"] * 8 / doc["duration_s"] / 1e9, places=3)
            record = json.loads(srv.readline())  # the server logs the connection once it has closed it
            self.assertEqual(record["event"], "connection")
            self.assertEqual(record["bytes_in"], doc["bytes"], size)
            self.assertEqual(record["bytes_out"], 0)


if __name__ == "__main__":
    unittest.main()
