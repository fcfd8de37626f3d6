# SPDX-License-Identifier: MIT
# Builds the `hello` extension the way seed 002 ch. 10 does: `/usr/bin/python3 setup.py build`.
# setuptools instead of the chapter's distutils, which Python 3.12 removed; the same Extension and setup().
from setuptools import Extension, setup

# The warnings CMake's build uses too (python/capi/CMakeLists.txt), as errors.
WARNINGS = ["-Wall", "-Wextra", "-Wpedantic", "-Wshadow", "-Wconversion", "-Wsign-conversion",
            "-Wwrite-strings", "-Wvla", "-Wfloat-equal", "-Wstrict-prototypes", "-Wmissing-prototypes",
            "-Werror"]

module_hello = Extension("hello", sources=["hello.c", "gregorian.c", "mean.c", "gumball.c"],
                         depends=["hello.h"], extra_compile_args=["-std=c11"] + WARNINGS)

setup(name="hello",
      version="1.0",
      description="The Python/C API chapter of seed 002: days_in_year, days_in_month, mean, Gumball",
      ext_modules=[module_hello])
