# SPDX-License-Identifier: MIT
# Exit codes of a failed host name lookup (README: 68 the name does not exist, 69 the resolver cannot
# answer now) for `sockit dns @NAME`, `sockit http get` and `sockit resolve`, with glibc's own resolver
# kept offline (tests/support/offline_dns.py: a private network namespace with a stub NXDOMAIN server, or
# none at all).
import unittest

from offline_dns import run_offline
from sockit_test import EX_NOHOST, EX_UNAVAILABLE

COMMANDS = (("dns", "x.test", "@no-such-host.test"), ("http", "get", "http://no-such-host.test/"),
            ("resolve", "no-such-host.test"))


class LookupExitCodes(unittest.TestCase):
    def check(self, expected, stub):
        for args in COMMANDS:
            res = run_offline(*args, stub=stub)
            self.assertEqual(res["rc"], expected, f"{args}: {res['stderr']}")
            self.assertIn("no-such-host.test", res["stderr"])
            self.assertEqual(res["stdout"], "")

    def test_name_that_does_not_exist_is_68(self):
        self.check(EX_NOHOST, stub=True)

    def test_resolver_that_cannot_answer_is_69(self):
        self.check(EX_UNAVAILABLE, stub=False)  # nothing on 127.0.0.1:53: refused, EAI_AGAIN


if __name__ == "__main__":
    unittest.main()
