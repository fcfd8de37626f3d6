# SPDX-License-Identifier: MIT
# sockit.dns.batch, sockit.dns.query and sockit.resolve from 8 Python threads at once, against a local NSD
# (tests/peer's zone on a private port; for resolve, on port 53 inside a private network namespace whose
# resolv.conf names it): correct answers. Against a server that never answers, 8 calls that each wait out
# a timeout overlap in time and finish in about one timeout while a counting thread keeps running, which
# can only happen when they release the GIL while they wait. Never the machine's resolver.
import json
import os
import socket
import subprocess
import sys
import threading
import time
import unittest

import sockit
from sockit_test import need
from test_dns_nsd import NSD, ZONE

THREADS = 8
HERE = os.path.dirname(os.path.abspath(__file__))


def gen_address(n):
    return f"10.2.{n // 250}.{n % 250 + 1}"


def in_threads(work):
    """Runs work(i) in THREADS threads at once beside a thread that counts every millisecond; returns
    (results, [(start, end)], ticks)."""
    results, spans = [None] * THREADS, [None] * THREADS
    ticks = [0]
    running = threading.Event()
    running.set()

    def tick():
        while running.is_set():
            ticks[0] += 1
            time.sleep(0.001)

    def run(i):
        start = time.monotonic()
        results[i] = work(i)
        spans[i] = (start, time.monotonic())

    counter = threading.Thread(target=tick)
    counter.start()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    running.clear()
    counter.join()
    return results, spans, ticks[0]


def all_overlap(spans):
    """True when one instant lies inside every span: every call was in progress at once."""
    return max(s for s, _ in spans) < min(e for _, e in spans)


def in_namespace(mode):
    need("unshare")
    need("ip")
    proc = subprocess.run(["unshare", "-m", "-n", sys.executable, os.path.join(HERE, "namespace_lookups.py"), mode],
                          capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 and "unshare" in proc.stderr and not proc.stdout:
        raise unittest.SkipTest(f"cannot create a network namespace here: {proc.stderr.strip()}")
    if proc.returncode != 0:
        raise AssertionError(proc.stderr)
    return json.loads(proc.stdout)


class AgainstNSD(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need("nsd")
        need("dig")
        cls.nsd = NSD()
        cls.server = ("127.0.0.1", cls.nsd.port)

    @classmethod
    def tearDownClass(cls):
        cls.nsd.stop()

    def test_batch_and_query_from_8_threads(self):
        def work(i):
            names = [f"gen-{n}.{ZONE}" for n in range(i * 250, i * 250 + 250)]
            batch = sockit.dns.batch(names, server=self.server, timeout=2)
            one = sockit.dns.query(f"www.{ZONE}", "AAAA", server=f"[::1]:{self.nsd.port}", timeout=2)
            missing = sockit.dns.query(f"nothing-{i}.{ZONE}", server=self.server, timeout=2)
            return batch, one, missing

        results, _, _ = in_threads(work)
        for i, (batch, one, missing) in enumerate(results):
            self.assertEqual([r["status"] for r in batch], ["NOERROR"] * 250)
            self.assertEqual([[a["data"] for a in r["answer"]] for r in batch],
                             [[gen_address(n)] for n in range(i * 250, i * 250 + 250)])
            self.assertEqual([a["data"] for a in one["answer"]], ["2001:db8::1"])
            self.assertIn("aa", one["flags"])
            self.assertEqual(missing["status"], "NXDOMAIN")

    def test_tc_answer_retries_over_tcp(self):
        r = sockit.dns.query(f"big.{ZONE}", server=self.server, timeout=2)
        self.assertEqual(r["transport"], "tcp")
        self.assertEqual(len(r["answer"]), 100)


class GilReleased(unittest.TestCase):
    def test_waiting_batches_let_python_run(self):
        # A server that never answers: every batch waits out its 0.5 s timeout. Eight at once take about
        # 0.5 s, not 4 s, and the counting thread keeps going meanwhile.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
            silent.bind(("127.0.0.1", 0))
            server = silent.getsockname()
            begin = time.monotonic()
            results, spans, ticks = in_threads(
                lambda i: sockit.dns.batch([f"n{i}-{k}.example" for k in range(20)], server=server, timeout=0.5, tries=1))
            elapsed = time.monotonic() - begin
            with self.assertRaises(TimeoutError):
                sockit.dns.query("x.example", server=server, timeout=0.2, tries=1)
        for r in results:
            self.assertEqual({x["status"] for x in r}, {"TIMEOUT"})
        self.assertTrue(all_overlap(spans), spans)
        self.assertLess(elapsed, 0.5 * THREADS / 2)
        self.assertGreater(ticks, 100)


class ResolveInNamespace(unittest.TestCase):
    def test_resolve_and_batch_through_resolv_conf_from_8_threads(self):
        out = in_namespace("nsd")
        for i, rec in enumerate(out["records"]):
            self.assertEqual(rec.get("resolve"), [gen_address(i)], rec)
            self.assertEqual(rec["www"], ["2001:db8::1"])
            self.assertEqual(rec["batch"], [[gen_address(n)] for n in range(i * 100, i * 100 + 100)])

    def test_resolve_releases_the_gil(self):
        # glibc waits 1 s for a server that never answers: 8 lookups at once take about 1 s, not 8.
        out = in_namespace("silent")
        for rec in out["records"]:
            self.assertEqual(rec.get("resolve_error"), socket.EAI_AGAIN, rec)
        self.assertTrue(all_overlap([(r["start"], r["end"]) for r in out["records"]]))
        self.assertLess(out["elapsed"], 4)
        self.assertGreater(out["ticks"], 200)


if __name__ == "__main__":
    unittest.main()
