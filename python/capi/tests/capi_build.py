# SPDX-License-Identifier: MIT
# Builds the hello extension with `setup.py build` from a copy of python/capi (the tests' own builds:
# the standalone run, the setup.py test, the leak detector's mutants), never writing into the source tree.
import pathlib
import shutil
import subprocess
import sys

SOURCE_DIR = pathlib.Path(__file__).resolve().parent.parent


def copy_sources(dest: pathlib.Path) -> pathlib.Path:
    """Copies setup.py and the C sources of python/capi into dest (created); returns dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in [SOURCE_DIR / "setup.py", *SOURCE_DIR.glob("*.[ch]")]:
        shutil.copy2(path, dest / path.name)
    return dest


def setup_py_build(source: pathlib.Path) -> pathlib.Path:
    """Runs `python3 setup.py build` in source; returns the folder holding the built hello*.so.
    Raises RuntimeError with the build's output when it fails."""
    run = subprocess.run([sys.executable, "setup.py", "build"], cwd=source, capture_output=True, text=True,
                         timeout=300)
    if run.returncode != 0:
        raise RuntimeError(f"setup.py build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}")
    built = sorted(source.glob("build/lib*/hello*.so"))
    if len(built) != 1:
        raise RuntimeError(f"setup.py build made {len(built)} modules: {built}\n{run.stdout}")
    return built[0].parent
