# SPDX-License-Identifier: MIT
# Exit codes of a failed host name lookup (README: 68 the name does not exist, 69 the resolver cannot
# answer now) for `sockit dns @NAME`, `sockit http get` and `sockit resolve`, with glibc's own resolver.
# Every lookup runs in a network and mount namespace this test creates (unshare: root only): there
# /etc/resolv.conf is bound over by one naming 127.0.0.1, where a fake DNS server answers every query
# NXDOMAIN, or nothing listens at all. No query leaves the namespace.
import os
import shutil
import subprocess
import tempfile
import textwrap
import unittest

from sockit_test import EX_NOHOST, EX_UNAVAILABLE, SOCKIT

NXDOMAIN_SERVER = textwrap.dedent("""
    import socket, struct, sys
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 53))
    open(sys.argv[1], "w").close()  # ready
    while True:
        data, peer = s.recvfrom(4096)
        if len(data) < 12:
            continue
        i = 12
        while i < len(data) and data[i] != 0:
            i += data[i] + 1
        question = data[12:i + 5]
        flags = 0x8180 | 3  # QR, RD, RA, NXDOMAIN
        s.sendto(data[:2] + struct.pack(">HHHHH", flags, 1, 0, 0, 0) + question, peer)
""")

# Runs inside the namespaces: $1 resolv.conf, $2 "nxdomain" or "silent", then the sockit command.
INSIDE = textwrap.dedent("""
    set -e
    conf=$1 mode=$2 dir=$3
    shift 3
    ip link set lo up
    mount --bind "$conf" /etc/resolv.conf
    if [ "$mode" = nxdomain ]; then
      /usr/bin/python3 "$dir/server.py" "$dir/ready" &
      for i in $(seq 100); do [ -e "$dir/ready" ] && break; sleep 0.05; done
    fi
    set +e
    timeout 20 "$@"
    code=$?
    [ "$mode" = nxdomain ] && kill %1
    exit $code
""")


@unittest.skipUnless(os.geteuid() == 0 and shutil.which("unshare") and shutil.which("ip"),
                     "needs root, unshare and ip for a private network namespace")
class LookupExitCodes(unittest.TestCase):
    def lookup(self, mode, *args):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "resolv.conf"), "w") as f:
                f.write("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
            with open(os.path.join(d, "server.py"), "w") as f:
                f.write(NXDOMAIN_SERVER)
            return subprocess.run(["unshare", "--net", "--mount", "bash", "-c", INSIDE, "inside",
                                   os.path.join(d, "resolv.conf"), mode, d, SOCKIT, *args],
                                  capture_output=True, text=True, timeout=60)

    def check(self, mode, expected, *args):
        proc = self.lookup(mode, *args)
        self.assertEqual(proc.returncode, expected, f"{args}: {proc.stderr}")
        self.assertIn("no-such-host.test", proc.stderr)
        return proc

    def test_name_that_does_not_exist_is_68(self):
        self.check("nxdomain", EX_NOHOST, "dns", "x.test", "@no-such-host.test")
        self.check("nxdomain", EX_NOHOST, "http", "get", "http://no-such-host.test/")
        self.check("nxdomain", EX_NOHOST, "resolve", "no-such-host.test")

    def test_resolver_that_cannot_answer_is_69(self):
        # Nothing listens on 127.0.0.1:53: glibc gets "refused" and reports EAI_AGAIN.
        self.check("silent", EX_UNAVAILABLE, "dns", "x.test", "@no-such-host.test")
        proc = self.check("silent", EX_UNAVAILABLE, "http", "get", "http://no-such-host.test/")
        self.assertIn("name resolution", proc.stderr)
        self.check("silent", EX_UNAVAILABLE, "resolve", "no-such-host.test")


if __name__ == "__main__":
    unittest.main()
