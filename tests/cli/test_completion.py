# SPDX-License-Identifier: MIT
# The bash completion (docs/completion/sockit.bash), loaded in bash and driven as bash does it (COMP_WORDS,
# COMP_CWORD, then the completion function): `sockit ` offers every command, a group offers its members,
# `sockit CMD -` offers exactly the options of `sockit CMD --help`, and file operands complete files.
import os
import shlex
import subprocess
import tempfile
import unittest

import sockit_help
from sockit_test import SOURCE_DIR, need

SCRIPT = os.path.join(SOURCE_DIR, "docs", "completion", "sockit.bash")


def complete(*words, cwd=None):
    """What the completion offers for the command line `words` (the last word is the one being completed)."""
    script = (f". {shlex.quote(SCRIPT)}\n"
              f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
              f"COMP_CWORD={len(words) - 1}\n"
              "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
              "complete -p sockit >/dev/null || exit 3\n"
              "_sockit sockit \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
              "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                          timeout=30, cwd=cwd)
    if proc.returncode != 0 or proc.stderr:
        raise AssertionError(f"completing {words}: exit {proc.returncode}: {proc.stderr}")
    return [line for line in proc.stdout.splitlines() if line]


class Completion(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need("bash")
        cls.commands = sockit_help.commands()

    def test_every_command(self):
        offered = set(complete("sockit", ""))
        for command in self.commands:
            self.assertIn(command.split()[0], offered)
        self.assertEqual(set(complete("sockit", "se")), {"search", "send", "serve", "service"})
        self.assertLessEqual(set(complete("sockit", "--")), sockit_help.TOP_LEVEL_OPTIONS)

    def test_group_members(self):
        for group in sorted({c.split()[0] for c in self.commands if " " in c}):
            with self.subTest(group=group):
                members = {m.split()[1] for m in sockit_help.group_members(group)}
                self.assertEqual(set(complete("sockit", group, "")) - {"--help"}, members)
                self.assertEqual(set(complete("sockit", "help", group, "")) - {"--help"}, members)

    def test_every_option_of_every_command(self):
        for command in self.commands:
            with self.subTest(command=command):
                helped = sockit_help.options(command)
                longs = {o for o in helped if o.startswith("--")}
                self.assertEqual(set(complete("sockit", *command.split(), "--")), longs)
                dashed = {o for o in helped if o.startswith("-")}
                self.assertEqual(set(complete("sockit", *command.split(), "-")), dashed)
                plus = {o for o in helped if o.startswith("+")}
                if plus:  # dns's dig-style +options
                    self.assertEqual(set(complete("sockit", *command.split(), "+")), plus)

    def test_files_where_an_option_takes_one(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("trace.pcap", "names.txt"):
                open(os.path.join(tmp, name), "w").close()
            os.mkdir(os.path.join(tmp, "site"))
            self.assertEqual(complete("sockit", "decode", "tr", cwd=tmp), ["trace.pcap"])
            self.assertEqual(complete("sockit", "capture", "-w", "tr", cwd=tmp), ["trace.pcap"])
            self.assertEqual(complete("sockit", "build", "-o", "tr", cwd=tmp), ["trace.pcap"])
            self.assertEqual(complete("sockit", "dns", "--batch", "na", cwd=tmp), ["names.txt"])
            self.assertEqual(complete("sockit", "http", "get", "-o", "na", cwd=tmp), ["names.txt"])
            self.assertEqual(complete("sockit", "http", "get", "-d", "@na", cwd=tmp), ["@names.txt"])
            self.assertEqual(complete("sockit", "http", "serve", "", cwd=tmp), ["site"])
            self.assertEqual(complete("sockit", "serve", "--finger-dir", "s", cwd=tmp), ["site"])
            # an option's value that is not a file is not completed as one
            self.assertEqual(complete("sockit", "bench", "echo", "-c", "", cwd=tmp), [])

    def test_values(self):
        self.assertIn("reactors", complete("sockit", "serve", "--model", ""))
        self.assertEqual(complete("sockit", "serve", "--backend", "p"), ["poll"])
        self.assertEqual(complete("sockit", "serve", "ch"), ["chargen"])
        self.assertIn("lo", complete("sockit", "capture", "-i", "l"))


if __name__ == "__main__":
    unittest.main()
