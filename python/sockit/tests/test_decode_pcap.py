# SPDX-License-Identifier: MIT
# sockit.decode_pcap against `sockit decode --json`: the same dicts, packet for packet, on the golden
# captures of every link type, on a generated capture of mixed traffic (with and without a BPF filter) and
# on the same capture truncated at many points; errors for a missing file, a file that is not a capture
# and a bad filter; the iterator is lazy and closes.
import json
import os
import subprocess
import sys
import tempfile
import unittest

import sockit
from sockit_test import SOCKIT, SOURCE_DIR

GOLDEN = os.path.join(SOURCE_DIR, "tests", "data", "wire")
GEN_PCAP = os.path.join(SOURCE_DIR, "bench", "gen_pcap.py")


def cli_packets(path, *filter_words):
    proc = subprocess.run([SOCKIT, "decode", "--json", path, *filter_words], capture_output=True, text=True,
                          timeout=120)
    return [json.loads(line) for line in proc.stdout.splitlines()], proc.returncode


class DecodePcap(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory(prefix="sockit-pcap-")
        cls.mixed = os.path.join(cls.dir.name, "mixed.pcap")
        subprocess.run([sys.executable, GEN_PCAP, cls.mixed, "5000"], check=True, capture_output=True, timeout=300)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def assert_same_as_cli(self, path, *filter_words):
        want, rc = cli_packets(path, *filter_words)
        self.assertEqual(rc, 0, path)
        got = list(sockit.decode_pcap(path, " ".join(filter_words) if filter_words else None))
        self.assertEqual(len(got), len(want), path)
        for i, (g, w) in enumerate(zip(got, want)):
            self.assertEqual(g, w, f"{path} packet {i + 1}")
        return got

    def test_golden_captures_of_every_link_type(self):
        names = sorted(n for n in os.listdir(GOLDEN) if n.endswith(".pcap"))
        self.assertGreaterEqual(len(names), 7)
        for name in names:
            self.assertTrue(self.assert_same_as_cli(os.path.join(GOLDEN, name)), name)

    def test_mixed_capture_across_chunks(self):
        got = self.assert_same_as_cli(self.mixed)
        self.assertEqual(len(got), 5000)
        self.assertEqual([p["frame"] for p in got], list(range(1, 5001)))
        protocols = {name for p in got for layer in p["layers"] for name in layer}
        self.assertTrue({"eth", "ip", "ipv6", "tcp", "udp", "dns", "icmp", "icmpv6", "arp"} <= protocols, protocols)

    def test_filter(self):
        got = self.assert_same_as_cli(self.mixed, "udp", "port", "53")
        self.assertTrue(got)
        self.assertTrue(all(any("dns" in layer for layer in p["layers"]) for p in got))

    def test_truncated_files(self):
        data = open(self.mixed, "rb").read()
        path = os.path.join(self.dir.name, "cut.pcap")
        for size in (24, 25, 40, 41, 100, 1000, 4099, 65537, len(data) - 1):
            with open(path, "wb") as f:
                f.write(data[:size])
            want, _ = cli_packets(path)
            got = []
            try:
                for p in sockit.decode_pcap(path):
                    got.append(p)
            except ValueError:
                pass  # a record cut short: libpcap reports it, as the command does
            self.assertEqual(got, want, size)

    def test_errors(self):
        with self.assertRaises(FileNotFoundError):
            sockit.decode_pcap(os.path.join(self.dir.name, "missing.pcap"))
        not_pcap = os.path.join(self.dir.name, "text.pcap")
        with open(not_pcap, "w") as f:
            f.write("this is not a capture file\n")
        with self.assertRaises(ValueError):
            sockit.decode_pcap(not_pcap)
        with self.assertRaises(ValueError):
            sockit.decode_pcap(self.mixed, "udp port port")

    def test_lazy_and_closable(self):
        with sockit.decode_pcap(self.mixed) as packets:
            first = next(packets)
            self.assertEqual(first["frame"], 1)
        self.assertEqual(list(packets), [])


if __name__ == "__main__":
    unittest.main()
