# SPDX-License-Identifier: MIT
# The leak detector: runs one workload of hello 100,000 times and reports the growth of memory that Python
# allocated (tracemalloc, after a warm-up and a collection) and of the reference counts of its arguments.
# As a script, `leak_probe.py <module dir> <workload>` prints the growth as JSON (for mutant builds).
import gc
import json
import sys
import tracemalloc

CALLS = 100_000
WARM_UP = 1_000
# A leak of one object per call is 100,000 objects, megabytes; no leak is noise of a few hundred bytes.
MAX_BYTES = 64 * 1024


def expect(error, call, *args):
    try:
        call(*args)
    except error:
        return
    raise AssertionError(f"{call.__name__}{args} did not raise {error.__name__}")


def workloads(hello):
    """name -> (one call of the workload, the objects whose reference counts must not grow)."""
    year = 10**30 + 4  # a big int: the PyNumber_Remainder path
    numbers = [1.5, 2, 10**20, 3.25]  # ints become new float objects inside mean()
    strings = [1, "2"]
    machine = hello.Gumball()

    def gumball_cycle():
        g = hello.Gumball(3)
        g.dispense()
        g.refill(2)
        repr(g)
        return g.count

    return {
        "days_in_year": (lambda: hello.days_in_year(year), [year]),
        "days_in_year_type_error": (lambda: expect(TypeError, hello.days_in_year, 2024.5), []),
        "days_in_month": (lambda: hello.days_in_month(2, year), [year]),
        "days_in_month_keywords": (lambda: hello.days_in_month(month=2, year=year), [year]),
        "days_in_month_value_error": (lambda: expect(ValueError, hello.days_in_month, 13, year), [year]),
        "mean": (lambda: hello.mean(numbers), [numbers, *numbers]),
        "mean_iterator": (lambda: hello.mean(iter(numbers)), [numbers, *numbers]),
        "mean_type_error": (lambda: expect(TypeError, hello.mean, strings), [strings, *strings]),
        "mean_value_error": (lambda: expect(ValueError, hello.mean, ()), []),
        "gumball": (gumball_cycle, [hello.Gumball]),
        "gumball_empty_error": (lambda: expect(hello.EmptyError, machine.dispense), [machine]),
    }


def growth(call, watched, calls=CALLS):
    """(bytes, references) that `calls` calls leave behind."""
    for _ in range(WARM_UP):
        call()
    gc.collect()
    refs_before = [sys.getrefcount(obj) for obj in watched]
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(calls):
            call()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    refs_after = [sys.getrefcount(obj) for obj in watched]
    return after - before, sum(refs_after) - sum(refs_before)


def main(module_dir, name):
    sys.path.insert(0, module_dir)
    import hello

    call, watched = workloads(hello)[name]
    grown_bytes, grown_refs = growth(call, watched)
    print(json.dumps({"module": hello.__file__, "bytes": grown_bytes, "refs": grown_refs}))


if __name__ == "__main__":
    main(*sys.argv[1:])
