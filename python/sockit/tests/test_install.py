# SPDX-License-Identifier: MIT
# `make install` puts `import sockit` where Debian's python3 finds it: the install of the `python`
# component into a temporary prefix holds the package (extension, modules, stubs, py.typed) under
# lib/python3.X/dist-packages, and a fresh interpreter imports it from there and uses it.
import os
import subprocess
import sys
import sysconfig
import tempfile
import unittest

BUILD = os.environ.get("SOCKIT_BUILD_DIR", "build/release")


class Install(unittest.TestCase):
    def test_install_into_a_prefix(self):
        with tempfile.TemporaryDirectory(prefix="sockit-install-") as prefix:
            subprocess.run(["cmake", "--install", BUILD, "--prefix", prefix, "--component", "python"],
                           check=True, capture_output=True, timeout=120)
            version = f"{sys.version_info[0]}.{sys.version_info[1]}"
            package = os.path.join(prefix, "lib", f"python{version}", "dist-packages", "sockit")
            names = set(os.listdir(package))
            self.assertTrue({"__init__.py", "dns.py", "__init__.pyi", "dns.pyi", "py.typed"} <= names, names)
            self.assertTrue(any(n.startswith("_sockit.") and n.endswith(sysconfig.get_config_var("EXT_SUFFIX"))
                                for n in names), names)
            env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": os.path.dirname(package)}
            out = subprocess.run(
                ["/usr/bin/python3", "-c",
                 "import sockit; print(sockit.__file__); print(sockit.ip_network('10.0.0.0/30').num_addresses)"],
                check=True, capture_output=True, text=True, env=env, timeout=60).stdout.split()
            self.assertEqual(out, [os.path.join(package, "__init__.py"), "4"])

    def test_debian_python_reads_the_default_prefix(self):
        # the default PREFIX of `make install` is /usr/local
        version = f"{sys.version_info[0]}.{sys.version_info[1]}"
        path = subprocess.run(["/usr/bin/python3", "-c", "import sys; print('\\n'.join(sys.path))"],
                              capture_output=True, text=True, check=True).stdout.split()
        self.assertIn(f"/usr/local/lib/python{version}/dist-packages", path)


if __name__ == "__main__":
    unittest.main()
