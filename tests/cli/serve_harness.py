# SPDX-License-Identifier: MIT
# Starts `sockit serve` on loopback port 0 for the serve tests, reads the bound ports, stops it, and reads
# the server's descriptors, RSS and CPU time from /proc.
import json
import os
import re
import select
import selectors
import signal
import socket
import subprocess
import time

from sockit_test import SOCKIT

LISTEN_RE = re.compile(r"^listening on (\S+):(\d+) \((tcp|udp), (\w+)\)$")


class Server:
    """A running `sockit serve`; ports[(service, proto)] -> port. Always stop() it (tests use addCleanup)."""

    def __init__(self, *args, expect, timeout=10, env=None, preexec_fn=None, command=("serve",)):
        """Starts `sockit COMMAND ARGS...` and waits for `expect` listening lines (text, or the JSON
        `{"event": "listening", ...}` of --json-log)."""
        self.args = [SOCKIT, *command, *map(str, args)]
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
                                     env=env, preexec_fn=preexec_fn)
        self.ports = {}
        self.lines = []
        self._pending = b""
        try:
            while len(self.ports) < expect:
                line = self.readline(timeout)
                if line is None:
                    raise AssertionError(f"{self.args}: exited {self.proc.wait()}: {self.proc.stderr.read()}")
                self.lines.append(line)
                m = LISTEN_RE.match(line)
                if m:
                    self.ports[(m.group(4), m.group(3))] = int(m.group(2))
                elif line.startswith("{") and (j := json.loads(line)).get("event") == "listening":
                    self.ports[(j["service"], j["transport"])] = int(j["address"].rsplit(":", 1)[1])
        except BaseException:
            self.kill()
            raise

    def readline(self, timeout=10):
        """The next stdout line without its newline; None at EOF; raises after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise AssertionError(f"{self.args}: no complete line within {timeout}s: {self._pending!r}")
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode()

    @property
    def pid(self):
        return self.proc.pid

    def port(self, service, proto="tcp"):
        return self.ports[(service, proto)]

    def stop(self, sig=signal.SIGTERM, timeout=15):
        """Signals the server and waits for it; returns (exit code, rest of stdout, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"{self.args}: did not stop within {timeout}s of signal {sig}")
        return self.proc.returncode, self._pending.decode() + out.decode(), err.decode()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.communicate(timeout=10)
        except Exception:
            pass

    # /proc views of the server process (the parent, for the fork model)
    def fd_count(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def is_sanitized(self):
        """True when the server runs with AddressSanitizer (its quarantine and per-thread caches hold
        freed memory for a while, so RSS settles later)."""
        with open(f"/proc/{self.pid}/maps") as f:
            return "libasan" in f.read()

    def cpu_seconds(self):
        """utime + stime of the whole process (all threads), in seconds."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def children(self):
        """The pids of the server's child processes (fork model)."""
        kids = []
        for tid in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{tid}/children") as f:
                    kids += [int(p) for p in f.read().split()]
            except (FileNotFoundError, ProcessLookupError):
                pass
        return kids

    def zombies(self):
        """Children of the server that are zombies (state Z)."""
        z = []
        for pid in self.children():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                        z.append(pid)
            except (FileNotFoundError, ProcessLookupError):  # reaped before open, or between open and read
                pass
        return z


def connect(port, host="127.0.0.1", timeout=10):
    s = socket.create_connection((host, port), timeout=timeout)
    return s


def recv_all(sock, timeout=10):
    """Reads until EOF (or the deadline: then raises)."""
    sock.settimeout(timeout)
    chunks = []
    while True:
        b = sock.recv(65536)
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def fetch(port, host="127.0.0.1", timeout=10):
    """Connects, reads until EOF, closes: what a service that speaks first (daytime, time, qotd) sends."""
    with socket.create_connection((host, port), timeout=timeout) as s:
        return recv_all(s, timeout)


def echo_many(port, payloads, timeout=30, host="127.0.0.1"):
    """Opens one connection per payload at once, sends each payload, half-closes, reads until EOF; all
    multiplexed in this thread with a selector. Returns the bytes each connection got back."""
    sel = selectors.DefaultSelector()
    socks = []
    state = {}
    try:
        for i, p in enumerate(payloads):
            s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.connect_ex((host, port))
            socks.append(s)
            state[s] = {"i": i, "out": memoryview(p), "in": [], "done": False}
            sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE, s)
        deadline = time.monotonic() + timeout
        left = len(socks)
        while left:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"echo_many: {left} of {len(socks)} connections unfinished after {timeout}s")
            for key, ev in sel.select(min(remaining, 1.0)):
                s = key.data
                st = state[s]
                if ev & selectors.EVENT_WRITE and st["out"] is not None:
                    try:
                        n = s.send(st["out"][:65536])
                        st["out"] = st["out"][n:]
                    except (BlockingIOError, InterruptedError):
                        n = 0
                    if len(st["out"]) == 0:
                        s.shutdown(socket.SHUT_WR)
                        st["out"] = None
                        sel.modify(s, selectors.EVENT_READ, s)
                if ev & selectors.EVENT_READ:
                    try:
                        b = s.recv(65536)
                    except (BlockingIOError, InterruptedError):
                        continue
                    if b:
                        st["in"].append(b)
                    else:
                        sel.unregister(s)
                        st["done"] = True
                        left -= 1
        return [b"".join(state[s]["in"]) for s in socks]
    finally:
        for s in socks:
            s.close()
        sel.close()
