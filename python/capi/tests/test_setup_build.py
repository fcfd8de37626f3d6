# SPDX-License-Identifier: MIT
# The chapter's build: `python3 setup.py build` in a copy of python/capi makes a hello module (warnings are
# errors there too) that imports and answers like the module under test.
import ast
import pathlib
import re
import subprocess
import sys
import sysconfig

import capi_build
import hello

SMOKE = """
import hello
machine = hello.Gumball(1)
print(hello.__file__)
print(hello.days_in_year(1900), hello.days_in_month(2, 2024), hello.mean([1, 2]), machine.dispense(), repr(machine))
"""


def test_setup_py_build_makes_a_working_module(tmp_path):
    source = capi_build.copy_sources(tmp_path / "src")
    module_dir = capi_build.setup_py_build(source)
    built = module_dir / ("hello" + sysconfig.get_config_var("EXT_SUFFIX"))
    assert built.is_file()

    run = subprocess.run([sys.executable, "-c", SMOKE], cwd=module_dir, capture_output=True, text=True,
                         timeout=60, check=True)
    path, answers = run.stdout.splitlines()
    assert pathlib.Path(path) == built
    assert answers == "365 29 1.5 0 hello.Gumball(count=0)"


def test_both_builds_list_every_c_source():
    # a C file that one build forgot would fail only in that build, at link or import time
    setup_py = (capi_build.SOURCE_DIR / "setup.py").read_text()
    cmake_lists = set(re.findall(r"[\w.]+\.c\b", (capi_build.SOURCE_DIR / "CMakeLists.txt").read_text()))
    for source in capi_build.SOURCE_DIR.glob("*.c"):
        assert f'"{source.name}"' in setup_py, source.name
        assert source.name in cmake_lists, source.name


def test_both_builds_use_the_same_warnings():
    setup_py = (capi_build.SOURCE_DIR / "setup.py").read_text()
    listed = ast.literal_eval(re.search(r"^WARNINGS = (\[.*?\])$", setup_py, re.S | re.M).group(1))
    cmake_lists = (capi_build.SOURCE_DIR / "CMakeLists.txt").read_text()
    options = re.search(r"target_compile_options\(hello PRIVATE (.*?)\)", cmake_lists, re.S).group(1).split()
    assert "-Werror" in listed
    assert options == listed


def test_the_module_under_test_has_the_same_shape():
    assert sorted(name for name in dir(hello) if not name.startswith("_")) == [
        "EmptyError", "Gumball", "days_in_month", "days_in_year", "mean"]
