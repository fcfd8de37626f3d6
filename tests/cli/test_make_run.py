# SPDX-License-Identifier: MIT
# The Makefile's front door (README's two commands): `make run` builds only the program, quietly, before it
# starts it; `make test` builds everything before it runs the suite. Read from `make -n` (nothing runs).
import os
import re
import subprocess
import unittest

from sockit_test import SOURCE_DIR


def planned(target):
    """The commands `make -n TARGET` would run in the checkout, one per line."""
    proc = subprocess.run(["make", "-n", "-C", SOURCE_DIR, "--no-print-directory", target, "JOBS=2"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def builds(lines):
    """The `cmake --build` commands among lines."""
    return [line for line in lines if re.search(r"\bcmake --build\b", line)]


class MakeRun(unittest.TestCase):
    def test_run_builds_only_the_program_then_starts_it(self):
        lines = planned("run")
        steps = builds(lines)
        self.assertEqual(len(steps), 1, lines)
        self.assertRegex(steps[0], r"--target sockit(\s|$)", "make run must not build the tests and benches")
        start = [i for i, line in enumerate(lines) if line.startswith("build/release/sockit")]
        self.assertEqual(len(start), 1, lines)
        self.assertLess(lines.index(steps[0]), start[0])

    def test_run_builds_quietly_when_not_on_a_terminal(self):
        # on a terminal ninja keeps one status line; in a log, only compiler messages (no line per step)
        (step,) = builds(planned("run"))
        self.assertIn("[ -t 1 ] || echo -- --quiet", step)

    def test_test_builds_everything_before_running(self):
        lines = planned("test")
        steps = builds(lines)
        self.assertTrue(steps, lines)
        self.assertTrue(any("--target" not in s for s in steps), "make test builds every target")
        ctest = [i for i, line in enumerate(lines) if line.startswith("ctest")]
        self.assertEqual(len(ctest), 1, lines)
        self.assertLess(max(lines.index(s) for s in steps), ctest[0])


if __name__ == "__main__":
    unittest.main()
