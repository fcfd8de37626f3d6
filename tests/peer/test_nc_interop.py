# SPDX-License-Identifier: MIT
# `sockit nc` against the real netcats and Python peers: UDP and Unix datagrams with boundaries kept, -z agreeing
# with OpenBSD nc, the EOF rules (-q, -w, -d, --no-shutdown), -C, -i, listeners (-v port 0, -k, -e/-c).
import os
import random
import re
import socket
import subprocess
import threading
import time
import unittest

from nc_peer import (DEADLINE, NC, NcTest, datagram_sizes, free_port, read_line, wait_bound, wait_unix)
from sockit_test import SOCKIT, need

class Datagrams(NcTest):
    """UDP and Unix datagrams: stdin and stdout are datagram socketpairs, so each datagram stays one message
    end to end; 1,000 datagrams of varied sizes go one at a time and must arrive whole and in order."""

    def lockstep(self, into, out_of, sizes):
        rng = random.Random(7)
        out_of.settimeout(10)
        for i, size in enumerate(sizes):
            payload = rng.randbytes(size)
            into.send(payload)
            got = out_of.recv(70000)
            self.assertEqual((i, len(got), got), (i, size, payload))

    def test_udp_sockit_client_to_openbsd_listener(self):
        need(NC)
        (i_a, i_b), (o_a, o_b) = self.pairs(2)
        port = free_port(kind=socket.SOCK_DGRAM)
        self.spawn([NC, "-u", "-l", "127.0.0.1", port], stdout=o_b)
        wait_bound(port, "udp")
        self.spawn([SOCKIT, "nc", "-u", "127.0.0.1", port], stdin=i_b)
        self.lockstep(i_a, o_a, datagram_sizes(1000, 16384))  # OpenBSD nc reads at most 16 KiB at a time

    def test_udp_openbsd_client_to_sockit_listener(self):
        need(NC)
        (i_a, i_b), (o_a, o_b) = self.pairs(2)
        srv, port = self.sockit_listener("-u", "-l", "127.0.0.1", "0", stdout=o_b)
        self.spawn([NC, "-u", "127.0.0.1", port], stdin=i_b)
        self.lockstep(i_a, o_a, datagram_sizes(1000, 16384))
        self.assertEqual(read_line(srv.stderr).decode()[:33], "Connection received on 127.0.0.1 ")

    def test_udp_both_ways_between_sockits_over_ipv6(self):
        (si_a, si_b), (so_a, so_b), (ci_a, ci_b), (co_a, co_b) = self.pairs(4)
        srv, port = self.sockit_listener("-u", "-l", "::1", "0", stdin=si_b, stdout=so_b)
        self.spawn([SOCKIT, "nc", "-u", "::1", port], stdin=ci_b, stdout=co_b)
        self.lockstep(ci_a, so_a, datagram_sizes(1000, 65000))  # client → server, up to 65,000 bytes
        self.lockstep(si_a, co_a, datagram_sizes(1000, 65000))  # server → its first sender

    def test_udp_keep_open_answers_each_sender(self):
        (i_a, i_b), (o_a, o_b) = self.pairs(2)
        srv, port = self.sockit_listener("-u", "-l", "-k", "127.0.0.1", "0", stdin=i_b, stdout=o_b)
        o_a.settimeout(10)
        senders = []
        for _ in range(2):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 0))
            s.settimeout(10)
            self.socks.append(s)
            senders.append(s)
        # A, B, then A again: each reply from stdin goes to whoever sent last.
        for round_, s in enumerate([senders[0], senders[1], senders[0]]):
            s.sendto(f"hello {round_}".encode(), ("127.0.0.1", port))
            self.assertEqual(o_a.recv(100), f"hello {round_}".encode())
            i_a.send(f"reply {round_}".encode())
            self.assertEqual(s.recvfrom(100), (f"reply {round_}".encode(), ("127.0.0.1", port)))
        lines = [read_line(srv.stderr).decode() for _ in range(3)]
        self.assertEqual(lines, [f"Connection received on 127.0.0.1 {s.getsockname()[1]}"
                                 for s in (senders[0], senders[1], senders[0])])

    def test_udp_listener_hands_the_first_sender_to_exec(self):
        # -l -u -e: the first datagram's sender becomes the command's connected peer; the datagram itself
        # is left for the command to read (cat echoes each datagram back as one datagram).
        srv, port = self.sockit_listener("-u", "-l", "127.0.0.1", "0", "-e", "cat")
        c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socks.append(c)
        c.settimeout(10)
        for payload in [b"hello\n", b"x" * 3000, b"last"]:
            c.sendto(payload, ("127.0.0.1", port))
            self.assertEqual(c.recvfrom(4096), (payload, ("127.0.0.1", port)))
        self.assertEqual(read_line(srv.stderr).decode(), f"Connection received on 127.0.0.1 {c.getsockname()[1]}")

    def test_udp_client_waits_q_after_stdin_eof(self):
        server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socks.append(server)
        server.bind(("127.0.0.1", 0))
        server.settimeout(10)

        def answer():
            data, peer = server.recvfrom(100)
            server.sendto(b"pong:" + data, peer)

        t = threading.Thread(target=answer, daemon=True)
        t.start()
        start = time.monotonic()
        proc = subprocess.run([SOCKIT, "nc", "-u", "-q", "1", "127.0.0.1", str(server.getsockname()[1])],
                              input=b"ping", capture_output=True, timeout=30)
        elapsed = time.monotonic() - start
        t.join(10)
        self.assertEqual((proc.returncode, proc.stdout, proc.stderr), (0, b"pong:ping", b""))
        self.assertTrue(0.9 <= elapsed < 10, elapsed)

    def test_unix_datagrams_with_openbsd_nc(self):
        need(NC)
        path = os.path.join(self.tmp, "dgram.sock")
        with self.subTest("sockit -U -u client, nc -l -U -u server"):
            (i_a, i_b), (o_a, o_b), (r_a, r_b), (b_a, b_b) = self.pairs(4)
            self.spawn([NC, "-lUu", path], stdin=r_b, stdout=o_b)
            wait_unix(path)
            self.spawn([SOCKIT, "nc", "-Uu", path], stdin=i_b, stdout=b_b)
            self.lockstep(i_a, o_a, datagram_sizes(200, 16384))
            self.lockstep(r_a, b_a, datagram_sizes(50, 4096))  # replies reach sockit's autobound address
        os.unlink(path)
        with self.subTest("nc -U -u client, sockit -l -U -u server"):
            (i_a, i_b), (o_a, o_b), (r_a, r_b), (b_a, b_b) = self.pairs(4)
            srv = self.spawn([SOCKIT, "nc", "-lvUu", path], stdin=r_b, stdout=o_b, stderr=subprocess.PIPE)
            self.assertEqual(read_line(srv.stderr).decode(), f"Bound on {path}")
            self.spawn([NC, "-Uu", path], stdin=i_b, stdout=b_b)
            self.lockstep(i_a, o_a, datagram_sizes(200, 16384))
            self.lockstep(r_a, b_a, datagram_sizes(50, 4096))


SUCCESS = re.compile(r"Connection to (.+) (\d+) port \[tcp/[^\]]+\] succeeded!")
FAILURE = re.compile(r"connect to (.+) port (\d+) \(tcp\) failed: (.+)")


class Scan(NcTest):
    def listeners(self, family, host, count_range=20, open_offsets=(3, 7, 15)):
        """Listens on a few ports of a range of free ports; returns (first port, last port, open ports). The range
        lies below Linux's ephemeral ports (32768-60999), where other tests' port-0 listeners come and go."""
        rng = random.Random()
        for _ in range(100):
            base = rng.randint(10000, 32000 - count_range)
            socks = []
            try:
                for off in open_offsets:
                    s = socket.socket(family, socket.SOCK_STREAM)
                    socks.append(s)
                    s.bind((host, base + off))
                    s.listen(16)
            except OSError:
                for s in socks:
                    s.close()
                continue
            self.socks += socks
            return base, base + count_range - 1, {base + off for off in open_offsets}
        self.skipTest("no free port range")

    @staticmethod
    def outcome(stderr):
        """(lines of successes, failure lines without the program prefix) of a -zv run."""
        ok, bad = set(), set()
        for line in stderr.splitlines():
            if SUCCESS.fullmatch(line):
                ok.add(line)
            elif m := FAILURE.search(line):
                bad.add(m.group(0))
        return ok, bad

    def compare(self, mine_args, theirs_args, want_open):
        mine = subprocess.run([SOCKIT, "nc", *map(str, mine_args)], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=DEADLINE)
        theirs = subprocess.run([NC, *map(str, theirs_args)], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=DEADLINE)
        self.assertEqual(mine.returncode, theirs.returncode)
        self.assertEqual(self.outcome(mine.stderr), self.outcome(theirs.stderr))
        self.assertEqual({int(SUCCESS.fullmatch(l).group(2)) for l in self.outcome(mine.stderr)[0]}, want_open)
        return mine

    def test_range_agrees_with_openbsd_nc(self):
        need(NC)
        for family, host in [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")]:
            with self.subTest(host=host):
                lo, hi, open_ = self.listeners(family, host)
                mine = self.compare(["-zv", host, f"{lo}-{hi}"], ["-zv", host, f"{lo}-{hi}"], open_)
                self.assertEqual(mine.returncode, 0)
                self.assertEqual(len(mine.stderr.splitlines()), hi - lo + 1)  # one line per port
                # A reversed range is scanned upwards, as nc does.
                self.compare(["-zv", host, f"{hi}-{lo}"], ["-zv", host, f"{hi}-{lo}"], open_)

    def test_list_agrees_with_openbsd_nc(self):
        need(NC)
        lo, hi, open_ = self.listeners(socket.AF_INET, "127.0.0.1")
        # sockit takes the comma list in one operand; OpenBSD nc takes the same ports as separate operands.
        self.compare(["-zv", "127.0.0.1", f"{lo},{lo + 3},{lo + 5}-{lo + 8}"],
                     ["-zv", "127.0.0.1", lo, lo + 3, f"{lo + 5}-{lo + 8}"], {lo + 3, lo + 7})

    def test_nothing_open_exits_1_quietly(self):
        need(NC)
        lo, hi, _ = self.listeners(socket.AF_INET, "127.0.0.1", open_offsets=())
        mine = self.compare(["-z", "127.0.0.1", f"{lo}-{hi}"], ["-z", "127.0.0.1", f"{lo}-{hi}"], set())
        self.assertEqual((mine.returncode, mine.stderr), (1, ""))

    def test_descriptors_above_fd_setsize(self):
        # 1,100 inherited descriptors push every socket of the scan above FD_SETSIZE (1024): select() could
        # not watch them, poll() can.
        lo, hi, open_ = self.listeners(socket.AF_INET, "127.0.0.1")
        held = [os.open("/dev/null", os.O_RDONLY) for _ in range(1100)]
        try:
            proc = subprocess.run([SOCKIT, "nc", "-zv", "127.0.0.1", f"{lo}-{hi}"], capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, pass_fds=held, timeout=DEADLINE)
        finally:
            for fd in held:
                os.close(fd)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual({int(SUCCESS.fullmatch(l).group(2)) for l in self.outcome(proc.stderr)[0]}, open_)

    def test_many_ports_at_once(self):
        # A wide range (more ports than the connect window) finishes quickly and finds the listeners.
        lo, hi, open_ = self.listeners(socket.AF_INET, "127.0.0.1", count_range=3000, open_offsets=(0, 1500, 2999))
        start = time.monotonic()
        proc = subprocess.run([SOCKIT, "nc", "-zv", "127.0.0.1", f"{lo}-{hi}"], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=DEADLINE)
        self.assertEqual(proc.returncode, 0, proc.stderr[-500:])
        self.assertEqual({int(SUCCESS.fullmatch(l).group(2)) for l in self.outcome(proc.stderr)[0]}, open_)
        self.assertLess(time.monotonic() - start, 60)


class EndOfStream(NcTest):
    """The EOF rules scripts rely on, against a Python server that records what it saw."""

    def run_timed(self, release, peer, *nc_args, input=None):
        """Runs `sockit nc NC_ARGS...`, then lets the peer thread go; returns (process, seconds nc took)."""
        start = time.monotonic()
        proc = subprocess.run([SOCKIT, "nc", *nc_args], input=input, capture_output=True, timeout=30)
        elapsed = time.monotonic() - start
        release.set()
        peer.join(10)
        return proc, elapsed

    def serve_once(self, behave):
        """A one-shot TCP server on 127.0.0.1 running behave(conn, record) in a thread; returns (port, record, thread)."""
        srv = socket.socket()
        self.socks.append(srv)
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        srv.settimeout(30)
        record = {}

        def main():
            conn, _ = srv.accept()
            with conn:
                conn.settimeout(10)
                behave(conn, record)

        t = threading.Thread(target=main, daemon=True)
        t.start()
        return srv.getsockname()[1], record, t

    @staticmethod
    def read_to_eof(conn):
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
        return data

    def test_stdin_eof_shuts_down_then_reads_until_the_peer_closes(self):
        def behave(conn, record):
            record["got"] = self.read_to_eof(conn)  # needs our FIN
            conn.sendall(b"got %d bytes" % len(record["got"]))

        port, record, t = self.serve_once(behave)
        proc = subprocess.run([SOCKIT, "nc", "127.0.0.1", str(port)], input=b"hello", capture_output=True, timeout=30)
        t.join(10)
        self.assertEqual((proc.returncode, proc.stdout, proc.stderr), (0, b"got 5 bytes", b""))
        self.assertEqual(record["got"], b"hello")

    def test_no_shutdown_keeps_the_write_side_open(self):
        for flags, want_eof in [([], True), (["--no-shutdown"], False)]:
            with self.subTest(flags=flags):
                def behave(conn, record):
                    record["got"] = conn.recv(5)
                    conn.settimeout(0.5)
                    try:
                        record["eof"] = conn.recv(1) == b""
                    except socket.timeout:
                        record["eof"] = False
                    conn.sendall(b"bye")

                port, record, t = self.serve_once(behave)
                proc = subprocess.run([SOCKIT, "nc", *flags, "127.0.0.1", str(port)], input=b"hello",
                                      capture_output=True, timeout=30)
                t.join(10)
                self.assertEqual((proc.returncode, proc.stdout), (0, b"bye"))
                self.assertEqual((record["got"], record["eof"]), (b"hello", want_eof))

    def test_q_bounds_the_wait_after_stdin_eof(self):
        release = threading.Event()

        def behave(conn, record):
            record["got"] = conn.recv(100)
            release.wait(30)  # never closes while sockit runs

        port, record, t = self.serve_once(behave)
        proc, elapsed = self.run_timed(release, t, "-q", "0.5", "127.0.0.1", str(port), input=b"x")
        self.assertEqual(proc.returncode, 0)
        self.assertTrue(0.4 <= elapsed < 10, elapsed)

    def test_w_ends_an_idle_connection(self):
        release = threading.Event()
        port, record, t = self.serve_once(lambda conn, record: release.wait(30))
        proc, elapsed = self.run_timed(release, t, "-d", "-w", "0.5", "127.0.0.1", str(port))
        self.assertEqual(proc.returncode, 0)
        self.assertTrue(0.4 <= elapsed < 10, elapsed)

    def test_d_does_not_read_stdin(self):
        def behave(conn, record):
            conn.settimeout(0.5)
            try:
                record["got"] = conn.recv(100)
            except socket.timeout:
                record["got"] = None  # nothing, not even EOF: -d neither reads nor shuts down
            conn.sendall(b"hello")

        port, record, t = self.serve_once(behave)
        proc = subprocess.run([SOCKIT, "nc", "-d", "127.0.0.1", str(port)], input=b"must not be sent",
                              capture_output=True, timeout=30)
        t.join(10)
        self.assertEqual((proc.returncode, proc.stdout), (0, b"hello"))
        self.assertIsNone(record["got"])

    def test_crlf(self):
        def behave(conn, record):
            record["got"] = self.read_to_eof(conn)

        port, record, t = self.serve_once(behave)
        proc = subprocess.run([SOCKIT, "nc", "-C", "127.0.0.1", str(port)], input=b"a\nb\r\nc\n\nd",
                              capture_output=True, timeout=30)
        t.join(10)
        self.assertEqual(proc.returncode, 0)
        self.assertEqual(record["got"], b"a\r\nb\r\nc\r\n\r\nd")

    def test_interval_sends_one_line_at_a_time(self):
        def behave(conn, record):
            stamps = []
            data = b""
            while chunk := conn.recv(100):
                data += chunk
                stamps.append(time.monotonic())
            record["got"], record["stamps"] = data, stamps

        port, record, t = self.serve_once(behave)
        proc = subprocess.run([SOCKIT, "nc", "-i", "0.2", "127.0.0.1", str(port)], input=b"one\ntwo\nthree\n",
                              capture_output=True, timeout=30)
        t.join(10)
        self.assertEqual((proc.returncode, record["got"]), (0, b"one\ntwo\nthree\n"))
        self.assertEqual(len(record["stamps"]), 3)
        self.assertGreaterEqual(record["stamps"][2] - record["stamps"][0], 0.35)

    def test_peer_closing_ends_a_listener(self):
        # `sockit nc -l > file` ends when its client is done: with stdin at its end (/dev/null), and with a
        # terminal on stdin that nobody types into (the peer is gone, nothing more can be said).
        master, slave = os.openpty()
        try:
            for name, stdin in [("/dev/null", subprocess.DEVNULL), ("terminal", slave)]:
                with self.subTest(stdin=name):
                    srv, port = self.sockit_listener("-l", "127.0.0.1", "0", stdin=stdin, stdout=subprocess.PIPE)
                    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
                        c.sendall(b"payload")
                    self.finish(srv)
                    self.assertEqual(srv.stdout.read(), b"payload")
        finally:
            os.close(master)
            os.close(slave)


class Listener(NcTest):
    def test_listening_line_reports_the_kernel_port(self):
        # (listen arguments, the address printed, addresses a client can use)
        cases = [
            (["-l", "127.0.0.1", "0"], "127.0.0.1", ["127.0.0.1"]),          # -l ADDR PORT
            (["-l", "-p", "0", "-s", "127.0.0.1"], "127.0.0.1", ["127.0.0.1"]),  # -l -p PORT -s ADDR
            (["-l", "::1", "0"], "::1", ["::1"]),                           # IPv6
            (["-l", "0"], "::", ["127.0.0.1", "::1"]),                      # no address: both families
            (["-l", "-p", "0"], "::", ["127.0.0.1", "::1"]),                # the same, traditional spelling
            (["-l", "-4", "0"], "0.0.0.0", ["127.0.0.1"]),                  # -4: IPv4 only
        ]
        for args, shown, reach in cases:
            with self.subTest(args=args):
                srv = self.spawn([SOCKIT, "nc", "-v", "-k", *args], stderr=subprocess.PIPE, stdout=subprocess.PIPE)
                line = read_line(srv.stderr).decode()
                m = re.fullmatch(r"Listening on (\S+) (\d+)", line)
                self.assertIsNotNone(m, line)
                self.assertEqual(m.group(1), shown)
                port = int(m.group(2))
                self.assertNotEqual(port, 0)
                for addr in reach:
                    with socket.create_connection((addr, port), timeout=10) as c:
                        c.sendall(addr.encode() + b"\n")
                        c.shutdown(socket.SHUT_WR)
                        self.assertEqual(c.recv(10), b"")  # stdin /dev/null: the server's side ends at once
                    self.assertRegex(read_line(srv.stderr).decode(), r"^Connection received on \S+ \d+$")
                    self.assertEqual(read_line(srv.stdout).decode(), addr)
                srv.kill()

    def test_keep_open_serves_clients_without_leaking_descriptors(self):
        srv, port = self.sockit_listener("-l", "-k", "127.0.0.1", "0", stdout=subprocess.PIPE)
        fd_dir = f"/proc/{srv.pid}/fd"
        baseline = len(os.listdir(fd_dir))
        for i in range(40):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
                c.sendall(b"client %02d\n" % i)
                c.shutdown(socket.SHUT_WR)
                self.assertEqual(c.recv(10), b"")
            self.assertEqual(read_line(srv.stdout), b"client %02d" % i)
            read_line(srv.stderr)  # "Connection received on ..."
        deadline = time.monotonic() + 10
        while len(os.listdir(fd_dir)) != baseline and time.monotonic() < deadline:
            time.sleep(0.02)
        self.assertEqual(len(os.listdir(fd_dir)), baseline)
        self.assertIsNone(srv.poll())

    def test_exec_and_sh_exec(self):
        # (flags, what comes back for b"hello world\n")
        cases = [
            (["-e", "tr a-z A-Z"], b"HELLO WORLD\n"),         # -e: split on blanks, no shell
            (["--exec=tr a-z A-Z"], b"HELLO WORLD\n"),        # long spelling
            (["-c", "tr a-z A-Z | rev"], b"DLROW OLLEH\n"),   # -c: through /bin/sh
            (["--sh-exec", "wc -c"], b"12\n"),                # long spelling
        ]
        for flags, want in cases:
            with self.subTest(flags=flags):
                srv, port = self.sockit_listener("-l", "127.0.0.1", "0", *flags)
                with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
                    c.sendall(b"hello world\n")
                    c.shutdown(socket.SHUT_WR)
                    c.settimeout(10)
                    got = b""
                    while chunk := c.recv(100):
                        got += chunk
                self.assertEqual(got.replace(b" ", b""), want.replace(b" ", b""))
                self.finish(srv)

    def test_keep_open_exec_serves_clients_in_parallel(self):
        srv, port = self.sockit_listener("-l", "-k", "127.0.0.1", "0", "-c", "cat")
        clients = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(5)]
        self.socks += clients
        for i, c in enumerate(clients):  # all five connected at once, each echoed by its own child
            c.sendall(b"client %d" % i)
        for i, c in enumerate(clients):
            self.assertEqual(c.recv(100), b"client %d" % i)
            c.shutdown(socket.SHUT_WR)
            self.assertEqual(c.recv(100), b"")
        self.assertIsNone(srv.poll())

    def test_unix_listener_cleans_up_and_abstract_names_work(self):
        # A SIGTERM'd listener removes its socket file (the next run can bind again); @name needs no file.
        path = os.path.join(self.tmp, "term.sock")
        srv = self.spawn([SOCKIT, "nc", "-lvU", path], stderr=subprocess.PIPE)
        self.assertEqual(read_line(srv.stderr).decode(), f"Listening on {path}")
        self.assertTrue(os.path.exists(path))
        srv.terminate()
        self.assertEqual(srv.wait(timeout=10), -15)
        self.assertFalse(os.path.exists(path))
        name = f"@sockit-nc-test-{os.getpid()}"
        srv = self.spawn([SOCKIT, "nc", "-lvU", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(read_line(srv.stderr).decode(), f"Listening on {name}")
        proc = subprocess.run([SOCKIT, "nc", "-U", name], input=b"abstract\n", capture_output=True, timeout=30)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.finish(srv)
        self.assertEqual(srv.stdout.read(), b"abstract\n")

    def test_connect_to_a_listening_openbsd_nc_over_a_service_port_list(self):
        # Without -z, several ports are tried in turn; the refused one is reported, the open one is used.
        need(NC)
        closed = free_port()
        port = free_port()
        out = os.path.join(self.tmp, "out")
        with open(out, "wb") as dst:
            srv = self.spawn([NC, "-l", "127.0.0.1", port], stdout=dst)
            wait_bound(port)
            proc = subprocess.run([SOCKIT, "nc", "127.0.0.1", f"{closed},{port}"], input=b"data", capture_output=True,
                                  timeout=30)
            self.finish(srv)
        self.assertEqual(proc.returncode, 0)
        self.assertIn(f"port {closed} (tcp) failed: Connection refused", proc.stderr.decode())
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b"data")


if __name__ == "__main__":
    unittest.main()
