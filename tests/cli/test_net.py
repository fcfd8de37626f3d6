# SPDX-License-Identifier: MIT
# `sockit net`: ipcalc text and JSON, membership, subnets, supernet, collapse, summarize, strictness and
# malformed input (exit 64, one stderr line each, the other arguments still reported).
import json
import unittest

from sockit_test import EX_OK, EX_USAGE, run, run_json

KEYS = ["input", "network", "version", "prefixlen", "netmask", "hostmask", "broadcast_address", "first_host",
        "last_host", "num_addresses", "host_bits_set", "address"]


class Net(unittest.TestCase):
    def test_seed_example(self):
        # seed 002: 172.17.86.75 is in 172.16.0.0/12, of 1,048,576 addresses
        doc = run_json("net", "172.17.86.75/12", "172.17.86.75", "172.32.0.1")
        self.assertEqual(list(doc)[:len(KEYS)], KEYS)
        self.assertEqual(doc["network"], "172.16.0.0/12")
        self.assertEqual(doc["netmask"], "255.240.0.0")
        self.assertEqual(doc["num_addresses"], "1048576")
        self.assertTrue(doc["host_bits_set"])
        self.assertEqual(doc["contains"], [{"input": "172.17.86.75", "inside": True},
                                           {"input": "172.32.0.1", "inside": False}])

    def test_text(self):
        out = run("net", "10.0.0.0/255.0.0.0", "10.9.9.9", check=EX_OK).stdout
        self.assertRegex(out, r"(?m)^network +10\.0\.0\.0/8$")
        self.assertRegex(out, r"(?m)^host_bits_set +no$")
        self.assertRegex(out, r"(?m)^10\.9\.9\.9 +inside$")

    def test_strict(self):
        proc = run("net", "--strict", "172.17.86.75/12")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stderr, "sockit net: invalid network '172.17.86.75/12': host bits set (strict) at offset 0\n")
        run("net", "--strict", "172.16.0.0/12", check=EX_OK)

    def test_subnets_supernet(self):
        doc = run_json("net", "192.0.2.0/24", "--subnets", "26", "--supernet")
        self.assertEqual(doc["subnets"], ["192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/26", "192.0.2.192/26"])
        self.assertEqual(doc["supernet"], "192.0.2.0/23")
        proc = run("net", "10.0.0.0/8", "--subnets", "32")  # 2^24 subnets: over --limit
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertIn("more than --limit 65536 subnets", proc.stderr)

    def test_collapse_and_summarize(self):
        self.assertEqual(run_json("net", "--collapse", "192.0.2.0/25", "192.0.2.128/25", "10.0.0.1")["networks"],
                         ["10.0.0.1/32", "192.0.2.0/24"])
        self.assertEqual(run_json("net", "--summarize", "192.0.2.1", "192.0.2.6")["networks"],
                         ["192.0.2.1/32", "192.0.2.2/31", "192.0.2.4/31", "192.0.2.6/32"])
        proc = run("net", "--summarize", "10.0.0.1", "::1")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(len(proc.stderr.splitlines()), 1)

    def test_malformed_input_is_reported_and_the_rest_processed(self):
        # Rows: malformed argument, its stderr line
        proc = run("net", "--json", "10.0.0.0/8", "10.1.1.1", "10.1.1.300", "::1")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stderr, "sockit net: invalid address '10.1.1.300': octet 300 > 255 at offset 7\n")
        doc = json.loads(proc.stdout)
        self.assertEqual([c.get("inside") for c in doc["contains"]], [True, None, False])
        proc = run("net", "--each", "--json", "10.0.0.0/33", "::/0", "10.0.0.0/08")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stderr.splitlines(), [
            "sockit net: invalid network '10.0.0.0/33': prefix length 33 too large at offset 9",
            "sockit net: invalid network '10.0.0.0/08': prefix length is not a plain decimal number at offset 9"])
        doc = json.loads(proc.stdout)
        self.assertEqual(doc[1]["num_addresses"], "340282366920938463463374607431768211456")
        proc = run("net", "--collapse", "10.0.0.0/24", "bogus", "10.0.1.0/24")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stdout, "10.0.0.0/23\n")

    def test_brackets_are_not_part_of_an_address(self):
        # "[...]" is refused as typed wherever a network or an address goes, never read as a list.
        why = "unexpected character '[' at offset 0"
        rows = [
            # arguments, stderr lines
            (["[::1]/128"], [f"invalid network '[::1]/128': {why}"]),
            (["[10.0.0.0/8]"], [f"invalid network '[10.0.0.0/8]': {why}"]),
            (["10.0.0.0/8", "[10.1.1.1]", "[10.1.1.2,10.1.1.3]"],
             [f"invalid address '[10.1.1.1]': {why}", f"invalid address '[10.1.1.2,10.1.1.3]': {why}"]),
            (["--each", "[10.0.0.0/8,::/0]"], [f"invalid network '[10.0.0.0/8,::/0]': {why}"]),
            (["--collapse", "[10.0.0.0/24,10.0.1.0/24]"], [f"invalid network '[10.0.0.0/24,10.0.1.0/24]': {why}"]),
            (["--summarize", "[10.0.0.1]", "10.0.0.2"], [f"invalid address '[10.0.0.1]': {why}"]),
        ]
        for args, lines in rows:
            with self.subTest(args=args):
                proc = run("net", *args)
                self.assertEqual(proc.returncode, EX_USAGE, proc.stdout)
                self.assertEqual(proc.stderr.splitlines(), [f"sockit net: {line}" for line in lines])
        doc = json.loads(run("net", "--json", "10.0.0.0/8", "[10.1.1.1]", "10.1.1.1").stdout)
        self.assertEqual(doc["contains"][0]["input"], "[10.1.1.1]")
        self.assertEqual(doc["contains"][1], {"input": "10.1.1.1", "inside": True})
        # A value option keeps its value as typed too.
        proc = run("net", "10.0.0.0/8", "--subnets", "[9]")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertIn("[9]", proc.stderr)

    def test_usage(self):
        self.assertEqual(run("net").returncode, EX_USAGE)
        self.assertEqual(run("net", "--collapse", "--summarize", "1.2.3.4").returncode, EX_USAGE)
        self.assertIn("Example:", run("net", "--help", check=EX_OK).stdout)


if __name__ == "__main__":
    unittest.main()
