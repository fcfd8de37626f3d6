# SPDX-License-Identifier: MIT
# Helpers for tests that drive the built `sockit` program (tests/cli, tests/peer).
import json
import os
import shutil
import socket
import subprocess
import time
import unittest

SOCKIT = os.environ.get("SOCKIT") or os.path.join(
    os.environ.get("SOCKIT_BUILD_DIR", "build/release"), "sockit")
SOURCE_DIR = os.environ.get("SOCKIT_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

# sysexits, as README documents them
EX_OK, EX_USAGE, EX_DATAERR, EX_NOHOST, EX_UNAVAILABLE, EX_OSERR, EX_IOERR = 0, 64, 65, 68, 69, 71, 74


def run(*args, input=None, timeout=60, check=None, env=None):
    """Runs `sockit ARGS...`; returns the CompletedProcess (text mode unless input is bytes)."""
    text = not isinstance(input, (bytes, bytearray))
    proc = subprocess.run([SOCKIT, *map(str, args)], input=input, capture_output=True, text=text,
                          timeout=timeout, env=env)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"sockit {' '.join(map(str, args))}: exit {proc.returncode}, want {check}\n"
                             f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
    return proc


def run_json(*args, **kw):
    """Runs sockit with --json appended and returns the parsed document (exit 0 required)."""
    proc = run(*args, "--json", check=EX_OK, **kw)
    return json.loads(proc.stdout)


def run_json_batch(args, inputs, chunk):
    """Runs `sockit ARGS... --json -- INPUTS...` over `inputs`, `chunk` of them per process (a command line
    has a size limit), and returns the records, one per input in order. Checks the batch contract: exit 0,
    or 64 when any input is malformed, with one stderr line and one record with "error" for each."""
    records = []
    for i in range(0, len(inputs), chunk):
        part = inputs[i:i + chunk]
        proc = run(*args, "--json", "--", *part)
        doc = json.loads(proc.stdout)
        bad = sum(1 for r in doc if "error" in r)
        assert proc.returncode == (EX_USAGE if bad else EX_OK), proc.returncode
        assert len(proc.stderr.splitlines()) == bad, "one stderr line per malformed input"
        assert len(doc) == len(part)
        records += doc
    return records


def mutate_text(rng, s, alphabet, max_rounds, more_edits=()):
    """A differential test's near-miss input: s after 1 to max_rounds random edits at a random position pos,
    each one of: insert a character of `alphabet`, delete one, replace one, cut the rest off, or one of
    `more_edits` (functions (rng, s, pos) -> s). Never starts with '-' (it would be an option)."""
    for _ in range(rng.randint(1, max_rounds)):
        pos = rng.randrange(len(s) + 1)
        op = rng.randrange(4 + len(more_edits))
        c = rng.choice(alphabet)
        if op == 0:
            s = s[:pos] + c + s[pos:]
        elif op == 1:
            s = s[:pos] + s[pos + 1:]
        elif op == 2:
            s = s[:pos] + c + s[pos + 1:]
        elif op == 3:
            s = s[:pos]
        else:
            s = more_edits[op - 4](rng, s, pos)
    return s if s and not s.startswith("-") else "x" + s


def compare_with_reference(test, inputs, records, reference):
    """Differential check of a batch's records against a reference: reference(input) is None when the
    reference rejects the input (the record must be an error), else the fields the record must hold.
    Returns (accepted, rejected)."""
    accepted = rejected = 0
    for s, rec in zip(inputs, records):
        test.assertEqual(rec["input"], s)
        want = reference(s)
        if want is None:
            test.assertIn("error", rec, f"we accept {s!r}, the reference rejects it")
            rejected += 1
            continue
        test.assertNotIn("error", rec, f"we reject {s!r} ({rec.get('error')}), the reference accepts it")
        accepted += 1
        test.assertEqual({k: rec[k] for k in want}, want, s)
    return accepted, rejected


def need(tool):
    """Skips the test when a peer tool is not installed (scripts/install-deps installs them all)."""
    if shutil.which(tool) is None:
        raise unittest.SkipTest(f"{tool} is not installed (run scripts/install-deps)")


def bound(port, proto="tcp"):
    """True when something listens on TCP `port` (proto "tcp") or is bound to UDP `port` ("udp"), on any
    IPv4 or IPv6 address, read from /proc/net without connecting (a connect would use up nc -l's only client)."""
    state = "0A" if proto == "tcp" else "07"
    want = f":{port:04X}"
    for table in (f"/proc/net/{proto}", f"/proc/net/{proto}6"):
        try:
            with open(table) as f:
                for line in f.readlines()[1:]:
                    cells = line.split()
                    if cells[1].endswith(want) and cells[3] == state:
                        return True
        except OSError:
            pass
    return False


def free_port_on_both(kinds=(socket.SOCK_STREAM,), min_port=0):
    """A port free right now on both 127.0.0.1 and ::1 for every socket type in `kinds`: the kernel's pick
    for kinds[0] on 127.0.0.1 (picked again when below `min_port`), checked by binding every combination."""
    def bindable(port, family, host, kind):
        with socket.socket(family, kind) as s:
            try:
                s.bind((host, port))
            except OSError:
                return False
        return True

    for _ in range(50):
        with socket.socket(socket.AF_INET, kinds[0]) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port >= min_port and all(bindable(port, family, host, kind)
                                    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1"))
                                    for kind in kinds):
            return port
    raise AssertionError("no port free on both 127.0.0.1 and ::1")


def wait_until(predicate, timeout, interval=0.02):
    """Polls predicate() until true or the deadline; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def wait_ready(proc, ready, timeout, interval=0.02):
    """Polls ready() (a port listens, a probe answers) while `proc`, a peer the test started, runs.
    True once ready; False when the process exited or `timeout` seconds passed first."""
    exited_or_ready = wait_until(lambda: proc.poll() is not None or ready(), timeout, interval)
    return bool(exited_or_ready) and proc.poll() is None


def stop_process(proc, timeout=10):
    """Ends a peer the test started: SIGTERM, then SIGKILL if it has not exited after `timeout` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
