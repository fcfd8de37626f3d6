# SPDX-License-Identifier: MIT
# scripts/check-layers: the tree follows the layer table, and each kind of forbidden edge is caught (the
# planted file, its line and the rule are named).
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from sockit_test import SOURCE_DIR

SCRIPT = os.path.join(SOURCE_DIR, "scripts", "check-layers")


def check(tree):
    return subprocess.run([sys.executable, SCRIPT, tree], capture_output=True, text=True, timeout=120)


class CheckLayers(unittest.TestCase):
    def test_the_tree_follows_the_table(self):
        proc = check(SOURCE_DIR)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("every include follows the layer table", proc.stdout)

    def setUp(self):
        self.tree = tempfile.mkdtemp(prefix="sockit-layers-")
        self.addCleanup(shutil.rmtree, self.tree)
        # A tree of its own: one legal file per kind of place, then the planted one.
        self.plant("include/sockit/core/a.hpp", "#pragma once\n")
        self.plant("src/dns/a.cpp", '#include "sockit/core/a.hpp"\n#include "sockit/ip/ip_address.hpp"\n')
        self.plant("cli/a.cpp", '#include "sockit/serve/server.hpp"\n')
        self.plant("fuzz/a.cpp", '#include "fuzz_check.hpp"\n')
        self.assertEqual(check(self.tree).returncode, 0)

    def plant(self, path, text):
        full = os.path.join(self.tree, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def assert_refused(self, path, line, *words):
        proc = check(self.tree)
        self.assertEqual(proc.returncode, 1, proc.stdout)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 1, proc.stdout)
        self.assertTrue(lines[0].startswith(f"{path}:{line}: " if line else f"{path}: "), lines[0])
        for w in words:
            self.assertIn(w, lines[0])
        self.assertIn("1 forbidden edge", proc.stderr)

    # Each row: why, what is planted (path, text), and the one line check-layers must print for it (its
    # path, its line number or None for a folder, and words it must contain).
    REFUSED = [
        ("a codec including the socket layer", "src/dns/planted.cpp",
         '// x\n#include "sockit/dns/message.hpp"\n#include "sockit/sock/socket.hpp"\n',
         "src/dns/planted.cpp", 3, ("dns/ may not include sockit/sock/socket.hpp", "core, ip")),
        ("a lower layer including a higher one", "include/sockit/event/planted.hpp",
         '#pragma once\n#include "sockit/serve/server.hpp"\n',
         "include/sockit/event/planted.hpp", 2, ("event/ may not include sockit/serve/server.hpp",)),
        ("a relative include across modules", "src/wire/planted.cpp", '#include "../dns/mnemonics.hpp"\n',
         "src/wire/planted.cpp", 1, ("reaches outside its module",)),
        ("a system call in cli/", "cli/planted.cpp", "int f() { return ::socket(1, 2, 3); }  // a raw call\n",
         "cli/planted.cpp", 1, ("cli/ makes a system call (::socket)",)),
        ("a system call in a codec", "src/http/planted.cpp", 'void f() { ::open("x", 0); }\n',
         "src/http/planted.cpp", 1, ("http/ makes a system call (::open)",)),
        ("fuzz/ including the test suite", "fuzz/planted.cpp", '#include "../tests/unit/guarded_buffer.hpp"\n',
         "fuzz/planted.cpp", 1, ("fuzz/ may not include the test suite",)),
        ("a module missing from the table", "src/newthing/a.cpp", "int x;\n",
         "src/newthing", None, ("not in the layer table",)),
    ]

    def test_each_kind_of_forbidden_edge_is_refused(self):
        for why, path, text, where, line, words in self.REFUSED:
            with self.subTest(why):
                folder = os.path.join(self.tree, os.path.dirname(path))
                new_folder = not os.path.isdir(folder)
                self.plant(path, text)
                try:
                    self.assert_refused(where, line, *words)
                finally:
                    shutil.rmtree(folder) if new_folder else os.remove(os.path.join(self.tree, path))

    def test_a_static_factory_is_not_a_system_call(self):
        self.plant("cli/planted.cpp", "auto s = socket::open(1);\nauto t = sockit::sys::poll(x);\n")
        self.assertEqual(check(self.tree).returncode, 0)

if __name__ == "__main__":
    unittest.main()
