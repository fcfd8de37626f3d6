# SPDX-License-Identifier: MIT
# No reference leaks: 100,000 calls of every function and error path leave no memory (tracemalloc) and no
# references behind; and the detector is shown to catch leaks: builds of hello.c with one Py_DECREF
# removed fail it.
import json
import pathlib
import subprocess
import sys

import pytest

import capi_build
import hello
import leak_probe

WORKLOADS = leak_probe.workloads(hello)


@pytest.mark.parametrize("name", sorted(WORKLOADS))
def test_no_growth_over_100000_calls(name):
    call, watched = WORKLOADS[name]
    grown_bytes, grown_refs = leak_probe.growth(call, watched)
    assert grown_bytes < leak_probe.MAX_BYTES, f"{name}: {grown_bytes} bytes more after {leak_probe.CALLS} calls"
    assert grown_refs == 0, f"{name}: {grown_refs} references more after {leak_probe.CALLS} calls"


# Each mutant deletes the first line of one snippet; the workload must then show the leak the mutant made.
MUTANTS = [
    # the float each item becomes is never released: memory grows by one float per item
    ("mean.c", "    Py_DECREF(number);\n", "mean", "bytes"),
    # each item the iterator hands out keeps one reference too many: the list's items are never freed
    ("mean.c", "        Py_DECREF(item);\n", "mean", "refs"),
    # the year's int from __index__ (the argument itself when it is an int) keeps one reference too many
    ("gregorian.c", "    Py_DECREF(index);\n    if (remainder == NULL)", "days_in_year", "refs"),
]


@pytest.mark.parametrize("file,snippet,workload,symptom", MUTANTS)
def test_detector_catches_a_missing_decref(tmp_path, file, snippet, workload, symptom):
    source = capi_build.copy_sources(tmp_path / "src")
    text = (source / file).read_text()
    assert text.count(snippet) == 1, f"{file} no longer has exactly one {snippet!r}"
    (source / file).write_text(text.replace(snippet, snippet.split("\n", 1)[1]))
    module_dir = capi_build.setup_py_build(source)

    probe = pathlib.Path(leak_probe.__file__)
    run = subprocess.run([sys.executable, str(probe), str(module_dir), workload], capture_output=True, text=True,
                         timeout=300, check=True)
    report = json.loads(run.stdout)
    assert pathlib.Path(report["module"]).parent == module_dir
    if symptom == "bytes":
        assert report["bytes"] >= leak_probe.MAX_BYTES, report
    else:
        assert report["refs"] >= leak_probe.CALLS, report
