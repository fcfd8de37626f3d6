# SPDX-License-Identifier: MIT
# `sockit addr`: text and JSON output, the JSON keys, and malformed input (exit 64, one stderr line each,
# the other arguments still reported).
import json
import unittest

from sockit_test import EX_OK, EX_USAGE, run, run_json

KEYS = ["input", "address", "version", "exploded", "integer", "reverse_pointer", "is_private", "is_global",
        "is_loopback", "is_link_local", "is_multicast", "is_reserved", "is_unspecified", "is_site_local",
        "is_documentation", "is_shared", "is_unique_local", "ipv4_mapped", "ipv6_mapped", "sixtofour", "teredo",
        "scope_id", "multicast_scope"]


class Addr(unittest.TestCase):
    def test_json_keys_and_values(self):
        doc = run_json("addr", "2001:0db8:0000:0000:03e0:0000:18a7:8223", "::ffff:127.0.0.1", "fe80::1%eth0",
                       "2001:0:4136:e378:8000:63bf:3fff:fdd2", "192.0.2.1", "ff02::1")
        self.assertEqual([list(r) for r in doc], [KEYS] * 6)
        seed, mapped, zoned, teredo, v4, mcast = doc
        self.assertEqual(seed["address"], "2001:db8::3e0:0:18a7:8223")        # seed 002
        self.assertEqual(seed["exploded"], "2001:0db8:0000:0000:03e0:0000:18a7:8223")
        self.assertEqual(seed["integer"], "42540766411282592857183208128964428323")
        self.assertTrue(mapped["is_loopback"])                                # judged by 127.0.0.1
        self.assertEqual(mapped["ipv4_mapped"], "127.0.0.1")
        self.assertEqual(zoned["scope_id"], "eth0")
        self.assertEqual(zoned["address"], "fe80::1%eth0")
        self.assertEqual(teredo["teredo"], {"server": "65.54.227.120", "client": "192.0.2.45"})  # RFC 4380 example
        self.assertEqual(v4["reverse_pointer"], "1.2.0.192.in-addr.arpa")
        self.assertEqual(v4["ipv6_mapped"], "::ffff:192.0.2.1")
        self.assertIsNone(v4["ipv4_mapped"])                                  # null for IPv4 input
        self.assertTrue(v4["is_documentation"])
        self.assertEqual(mcast["multicast_scope"], "link-local")

    def test_text(self):
        out = run("addr", "10.1.2.3", "::ffff:10.1.2.3", check=EX_OK).stdout
        blocks = out.split("\n\n")
        self.assertEqual(len(blocks), 2)
        self.assertTrue(blocks[0].startswith("10.1.2.3\n"))
        self.assertRegex(blocks[0], r"\n  classes +private\n")
        self.assertRegex(blocks[0], r"\n  ipv6_mapped +::ffff:10\.1\.2\.3$")
        self.assertRegex(blocks[1], r"\n  ipv4_mapped +10\.1\.2\.3\n")

    def test_malformed_input_is_reported_and_the_rest_processed(self):
        # Rows: malformed input, the reason in its stderr line
        rows = [("01.2.3.4", "leading zero in octet at offset 0"),
                ("192.168.300.1", "octet 300 > 255 at offset 8"),
                ("1::2::3", "second '::' at offset 4"),
                ("fe80::1%", "empty zone at offset 8")]
        args = ["1.2.3.4"] + [r[0] for r in rows] + ["::1"]
        proc = run("addr", "--json", *args)
        self.assertEqual(proc.returncode, EX_USAGE)
        lines = proc.stderr.splitlines()
        self.assertEqual(lines, [f"sockit addr: invalid address '{bad}': {why}" for bad, why in rows])
        doc = json.loads(proc.stdout)
        self.assertEqual([r["input"] for r in doc], args)
        self.assertEqual(doc[0]["address"], "1.2.3.4")
        self.assertEqual(doc[-1]["address"], "::1")
        self.assertEqual([r["error"] for r in doc[1:-1]], [r[1] for r in rows])
        text = run("addr", "1.2.3.4", "x", "::1")
        self.assertEqual(text.returncode, EX_USAGE)
        self.assertIn("1.2.3.4\n", text.stdout)
        self.assertIn("::1\n", text.stdout)

    def test_brackets_are_not_part_of_an_address(self):
        # Brackets belong to endpoints and URLs ([::1]:80, http://[::1]/), not to addresses (Python's
        # ipaddress and inet_pton refuse them too); "[a,b]" is one malformed argument, not a list of two.
        # Each is refused and echoed as typed (also one starting with the byte 0x01, the escape sockit
        # uses to hand bracketed arguments through its argument parser).
        bracket = "unexpected character '[' at offset 0"
        rows = [("[::1]", bracket),
                ("[1.2.3.4]", bracket),
                ("[fe80::1%eth0]", "character ']' not allowed in a zone at offset 13"),  # the zone is checked first
                ("[1.2.3.4,::1]", bracket),
                ("[]", bracket),
                ("[::1", bracket),
                ("\x01[::1]", "unexpected character '\\x01' at offset 0")]
        args = ["::1"] + [r[0] for r in rows] + ["1.2.3.4"]
        proc = run("addr", "--json", "--", *args)
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stderr.splitlines(), [f"sockit addr: invalid address '{bad}': {why}" for bad, why in rows])
        doc = json.loads(proc.stdout)
        self.assertEqual([r["input"] for r in doc], args)
        self.assertEqual([r.get("error") for r in doc[1:-1]], [why for _, why in rows])
        self.assertEqual((doc[0]["address"], doc[-1]["address"]), ("::1", "1.2.3.4"))
        text = run("addr", "[::1]")
        self.assertEqual((text.returncode, text.stdout), (EX_USAGE, ""))
        self.assertEqual(text.stderr, "sockit addr: invalid address '[::1]': unexpected character '[' at offset 0\n")

    def test_usage(self):
        self.assertEqual(run("addr").returncode, EX_USAGE)  # an address is required
        self.assertIn("Example:", run("addr", "--help", check=EX_OK).stdout)


if __name__ == "__main__":
    unittest.main()
