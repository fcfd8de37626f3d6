# SPDX-License-Identifier: MIT
# Puts the hello module under test first on sys.path: CMake's build when ctest names it (HELLO_MODULE_DIR),
# else a fresh `setup.py build` in a temporary folder, so `pytest python/capi/tests` works on its own.
import atexit
import os
import pathlib
import shutil
import sys
import tempfile

import capi_build


def module_dir() -> pathlib.Path:
    given = os.environ.get("HELLO_MODULE_DIR")
    if given:
        return pathlib.Path(given)
    work = pathlib.Path(tempfile.mkdtemp(prefix="hello-capi-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    return capi_build.setup_py_build(capi_build.copy_sources(work / "src"))


HELLO_DIR = module_dir()
sys.path.insert(0, str(HELLO_DIR))
import hello  # noqa: E402  (the path above decides which hello this is)

assert pathlib.Path(hello.__file__).parent == HELLO_DIR, f"imported {hello.__file__}, not from {HELLO_DIR}"
