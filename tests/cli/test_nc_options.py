# SPDX-License-Identifier: MIT
# `sockit nc` command line: every bad input gets one precise nc-style line and exit 1; accepted spellings
# (bundling, -w5, -l -p, lists and ranges) parse; messages shared with OpenBSD nc match it word for word.
import os
import socket
import subprocess
import tempfile
import unittest

from sockit_test import run

NC = "/bin/nc.openbsd"


def nc_openbsd(*args, timeout=10):
    """Runs OpenBSD nc (the reference) with stdin closed; returns the CompletedProcess."""
    return subprocess.run([NC, *map(str, args)], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout)


def closed_port():
    """A TCP port on 127.0.0.1 that nothing listens on (bound then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# (args, the exact message after "sockit nc: "); every row exits 1 with that single line.
BAD_INPUTS = [
    (["-k", "127.0.0.1", "80"], "must use -l with -k"),                     # -k needs -l
    (["-z", "-l", "1234"], "cannot use -z and -l"),                         # scan and listen conflict
    (["-lz", "1234"], "cannot use -z and -l"),                              # same, bundled
    (["127.0.0.1", "70000"], "port number too large: 70000"),               # port out of range
    (["127.0.0.1", "0"], "port number too small: 0"),                       # port 0 cannot be connected to
    (["-z", "127.0.0.1", "1-70000"], "port number too large: 70000"),       # range end out of range
    (["-z", "127.0.0.1", "20,,30"], "port number invalid: 20,,30"),         # empty list item
    (["-z", "127.0.0.1", "2x"], "port number invalid: 2x"),                 # not a number nor a name
    (["-l"], "missing port number"),                                        # listen without a port
    (["127.0.0.1"], "missing port number"),                                 # connect without a port
    ([], "missing destination"),                                            # nothing at all
    (["-U"], "missing socket pathname"),                                    # -U without a path
    (["-lU"], "missing socket pathname"),                                   # -l -U without a path
    (["-w", "abc", "127.0.0.1", "1"], "timeout invalid: abc"),              # -w not a number
    (["-w", "-1", "127.0.0.1", "1"], "timeout too small: -1"),              # -w negative
    (["-q", "x", "127.0.0.1", "1"], "quit timer invalid: x"),               # -q not a number
    (["-i", "x", "127.0.0.1", "1"], "interval invalid: x"),                 # -i not a number
    (["-I", "0", "127.0.0.1", "1"], "TCP receive window too small: 0"),     # -I below 1
    (["-O", "99999999999", "127.0.0.1", "1"], "TCP send window too large: 99999999999"),  # -O above 1 GiB
    (["-p", "65536", "127.0.0.1", "1"], "port number too large: 65536"),    # source port out of range
    (["-Q", "127.0.0.1", "1"], "invalid option -- 'Q'"),                    # unknown letter
    (["-lvX", "1"], "invalid option -- 'X'"),                               # unknown letter inside a bundle
    (["--bogus"], "unrecognized option '--bogus'"),                         # unknown long option
    (["-s"], "option requires an argument -- 's'"),                         # missing flag argument
    (["--exec"], "option '--exec' requires an argument"),                   # missing long-option argument
    (["-4", "-6", "::1", "1"], "cannot use -4 and -6"),                     # both families only
    (["-e", "cat", "-c", "cat", "-l", "1"], "cannot use -e and -c"),        # two commands
    (["-z", "-e", "cat", "127.0.0.1", "1"], "cannot use -z with -e or -c"), # scanning runs nothing
    (["-luk", "-e", "cat", "1"], "cannot use -e or -c with -k -u"),         # unconnected UDP has no peer to hand over
    (["-N", "--no-shutdown", "127.0.0.1", "1"], "cannot use -N and --no-shutdown"),  # opposite EOF policies
    (["-l", "-p", "1234", "5678"], "cannot use -p with a port argument: 5678"),      # two listen ports
    (["-l", "-s", "127.0.0.1", "::1", "1"], "cannot use -s with an address argument: ::1"),  # two addresses
    (["-l", "127.0.0.1", "5-6"], "cannot listen on a port range: 5-6"),     # listen on one port only
    (["-l", "1", "2", "3"], "too many arguments: 3"),                       # stray operand
    (["-U", "/tmp/a", "/tmp/b"], "too many arguments: /tmp/b"),             # stray operand
    (["-z", "127.0.0.1", "nosuchservice"], "port number invalid: nosuchservice"),  # unknown service name
    (["-n", "localhost", "80"],                                             # -n: no name lookups
     'getaddrinfo for host "localhost" port 80: Name or service not known'),
    (["-U", "/nonexistent/sockit-nc.sock"], "/nonexistent/sockit-nc.sock: No such file or directory"),  # no such path
]

# Rows of BAD_INPUTS that OpenBSD nc words identically (the differential half of the table).
SHARED_WITH_OPENBSD = [
    ["-k", "127.0.0.1", "80"], ["-z", "-l", "1234"], ["-lz", "1234"], ["127.0.0.1", "70000"], ["127.0.0.1", "0"],
    ["-l"], ["127.0.0.1"], ["-lU"], ["-w", "abc", "127.0.0.1", "1"], ["-w", "-1", "127.0.0.1", "1"],
    ["-q", "x", "127.0.0.1", "1"], ["-i", "x", "127.0.0.1", "1"], ["-I", "0", "127.0.0.1", "1"],
    ["-n", "localhost", "80"], ["-U", "/nonexistent/sockit-nc.sock"],
]


class BadInput(unittest.TestCase):
    def test_each_bad_input_is_one_precise_line_and_exit_1(self):
        for args, message in BAD_INPUTS:
            with self.subTest(args=args):
                proc = run("nc", *args, input="", timeout=20)
                self.assertEqual(proc.returncode, 1, proc.stderr)
                self.assertEqual(proc.stderr, f"sockit nc: {message}\n")
                self.assertEqual(proc.stdout, "")

    def test_messages_match_openbsd_nc(self):
        if not os.path.exists(NC):
            self.skipTest("netcat-openbsd is not installed")
        for args, message in BAD_INPUTS:
            if args not in SHARED_WITH_OPENBSD:
                continue
            with self.subTest(args=args):
                ref = nc_openbsd(*args)
                self.assertEqual(ref.returncode, 1)
                self.assertIn(f": {message}\n", ref.stderr)  # "nc.openbsd: MESSAGE" or the usage text
                mine = run("nc", *args, input="", timeout=20)
                self.assertEqual(mine.returncode, ref.returncode)

    def test_refused_connection_is_one_line_exit_1(self):
        port = closed_port()
        proc = run("nc", "127.0.0.1", port, input="", timeout=20)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr, f"sockit nc: connect to 127.0.0.1 port {port} (tcp) failed: Connection refused\n")
        if os.path.exists(NC):  # OpenBSD nc -v words the failure the same way
            ref = nc_openbsd("-v", "127.0.0.1", port)
            self.assertEqual(ref.returncode, 1)
            self.assertEqual(ref.stderr.split(": ", 1)[1], proc.stderr.split(": ", 1)[1])

    def test_unix_path_that_is_not_a_socket(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plain-file")
            open(path, "w").close()
            proc = run("nc", "-U", path, input="", timeout=20)
            self.assertEqual(proc.returncode, 1)
            self.assertEqual(proc.stderr, f"sockit nc: {path}: Connection refused\n")

    @unittest.skipIf(os.geteuid() == 0, "root reads every path")
    def test_unreadable_unix_path(self):
        with tempfile.TemporaryDirectory() as tmp:
            locked = os.path.join(tmp, "locked")
            os.mkdir(locked)
            path = os.path.join(locked, "s")
            with socket.socket(socket.AF_UNIX) as srv:
                srv.bind(path)
                srv.listen()
                os.chmod(locked, 0)
                try:
                    proc = run("nc", "-U", path, input="", timeout=20)
                finally:
                    os.chmod(locked, 0o700)
            self.assertEqual(proc.returncode, 1)
            self.assertEqual(proc.stderr, f"sockit nc: {path}: Permission denied\n")

    def test_listen_on_a_busy_port(self):
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            port = busy.getsockname()[1]
            proc = run("nc", "-l", "127.0.0.1", port, input="", timeout=20)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr, f"sockit nc: bind to 127.0.0.1 port {port}: Address already in use\n")


class Accepted(unittest.TestCase):
    """Spellings that must parse: checked through -z against a closed port (quick, sends nothing)."""

    # (args before the port operand) — each is a valid command line that scans and finds nothing: exit 1, quiet.
    SCANS = [
        ["-z", "127.0.0.1"],                 # plain
        ["-zn", "127.0.0.1"],                # bundled
        ["-zw1", "127.0.0.1"],               # bundled flag with its argument attached
        ["-z", "-w", "1", "127.0.0.1"],      # argument separate
        ["127.0.0.1", "-z"],                 # flags after operands (permuted, as GNU getopt does)
        ["-z", "-4", "-r", "127.0.0.1"],     # -4 and random order
        ["-z", "-i", "0", "127.0.0.1"],      # zero interval
        ["-z", "-q", "-1", "127.0.0.1"],     # negative -q: wait forever (irrelevant to -z)
    ]

    def test_valid_spellings_parse(self):
        port = closed_port()
        for args in self.SCANS:
            with self.subTest(args=args):
                proc = run("nc", *args, str(port), input="", timeout=20)
                self.assertEqual((proc.returncode, proc.stderr), (1, ""))

    def test_help(self):
        for flag in ["-h", "--help"]:
            proc = run("nc", flag, timeout=20)
            self.assertEqual(proc.returncode, 0)
            self.assertIn("Usage: sockit nc", proc.stdout)
            self.assertIn("Example:", proc.stdout)

    def test_double_dash_ends_options(self):
        port = closed_port()
        proc = run("nc", "-z", "--", "127.0.0.1", str(port), input="", timeout=20)
        self.assertEqual((proc.returncode, proc.stderr), (1, ""))


if __name__ == "__main__":
    unittest.main()
