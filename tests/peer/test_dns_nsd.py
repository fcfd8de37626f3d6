# SPDX-License-Identifier: MIT
# `sockit dns` against NSD, started by the test on 127.0.0.1 and ::1 (a free high port, config and zones in
# a temp dir, UDP answers capped at 512 bytes), compared with dig on the same queries: record sets, RCODE
# and the flags that matter; TC → TCP retry; NXDOMAIN; SERVFAIL; IPv6; --batch on 2,000 names.
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import tempfile
import unittest

from nc_peer import sanitized
from sockit_test import EX_OK, EX_DATAERR, SOCKIT, free_port_on_both, need, run, stop_process, wait_ready

ZONE = "test.sockit"
BIG = 100          # A records at big.test.sockit: far over 512 bytes, so UDP must truncate
GENERATED = 2000   # gen-N.test.sockit for --batch


def zone_text():
    lines = [
        f"$ORIGIN {ZONE}.", "$TTL 300",
        "@ IN SOA ns1 hostmaster 2026112301 3600 600 86400 300",
        "@ IN NS ns1",
        "ns1 IN A 127.0.0.1",
        "www IN A 192.0.2.1",
        "www IN AAAA 2001:db8::1",
        "multi IN A 192.0.2.10", "multi IN A 192.0.2.11", "multi IN A 192.0.2.12",
        "alias IN CNAME alias2",
        "alias2 IN CNAME www",
        "@ IN MX 10 mail", "@ IN MX 20 mail2.example.net.",
        "mail IN A 192.0.2.25",
        'txt IN TXT "first string" "second" "with \\"quote\\" and \\\\ backslash"',
        "srv._tcp IN SRV 0 5 5060 sip",
        "sip IN A 192.0.2.50",
        "caa IN CAA 0 issue \"ca.example.net\"",
        "Mixed IN A 192.0.2.77",
    ]
    lines += [f"big IN A 10.1.{i // 250}.{i % 250 + 1}" for i in range(BIG)]
    lines += [f"gen-{i} IN A 10.2.{i // 250}.{i % 250 + 1}" for i in range(GENERATED)]
    return "\n".join(lines) + "\n"


REVERSE_ZONE = """$ORIGIN 2.0.192.in-addr.arpa.
$TTL 300
@ IN SOA ns1.test.sockit. hostmaster.test.sockit. 1 3600 600 86400 300
@ IN NS ns1.test.sockit.
1 IN PTR www.test.sockit.
"""


class NSD:
    """An nsd -d process with a private config: zones test.sockit, 2.0.192.in-addr.arpa, and
    broken.sockit (whose zone file is missing, so NSD answers SERVFAIL)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sockit-nsd-")
        self.port = free_port_on_both((socket.SOCK_DGRAM, socket.SOCK_STREAM), min_port=20000)  # UDP and TCP
        with open(os.path.join(self.dir, "test.zone"), "w") as f:
            f.write(zone_text())
        with open(os.path.join(self.dir, "reverse.zone"), "w") as f:
            f.write(REVERSE_ZONE)
        d = self.dir
        user = 'username: ""' if os.geteuid() == 0 else ""
        conf = f"""server:
  ip-address: 127.0.0.1@{self.port}
  ip-address: ::1@{self.port}
  {user}
  chroot: ""
  zonesdir: "{d}"
  database: ""
  zonelistfile: "{d}/zone.list"
  xfrdfile: "{d}/xfrd.state"
  xfrdir: "{d}"
  pidfile: "{d}/nsd.pid"
  logfile: "{d}/nsd.log"
  ipv4-edns-size: 512
  ipv6-edns-size: 512
  server-count: 1
  verbosity: 1
  # Response rate limiting would drop some of the batch test's NXDOMAIN answers (200/s per /24 by
  # default) and make it wait out timeouts: these tests are about the client.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: {ZONE}
  zonefile: test.zone
zone:
  name: 2.0.192.in-addr.arpa
  zonefile: reverse.zone
zone:
  name: broken.sockit
  zonefile: missing.zone
"""
        with open(os.path.join(d, "nsd.conf"), "w") as f:
            f.write(conf)
        self.proc = subprocess.Popen(["nsd", "-d", "-c", os.path.join(d, "nsd.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        def answers():
            probe = subprocess.run(["dig", "@127.0.0.1", "-p", str(self.port), f"www.{ZONE}", "+short",
                                    "+time=1", "+tries=1"], capture_output=True, text=True, timeout=10)
            return probe.stdout.strip() == "192.0.2.1"
        if wait_ready(self.proc, answers, 20, interval=0.1):
            return
        log = open(os.path.join(d, "nsd.log")).read() if os.path.exists(os.path.join(d, "nsd.log")) else ""
        self.stop()
        raise RuntimeError(f"nsd did not start: {log}")

    def stop(self):
        stop_process(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


def parse_dig(text):
    """status, flags and sections (lists of normalised record tuples) from dig's full output."""
    status = re.search(r"status: (\w+)", text).group(1)
    flags = set(re.search(r";; flags:([a-z ]*);", text).group(1).split())
    sections = {}
    current = None
    for line in text.splitlines():
        m = re.match(r";; (ANSWER|AUTHORITY|ADDITIONAL) SECTION:", line)
        if m:
            current = m.group(1).lower()
            sections[current] = []
            continue
        if not line.strip():
            current = None
            continue
        if current and not line.startswith(";"):
            sections[current].append(norm_line(line))
    return status, flags, sections


def norm_line(line):
    """A record line as (name, ttl, class, type, data with single spaces); names lower-cased."""
    parts = line.split()
    return (parts[0].lower(), int(parts[1]), parts[2], parts[3], " ".join(parts[4:]))


def norm_json(rec):
    return (rec["name"].lower(), rec["ttl"], rec["class"], rec["type"], " ".join(rec["data"].split()))


class DnsAgainstNsd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need("nsd")
        need("dig")
        cls.nsd = NSD()
        cls.port = cls.nsd.port

    @classmethod
    def tearDownClass(cls):
        cls.nsd.stop()

    def dig(self, *args, server="127.0.0.1"):
        proc = subprocess.run(["dig", f"@{server}", "-p", str(self.port), *args], capture_output=True,
                              text=True, timeout=30)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        return proc.stdout

    def sockit(self, *args, server="127.0.0.1", check=EX_OK):
        return run("dns", *args, f"@{server}", "-p", self.port, "+timeout=3", "+tries=2", check=check)

    def sockit_json(self, *args, server="127.0.0.1"):
        return json.loads(self.sockit(*args, "--json", server=server).stdout)

    def compare(self, name, qtype, *extra, server="127.0.0.1"):
        """sockit --json and dig agree on the status, the flags that matter and every section."""
        doc = self.sockit_json(name, qtype, *extra, server=server)
        status, flags, sections = parse_dig(self.dig(name, qtype, *extra, server=server))
        what = f"{name} {qtype} {' '.join(extra)} @{server}"
        self.assertEqual(doc["status"], status, what)
        for flag in ("qr", "aa", "tc", "rd", "ra", "ad", "cd"):
            self.assertEqual(flag in doc["flags"], flag in flags, f"{what}: flag {flag}")
        for sec in ("answer", "authority", "additional"):
            mine = sorted(norm_json(r) for r in doc[sec])
            theirs = sorted(sections.get(sec, []))
            self.assertEqual(mine, theirs, f"{what}: {sec} section")
        return doc

    def test_record_types_match_dig(self):
        cases = [
            (f"www.{ZONE}", "A"), (f"www.{ZONE}", "AAAA"), (f"multi.{ZONE}", "A"),
            (f"alias.{ZONE}", "A"),     # CNAME chain alias → alias2 → www
            (f"alias.{ZONE}", "CNAME"),
            (ZONE, "MX"), (ZONE, "NS"), (ZONE, "SOA"),
            (f"txt.{ZONE}", "TXT"),     # several strings, quotes and a backslash
            (f"srv._tcp.{ZONE}", "SRV"), (f"caa.{ZONE}", "CAA"),
            (f"MIXED.{ZONE}", "A"),     # the server repeats our case; the owner name keeps the zone's
            (f"www.{ZONE}", "TYPE65"),  # NODATA for a type by number
            (f"www.{ZONE}", "MX"),      # NODATA
        ]
        for name, qtype in cases:
            with self.subTest(name=name, qtype=qtype):
                doc = self.compare(name, qtype)
                self.assertEqual(doc["transport"], "udp")

    def test_cname_chain_answer(self):
        doc = self.compare(f"alias.{ZONE}", "A")
        types = [r["type"] for r in doc["answer"]]
        self.assertEqual(types.count("CNAME"), 2)
        self.assertIn("192.0.2.1", [r["data"] for r in doc["answer"]])

    def test_txt_strings(self):
        doc = self.compare(f"txt.{ZONE}", "TXT")
        self.assertEqual(doc["answer"][0]["data"],
                         '"first string" "second" "with \\"quote\\" and \\\\ backslash"')

    def test_nxdomain_is_an_answer(self):
        doc = self.compare(f"missing.{ZONE}", "A")
        self.assertEqual(doc["status"], "NXDOMAIN")
        proc = self.sockit(f"missing.{ZONE}", check=EX_OK)
        self.assertIn("status: NXDOMAIN", proc.stdout)

    def test_servfail(self):
        doc = self.compare("x.broken.sockit", "A")
        self.assertEqual(doc["status"], "SERVFAIL")

    def test_truncation_retries_over_tcp(self):
        doc = self.compare(f"big.{ZONE}", "A")
        self.assertEqual(doc["transport"], "tcp")
        self.assertTrue(doc["truncated_retry"])
        self.assertEqual(len(doc["answer"]), BIG)
        text = self.sockit(f"big.{ZONE}").stdout
        self.assertIn(";; Truncated, retrying in TCP mode.", text)
        self.assertIn("(TCP)", text)

    def test_ignore_keeps_the_truncated_answer(self):
        doc = self.compare(f"big.{ZONE}", "A", "+ignore")
        self.assertEqual(doc["transport"], "udp")
        self.assertIn("tc", doc["flags"])
        self.assertLess(len(doc["answer"]), BIG)

    def test_tcp_from_the_start(self):
        doc = self.compare(f"www.{ZONE}", "A", "+tcp")
        self.assertEqual(doc["transport"], "tcp")
        self.assertFalse(doc["truncated_retry"])

    def test_ipv6_server(self):
        doc = self.compare(f"www.{ZONE}", "AAAA", server="::1")
        self.assertEqual(doc["server"], f"[::1]:{self.port}")
        self.assertEqual(doc["answer"][0]["data"], "2001:db8::1")
        big = self.compare(f"big.{ZONE}", "A", server="::1")
        self.assertEqual(big["transport"], "tcp")
        # The bracketed form carries the port itself.
        proc = run("dns", f"www.{ZONE}", f"@[::1]:{self.port}", "+short", check=EX_OK)
        self.assertEqual(proc.stdout, "192.0.2.1\n")

    def test_flags_norecurse_dnssec_noedns(self):
        doc = self.compare(f"www.{ZONE}", "A", "+norecurse")
        self.assertNotIn("rd", doc["flags"])
        doc = self.compare(f"www.{ZONE}", "A", "+dnssec")
        self.assertTrue(doc["edns"]["do"])
        doc = self.compare(f"www.{ZONE}", "A", "+noedns")
        self.assertIsNone(doc["edns"])

    def test_reverse_lookup(self):
        doc = self.compare("-x", "192.0.2.1")
        self.assertEqual(doc["name"], "1.2.0.192.in-addr.arpa.")
        self.assertEqual(doc["answer"][0]["data"], f"www.{ZONE}.")

    def test_short_matches_dig_short(self):
        for name, qtype in ((f"alias.{ZONE}", "A"), (ZONE, "MX"), (f"txt.{ZONE}", "TXT"), (f"multi.{ZONE}", "A"),
                            (f"big.{ZONE}", "A")):
            with self.subTest(name=name):
                mine = self.sockit(name, qtype, "+short").stdout.splitlines()
                theirs = self.dig(name, qtype, "+short").splitlines()
                self.assertEqual(sorted(mine), sorted(theirs))

    def test_text_sections_match_dig_lines(self):
        """The dig-style text: the ANSWER SECTION lines are dig's, byte for byte (order aside)."""
        def answer_lines(text):
            m = re.search(r";; ANSWER SECTION:\n(.*?)\n\n", text, re.S)
            return sorted(m.group(1).splitlines()) if m else []
        for name, qtype in ((f"alias.{ZONE}", "A"), (ZONE, "MX"), (f"txt.{ZONE}", "TXT"), (f"www.{ZONE}", "AAAA")):
            with self.subTest(name=name):
                mine = self.sockit(name, qtype).stdout
                theirs = self.dig(name, qtype)
                self.assertEqual(answer_lines(mine), answer_lines(theirs))
                self.assertIn(f";; SERVER: 127.0.0.1#{self.port}(127.0.0.1) (UDP)", mine)
                self.assertRegex(mine, r";; Query time: \d+ msec")
                self.assertRegex(mine, r";; MSG SIZE  rcvd: \d+")

    def test_several_types_one_document(self):
        docs = self.sockit_json(f"www.{ZONE}", "A", "AAAA", "MX")
        self.assertEqual([d["type"] for d in docs], ["A", "AAAA", "MX"])
        self.assertEqual(docs[0]["answer"][0]["data"], "192.0.2.1")
        self.assertEqual(docs[1]["answer"][0]["data"], "2001:db8::1")
        self.assertEqual(docs[2]["answer"], [])

    def test_batch_one_line_per_input(self):
        lines = ["# generated names, some missing, one bad line", ""]
        expect = []
        for i in range(GENERATED):
            if i % 10 == 7:
                lines.append(f"nx-{i}.{ZONE}")
                expect.append((f"nx-{i}.{ZONE}.", "A", "NXDOMAIN"))
            else:
                lines.append(f"gen-{i}.{ZONE}   # trailing comment" if i % 100 == 3 else f"gen-{i}.{ZONE}")
                expect.append((f"gen-{i}.{ZONE}.", "A", "NOERROR"))
            if i == 500:
                lines.append(f"www.{ZONE} AAAA")
                expect.append((f"www.{ZONE}.", "AAAA", "NOERROR"))
                lines.append("bad..name")
                expect.append(("bad..name", "A", "INVALID"))
                lines.append("")
        proc = subprocess.run([SOCKIT, "dns", "--batch", "-", "--in-flight", "20", "@127.0.0.1", "-p",
                               str(self.port), "+timeout=3", "+tries=3"], input="\n".join(lines) + "\n",
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, EX_DATAERR, proc.stderr)  # the bad line makes it 65
        self.assertEqual(proc.stderr, "")                         # not a TTY: no progress
        out = [json.loads(x) for x in proc.stdout.splitlines()]
        self.assertEqual(len(out), len(expect))
        numbers = [o["line"] for o in out]
        self.assertEqual(numbers, sorted(numbers))                 # input order
        for o, (name, qtype, status) in zip(out, expect):
            self.assertEqual((o["name"], o["type"], o["status"]), (name, qtype, status))
            self.assertEqual(lines[o["line"] - 1].split()[0].rstrip(".") + ".", o["name"] if status != "INVALID" else o["name"] + ".")
            self.assertEqual(list(o), ["line", "name", "type", "status", "answers", "time_ms", "error"])
        # A sample against dig -f on the same names.
        sample = [o for o in out if o["status"] != "INVALID"][::97]
        with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
            for o in sample:
                f.write(f"{o['name']} {o['type']}\n")
            f.flush()
            text = self.dig("-f", f.name, "+noall", "+answer")
        theirs = sorted(norm_line(x) for x in text.splitlines() if x.strip() and not x.startswith(";"))
        mine = sorted(norm_json(r) for o in sample for r in o["answers"])
        self.assertEqual(mine, theirs)
        self.assertTrue(all(o["error"] is None for o in out if o["status"] != "INVALID"))

    def test_batch_in_flight_above_the_descriptor_limit(self):
        """--in-flight 200 with 32 descriptors: queries wait for a free descriptor, none fails."""
        if sanitized():
            # UBSan's memory-accessibility probe opens a pipe: with no descriptor left it misreports.
            self.skipTest("the sanitizer runtime needs descriptors of its own")
        names = "".join(f"gen-{i}.{ZONE}\n" for i in range(300))

        def few_fds():
            resource.setrlimit(resource.RLIMIT_NOFILE, (32, 32))
        proc = subprocess.run([SOCKIT, "dns", "--batch", "-", "--in-flight", "200", "@127.0.0.1", "-p",
                               str(self.port)], input=names, capture_output=True, text=True, timeout=60,
                              preexec_fn=few_fds)
        self.assertEqual(proc.returncode, EX_OK, proc.stderr)
        out = [json.loads(x) for x in proc.stdout.splitlines()]
        self.assertEqual(len(out), 300)
        self.assertEqual({o["status"] for o in out}, {"NOERROR"})
        self.assertEqual([o["line"] for o in out], list(range(1, 301)))


if __name__ == "__main__":
    unittest.main()
