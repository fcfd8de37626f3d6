# SPDX-License-Identifier: MIT
# Every numeric option of every command (found in its --help: INT, UINT, FLOAT) refuses values outside its
# bounds, beyond its type or not numbers with one short line that names the option and the bound in words
# ("sockit serve: --max-conns: must be at least 1, not '0'"), exit 64, nothing on stdout.
import re
import unittest

from sockit_help import commands, group_members
from sockit_test import EX_USAGE, run

# "  -c,--connections UINT:in [1 - 100000]=10", "  --port,-p UINT=8080"
NUMERIC = re.compile(r"^\s+(?:-\w,)?(--[\w-]+)(?:,-\w)?\s+(INT|UINT|FLOAT)\b(\S*(?: \S+)*?)(?:=\S*)?(?:\s{2,}|$)")
NUMBER = r"(-?[0-9][0-9.e+]*)"
BOUNDS = re.compile(rf"in \[{NUMBER} - {NUMBER}\]|at least {NUMBER}|at most {NUMBER}")
SAYS = re.compile(r"must be (?:a whole number |a number )?(?:at least -?[\d.e+]+|at most [\d.e+]+|"
                  r"between -?[\d.e+]+ and [\d.e+]+), not '")
OUTSIDE_ANY_TYPE = {"INT": ["99999999999999999999999", "-99999999999999999999999", "many", "1.5"],
                    "UINT": ["-1", "99999999999999999999999", "many", "0x", "99999999999999999999K", "1Q"],
                    "FLOAT": ["1e999", "-1e999", "many", "nan"]}


def every_command():
    names = []
    for name in commands():
        out = run(name, "--help").stdout
        names += group_members(name) if "Commands:\n" in out else [name]
    return names


def numeric_options(command):
    """(option, type, [values outside its bounds]) for each numeric option `sockit COMMAND --help` lists."""
    found = []
    for line in run(*command.split(), "--help").stdout.splitlines():
        m = NUMERIC.match(line)
        if not m:
            continue
        option, kind, shown = m.groups()
        values = list(OUTSIDE_ANY_TYPE[kind])
        for low, high, least, most in BOUNDS.findall(shown):
            step = 1 if kind != "FLOAT" else float(low or least or 0) / 2 or 0.5
            if low or least:
                values.append(str(float(low or least) - step if kind == "FLOAT" else int(low or least) - 1))
            if high or most:
                values.append(str(float(high or most) + 1 if kind == "FLOAT" else int(high or most) + 1))
        found.append((option, kind, values))
    return found


class NumberOptions(unittest.TestCase):
    def test_every_numeric_option_says_its_bounds(self):
        seen = 0
        for command in every_command():
            for option, kind, values in numeric_options(command):
                for value in values:
                    with self.subTest(command=command, option=option, value=value):
                        seen += 1
                        proc = run(*command.split(), f"{option}={value}", timeout=10)
                        self.assertEqual(proc.returncode, EX_USAGE, proc.stderr)
                        self.assertEqual(proc.stdout, "")
                        line = proc.stderr.rstrip("\n")
                        self.assertNotIn("\n", line)
                        self.assertLess(len(line), 130, line)
                        self.assertTrue(line.startswith(f"sockit {command}: {option}: "), line)
                        self.assertRegex(line, SAYS)
        self.assertGreater(seen, 100, "the walk found the numeric options")

    def test_examples(self):
        cases = [(["serve", "--max-conns", "0"], "sockit serve: --max-conns: must be at least 1, not '0'"),
                 (["http", "serve", "--port", "65536"], "sockit http serve: --port: must be at most 65535, not '65536'"),
                 (["net", "10.0.0.0/8", "--limit", "99999999999999999999999"],
                  "sockit net: --limit: must be at most 18446744073709551615, not '99999999999999999999999'"),
                 (["capture", "-s", "63"], "sockit capture: --snaplen: must be between 64 and 262144, not '63'"),
                 (["http", "get", "--timeout", "0", "http://127.0.0.1:9/"],
                  "sockit http get: --timeout: must be at least 0.001, not '0'")]
        for args, want in cases:
            with self.subTest(args=args):
                proc = run(*args)
                self.assertEqual((proc.returncode, proc.stderr), (EX_USAGE, want + "\n"))


if __name__ == "__main__":
    unittest.main()
