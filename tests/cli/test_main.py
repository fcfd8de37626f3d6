# SPDX-License-Identifier: MIT
# The `sockit` front end: command list, help, unknown commands, and `sockit sizes` against a C compiler.
import re
import os
import subprocess
import tempfile
import unittest

from sockit_test import EX_OK, EX_USAGE, run, run_json


class FrontEnd(unittest.TestCase):
    def test_help_lists_every_command_with_a_summary(self):
        out = run("--help", check=EX_OK).stdout
        self.assertIn("Usage: sockit <command>", out)
        # "  name  summary": a name may be two words (a group and its member, "http serve")
        commands = [re.split(r"\s{2,}", line.strip())[0]
                    for line in out.split("Commands:\n")[1].split("\n\n")[0].splitlines()]
        self.assertIn("sizes", commands)
        for name in commands:  # every listed command has working --help with an example
            proc = run(*name.split(), "--help", check=EX_OK)
            self.assertIn(f"sockit {name}", proc.stdout)
            self.assertIn("Example:", proc.stdout)

    def test_command_groups(self):
        # `sockit http serve` is a member of the group `http`: the group alone lists its members.
        listing = run("http", "--help", check=EX_OK).stdout
        self.assertIn("Usage: sockit http <command>", listing)
        self.assertIn("http serve", listing)
        proc = run("http")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertIn("http serve", proc.stderr)
        proc = run("http", "frobnicate")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stderr.strip(), "sockit http: unknown command 'frobnicate': see 'sockit http --help' "
                                              "for the list")
        self.assertIn("Example:", run("help", "http", "serve", check=EX_OK).stdout)

    def test_no_command_is_a_usage_error(self):
        proc = run()
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertIn("Usage:", proc.stderr)

    def test_unknown_command_exits_64_with_a_hint(self):
        proc = run("size")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stderr.strip(), "sockit: unknown command 'size': did you mean 'sizes'? "
                                              "(see 'sockit --help')")
        proc = run("frobnicate")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertIn("unknown command 'frobnicate'", proc.stderr)

    def test_bad_flag_is_one_line_exit_64(self):
        proc = run("sizes", "--bogus")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(len(proc.stderr.strip().splitlines()), 1)
        self.assertTrue(proc.stderr.startswith("sockit sizes: "))

    def test_version(self):
        self.assertRegex(run("--version", check=EX_OK).stdout, r"^sockit \d+\.\d+\.\d+\n$")


STRUCTS = ["sockaddr", "sockaddr_in", "sockaddr_in6", "sockaddr_un", "sockaddr_ll", "sockaddr_storage",
           "in_addr", "in6_addr", "addrinfo"]


class Sizes(unittest.TestCase):
    def c_sizes(self):
        """sizeof/alignof of each struct as the system C compiler sees them: the reference."""
        body = "".join(f'printf("{s} %zu %zu\\n", sizeof(struct {s}), _Alignof(struct {s}));' for s in STRUCTS)
        src = ("#include <stdio.h>\n#include <netdb.h>\n#include <netinet/in.h>\n#include <sys/socket.h>\n"
               "#include <sys/un.h>\n#include <netpacket/packet.h>\nint main(void){" + body + "return 0;}\n")
        with tempfile.TemporaryDirectory() as tmp:
            c = os.path.join(tmp, "sizes.c")
            with open(c, "w") as f:
                f.write(src)
            subprocess.run(["cc", "-o", os.path.join(tmp, "sizes"), c], check=True)
            out = subprocess.run([os.path.join(tmp, "sizes")], capture_output=True, text=True, check=True).stdout
        return {name: (int(size), int(align)) for name, size, align in (l.split() for l in out.splitlines())}

    def test_json_agrees_with_the_c_compiler(self):
        doc = run_json("sizes")
        self.assertEqual([d["name"] for d in doc], STRUCTS)
        want = self.c_sizes()
        for d in doc:
            self.assertEqual((d["size"], d["align"]), want[d["name"]], d["name"])

    def test_text_has_one_row_per_struct(self):
        lines = run("sizes", check=EX_OK).stdout.splitlines()
        self.assertEqual(lines[0].split(), ["struct", "size", "align", "header"])
        want = self.c_sizes()
        for line, name in zip(lines[1:], STRUCTS):
            cells = line.split()
            self.assertEqual((cells[0], int(cells[1]), int(cells[2])), (name, *want[name]))


if __name__ == "__main__":
    unittest.main()
