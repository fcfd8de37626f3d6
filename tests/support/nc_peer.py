# SPDX-License-Identifier: MIT
# Helpers for the `sockit nc` peer tests: ports, readiness through /proc/net, deadlines, process clean-up.
import hashlib
import os
import random
import re
import select
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

from sockit_test import SOCKIT, bound, wait_until

NC = "/bin/nc.openbsd"
DEADLINE = 120  # seconds any one process of a test may take


def sanitized():
    """True when the sockit program under test was built with AddressSanitizer (then transfers shrink)."""
    try:
        with open(SOCKIT, "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


# Bulk size per transfer: 100 MiB in release, 8 MiB under ASan; SOCKIT_NC_TEST_MIB overrides both.
SIZE = int(os.environ.get("SOCKIT_NC_TEST_MIB") or (8 if sanitized() else 100)) << 20


def free_port(family=socket.AF_INET, kind=socket.SOCK_STREAM):
    """A port nothing is bound to right now (bound to 0 then released) on the loopback of `family`."""
    with socket.socket(family, kind) as s:
        s.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1", 0))
        return s.getsockname()[1]


def wait_bound(port, proto="tcp", timeout=10):
    """Waits until something listens (TCP) or is bound (UDP) on `port` (sockit_test.bound: /proc/net, no connect)."""
    if not wait_until(lambda: bound(port, proto), timeout):
        raise AssertionError(f"nothing bound to {proto} port {port} within {timeout} s")


def wait_unix(path, timeout=10):
    """Waits until a Unix socket is bound at `path` (listed in /proc/net/unix)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open("/proc/net/unix") as f:
            if any(line.rstrip("\n").endswith(" " + path) for line in f):
                return
        time.sleep(0.02)
    raise AssertionError(f"nothing bound at {path} within {timeout} s")


def read_line(stream, timeout=10):
    """Reads one line from a pipe with a deadline (bytes, without the newline)."""
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            raise AssertionError(f"no line within {timeout} s (got {line!r})")
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            raise AssertionError(f"stream closed (got {line!r})")
        line += chunk
    return line[:-1]


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def dgram_pair():
    """A connected pair of Unix datagram sockets: as a process's stdin or stdout each read/write is one datagram."""
    return socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)


def datagram_sizes(count, top):
    """`count` sizes from 1 to `top`, the edges first, then a fixed pseudo-random mix."""
    rng = random.Random(1000)
    edges = [1, 2, top, top - 1, 512, 1472, 1500]
    return (edges + [rng.randint(1, top) for _ in range(count)])[:count]


class NcTest(unittest.TestCase):
    """Starts processes and sockets and cleans every one of them up."""

    def setUp(self):
        self.procs = []
        self.socks = []
        self.tmp = tempfile.mkdtemp(prefix="sockit-nc-")

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            for stream in (p.stdin, p.stdout, p.stderr):
                if stream:
                    stream.close()
        for s in self.socks:
            s.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def spawn(self, argv, **kw):
        kw.setdefault("stdin", subprocess.DEVNULL)
        kw.setdefault("stdout", subprocess.DEVNULL)
        p = subprocess.Popen([str(a) for a in argv], **kw)
        self.procs.append(p)
        return p

    def sockit_listener(self, *args, **kw):
        """Starts `sockit nc -v ARGS` (a listener on port 0) and returns (process, port) from its
        `Listening on ADDR PORT` / `Bound on ADDR PORT` line."""
        p = self.spawn([SOCKIT, "nc", "-v", *args], stderr=subprocess.PIPE, **kw)
        line = read_line(p.stderr).decode()
        m = re.fullmatch(r"(Listening|Bound) on (\S+) (\d+)", line)
        self.assertIsNotNone(m, line)
        return p, int(m.group(3))

    def finish(self, *procs, want=0):
        for p in procs:
            try:
                rc = p.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                self.fail(f"{p.args} did not finish within {DEADLINE} s")
            self.assertEqual(rc, want, p.args)

    def pairs(self, n):
        out = []
        for _ in range(n):
            a, b = dgram_pair()
            self.socks += [a, b]
            out.append((a, b))
        return out
