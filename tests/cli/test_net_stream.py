# SPDX-License-Identifier: MIT
# `sockit net` streams its lists: --subnets of any size is printed as it is produced, in constant memory
# (the child's peak RSS measured), the same as Python ipaddress on small cases, and a --limit that does
# not fit its type is refused (64, naming it).
import ipaddress
import json
import os
import subprocess
import time
import unittest

from sockit_test import EX_OK, EX_USAGE, SOCKIT, run

# Peak RSS a streamed listing may add to a listing of 16 subnets: far below the ~700 MB that 2^24 stored
# networks take, far above allocator noise.
RSS_SLACK_KB = 16 * 1024


def peak_rss_kb(*args):
    """Runs `sockit ARGS...`, reads its stdout to the end and returns (line count, last line, peak RSS in KB
    of that child alone: os.wait4's rusage)."""
    proc = subprocess.Popen([SOCKIT, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines, tail = 0, b""
    while chunk := proc.stdout.read(1 << 20):
        lines += chunk.count(b"\n")
        tail = (tail + chunk)[-200:]
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == EX_OK, proc.returncode
    return lines, tail.decode().splitlines()[-1], usage.ru_maxrss


class NetStream(unittest.TestCase):
    @unittest.skipIf("asan" in os.environ.get("SOCKIT_BUILD_DIR", ""),
                     "under ASan the allocator's shadow and quarantine set the peak RSS, not the program")
    def test_subnets_32_of_a_slash_8_in_constant_memory(self):
        _, _, small = peak_rss_kb("net", "10.0.0.0/28", "--subnets", "32")
        lines, last, big = peak_rss_kb("net", "10.0.0.0/8", "--subnets", "32", "--limit", "20000000")
        self.assertEqual(lines, 10 + (1 << 24))  # the table (9 rows), the "subnets" line, 2^24 subnets
        self.assertEqual(last, "  10.255.255.255/32")
        self.assertLess(big - small, RSS_SLACK_KB, f"peak RSS {big} KB for 2^24 subnets, {small} KB for 16")

    @unittest.skipIf("asan" in os.environ.get("SOCKIT_BUILD_DIR", ""),
                     "under ASan the allocator's shadow and quarantine set the peak RSS, not the program")
    def test_subnets_64_of_a_large_ipv6_prefix_in_constant_memory(self):
        # 2^32 subnets allowed by the limit: read the first million as they come, then the child's peak
        # RSS so far (VmHWM): a program that gathers the list first has printed nothing by then.
        proc = subprocess.Popen([SOCKIT, "net", "2001:db8::/32", "--subnets", "64", "--limit", str(1 << 32),
                                 "--json"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            head = [proc.stdout.readline() for _ in range(40)]
            self.assertIn(b'  "subnets": [\n', head)
            first = head.index(b'  "subnets": [\n') + 1
            items = head[first:]
            while len(items) < 1_000_000 and time.monotonic() < deadline:
                items.append(proc.stdout.readline())
            self.assertEqual(len(items), 1_000_000, "the first million subnets within 60 s")
            with open(f"/proc/{proc.pid}/status") as f:
                hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
        finally:
            proc.kill()
            proc.communicate()
        want = ipaddress.ip_network("2001:db8::/32").subnets(new_prefix=64)
        for i, (line, net) in enumerate(zip(items, want)):
            if i % 999 == 0 or i == len(items) - 1:
                self.assertEqual(json.loads(line.decode().rstrip(",\n")), str(net))
        self.assertLess(hwm, RSS_SLACK_KB + 16 * 1024, f"VmHWM {hwm} KB after a million subnets")

    def test_subnets_match_python_ipaddress(self):
        cases = [("192.0.2.0/24", "28"), ("192.0.2.0/24", "+3"), ("10.0.0.0/30", "32"), ("0.0.0.0/0", "2"),
                 ("2001:db8::/120", "124"), ("::/0", "+2"), ("fe80::/64", "64"), ("255.255.255.254/31", "32")]
        for text, spec in cases:
            with self.subTest(network=text, subnets=spec):
                net = ipaddress.ip_network(text)
                prefix = net.prefixlen + int(spec[1:]) if spec.startswith("+") else int(spec)
                want = [str(n) for n in net.subnets(new_prefix=prefix)]
                doc = json.loads(run("net", text, "--subnets", spec, "--json", check=EX_OK).stdout)
                self.assertEqual(doc["subnets"], want)
                out = run("net", text, "--subnets", spec, check=EX_OK).stdout
                listed = out.split(f"subnets /{prefix} ({len(want)}):\n")[1]
                self.assertEqual(listed.splitlines(), ["  " + n for n in want])
        # --each --json: an array of documents, each with its list last
        docs = json.loads(run("net", "--each", "192.0.2.0/30", "2001:db8::/127", "--subnets", "+1", "--json",
                              check=EX_OK).stdout)
        self.assertEqual([d["subnets"] for d in docs], [["192.0.2.0/31", "192.0.2.2/31"],
                                                        ["2001:db8::/128", "2001:db8::1/128"]])

    def test_limit_that_does_not_fit_is_refused(self):
        for limit in ["99999999999999999999999", "18446744073709551616", "-1", "lots"]:
            with self.subTest(limit=limit):
                proc = run("net", "10.0.0.0/8", "--subnets", "32", "--limit", limit)
                self.assertEqual(proc.returncode, EX_USAGE)
                self.assertEqual(proc.stdout, "")
                self.assertRegex(proc.stderr, r"^sockit net: --limit: must be (at least 0|.*18446744073709551615)")
        proc = run("net", "10.0.0.0/8", "--subnets", "32", "--limit", "16777215")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertIn("more than --limit 16777215 subnets", proc.stderr)


if __name__ == "__main__":
    unittest.main()
