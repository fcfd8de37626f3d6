# SPDX-License-Identifier: MIT
# The man pages (docs/man/*.scd, rendered by scdoc into BUILD/man/ by the default build): a page for every
# command and a command for every page, every option of a command's --help in its page's OPTIONS section,
# and every page renders with man(1) at 80 columns without a groff warning.
import glob
import os
import re
import subprocess
import tempfile
import unittest

import sockit_help
from sockit_test import EX_OK, SOURCE_DIR, need, run

BUILD_DIR = os.environ.get("SOCKIT_BUILD_DIR", os.path.join(SOURCE_DIR, "build", "release"))
PAGES_DIR = os.path.join(BUILD_DIR, "man")
SOURCES_DIR = os.path.join(SOURCE_DIR, "docs", "man")
SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"]


def page_name(command):
    """The page of a command: "http get" -> sockit-http-get.1; "" (the program itself) -> sockit.1."""
    return "-".join(["sockit", *command.split()]) + ".1"


def page_text(name):
    """The roff source of a built page with the font changes and escapes scdoc writes taken out, so that
    "\\fB--json\\fR" reads "--json"."""
    with open(os.path.join(PAGES_DIR, name), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"\\f[BIRP]", "", text)
    return text.replace("\\&", "").replace("\\-", "-").replace("\\(aq", "'").replace("\\e", "\\")


def render(path):
    """`man --warnings -l PATH` at 80 columns: groff's warnings come on stderr."""
    env = dict(os.environ, MANWIDTH="80", MANPAGER="cat", PAGER="cat", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run(["man", "--warnings", "-l", path], capture_output=True, text=True, env=env, timeout=60)


def section(text, title):
    """One section (.SH TITLE up to the next .SH) of a page's roff source, or None."""
    match = re.search(r'^\.SH "?' + re.escape(title) + r'"?\n(.*?)(?=^\.SH |\Z)', text, re.S | re.M)
    return match.group(1) if match else None


class ManPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.commands = sockit_help.commands()
        cache = os.path.join(BUILD_DIR, "CMakeCache.txt")
        if os.path.exists(cache) and "SOCKIT_MAN_PAGES:BOOL=OFF" in open(cache, encoding="utf-8").read():
            raise unittest.SkipTest("configured with -DSOCKIT_MAN_PAGES=OFF")
        if not os.path.isdir(PAGES_DIR):
            raise AssertionError(f"{PAGES_DIR} does not exist: build the default target (man pages need scdoc)")

    def test_every_command_has_a_page_and_every_page_a_command(self):
        want = {page_name("")} | {page_name(c) for c in self.commands}
        sources = {os.path.basename(p)[:-len(".scd")] for p in glob.glob(os.path.join(SOURCES_DIR, "*.scd"))}
        self.assertEqual(sources - want, set(), "pages in docs/man/ without a command")
        self.assertEqual(want - sources, set(), "commands without a page in docs/man/")
        built = {os.path.basename(p) for p in glob.glob(os.path.join(PAGES_DIR, "*.1"))}
        self.assertEqual(built, want, f"the pages built in {PAGES_DIR}")
        for name in want:  # the build renders what the tree holds now
            self.assertGreaterEqual(os.path.getmtime(os.path.join(PAGES_DIR, name)),
                                    os.path.getmtime(os.path.join(SOURCES_DIR, name + ".scd")),
                                    f"{name} is older than its source: rebuild")

    def test_group_members_are_commands(self):
        groups = {c.split()[0] for c in self.commands if " " in c}
        self.assertTrue(groups, "sockit --help lists no group")
        for group in sorted(groups):
            self.assertEqual(sockit_help.group_members(group),
                             [c for c in self.commands if c.startswith(group + " ")], group)

    def test_every_option_of_help_is_in_the_page(self):
        for command in self.commands:
            with self.subTest(command=command):
                name = page_name(command)
                options = section(page_text(name), "OPTIONS")
                self.assertIsNotNone(options, f"{name} has no OPTIONS section")
                helped = sockit_help.options(command)
                self.assertIn("--help", helped, "the --help parser found no options")
                missing = sorted(o for o in helped if not sockit_help.mentions(options, o))
                self.assertEqual(missing, [], f"options of `sockit {command} --help` missing from {name}")

    def test_the_program_page(self):
        text = page_text(page_name(""))
        options = section(text, "OPTIONS")
        for option in sorted(sockit_help.TOP_LEVEL_OPTIONS):
            self.assertTrue(sockit_help.mentions(options, option), option)
            if option not in ("-h", "--help"):
                self.assertEqual(run(option).returncode, EX_OK, option)
        listed = section(text, "COMMANDS")
        self.assertIsNotNone(listed, "sockit.1 has no COMMANDS section")
        for command in self.commands:
            self.assertIn(f"{page_name(command)[:-2]}(1)", listed, f"sockit.1 does not list {command}")
        for code in ("64", "65", "68", "69", "71", "74"):
            self.assertRegex(section(text, "EXIT STATUS"), rf"(?m)^{code}$")

    def test_every_page_has_the_sections(self):
        for name in [page_name(c) for c in self.commands]:
            with self.subTest(page=name):
                text = page_text(name)
                for title in SECTIONS:
                    self.assertIsNotNone(section(text, title), f"{name} has no {title} section")
                self.assertIn(f"sockit-{name[len('sockit-'):-2]} - ", section(text, "NAME"))

    def test_install_puts_the_pages_and_the_completion_in_place(self):
        with tempfile.TemporaryDirectory() as prefix:
            proc = subprocess.run(["cmake", "--install", BUILD_DIR, "--prefix", prefix], capture_output=True,
                                  text=True, timeout=300)
            self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
            installed = {os.path.basename(p) for p in glob.glob(os.path.join(prefix, "share", "man", "man1", "*"))}
            self.assertEqual(installed, {page_name("")} | {page_name(c) for c in self.commands})
            completion = os.path.join(prefix, "share", "bash-completion", "completions", "sockit")
            with open(completion, encoding="utf-8") as f:
                self.assertIn("complete -F _sockit sockit", f.read())

    def test_every_page_renders_without_warnings(self):
        need("man")
        for path in sorted(glob.glob(os.path.join(PAGES_DIR, "*.1"))):
            with self.subTest(page=os.path.basename(path)):
                proc = render(path)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertEqual(proc.stderr, "", "groff warnings")
                self.assertIn("NAME", proc.stdout)
                self.assertIn("SEE ALSO", proc.stdout)

    def test_the_render_check_sees_a_warning(self):
        need("man")  # scdoc never writes a bad request, so the check above is shown failing on one by hand
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.1")
            with open(path, "w") as f:
                f.write(".TH BAD 1\n.SH NAME\nbad \\- a page with an undefined macro\n.bogus\n")
            self.assertIn("macro 'bogus' not defined", render(path).stderr)

if __name__ == "__main__":
    unittest.main()
