# SPDX-License-Identifier: MIT
# `sockit search` on a generated tree (2,000 files, 12 deep, binary files, hidden files, a symlink loop, a
# fifo, unreadable paths): found once, nowhere (exit 1), --all equals `grep -rlF` (sorted), --sorted is the
# first of grep's list, --follow ends on the loop, unreadable paths give exit 2 as an unprivileged user.
import os
import json
import random
import resource
import shutil
import subprocess
import tempfile
import unittest

from sockit_test import EX_USAGE, SOCKIT, need, run

NEEDLE = "Sockit-Needle-7f3a"
DEPTH = 12
FILES = 2000
NOBODY = 65534
BINARY = bytes((0, 0xFF, 0x41, 0x0A)[i % 4] for i in range(256))   # byte -> one of NUL, 0xff, 'A', LF
TEXT = bytes(b"abcdefgh sockit needle\n"[i % 23] for i in range(256))  # byte -> a letter, space or LF


def grep_list(*args):
    """`grep -rlF ARGS...` sorted bytewise (C locale), the reference list of matching files."""
    proc = subprocess.run(["grep", "-rlF", *args], capture_output=True, env={"LC_ALL": "C", "PATH": os.environ["PATH"]})
    return sorted(proc.stdout.decode().splitlines())


def make_tree(top, rng):
    """A tree DEPTH levels deep with FILES files: text, binary (NULs, 0xff) and hidden ones. Returns the
    list of file paths."""
    dirs = [top]
    spine = top
    for level in range(DEPTH):  # a spine 12 deep (d0/d1/.../d11), plus side directories on the way
        side = os.path.join(spine, f".side{level}" if level % 4 == 0 else f"side{level}")
        spine = os.path.join(spine, f"d{level}")
        os.makedirs(spine)
        os.makedirs(side)
        dirs += [spine, side]
    files = []
    for i in range(FILES):
        d = dirs[rng.randrange(len(dirs))]
        name = f".hidden{i}" if i % 50 == 0 else f"f{i}.bin" if i % 7 == 0 else f"f{i}.txt"
        path = os.path.join(d, name)
        size = rng.randrange(0, 3000)
        alphabet = BINARY if name.endswith(".bin") else TEXT
        data = rng.randbytes(size).translate(alphabet)
        with open(path, "wb") as f:
            f.write(data)
        files.append(path)
    return files


def plant(path, text, at=None):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        pos = len(data) // 2 if at is None else at
        data[pos:pos] = text.encode()
        f.seek(0)
        f.write(data)


class Search(unittest.TestCase):
    def setUp(self):
        self.top = tempfile.mkdtemp(prefix="sockit-search-")
        os.chmod(self.top, 0o755)
        self.root = os.path.join(self.top, "tree")
        os.makedirs(self.root)
        self.rng = random.Random(18)
        self.files = make_tree(self.root, self.rng)
        deep = os.path.join(self.root, *[f"d{i}" for i in range(DEPTH)])
        os.symlink("..", os.path.join(deep, "loop"))      # a loop for --follow
        os.mkfifo(os.path.join(deep, "fifo"))             # never opened: it would block a reader
        for dirpath, dirnames, _ in os.walk(self.top):
            for d in dirnames:
                os.chmod(os.path.join(dirpath, d), 0o755)

    def tearDown(self):
        for dirpath, dirnames, _ in os.walk(self.top):
            for d in dirnames:
                os.chmod(os.path.join(dirpath, d), 0o755)
        shutil.rmtree(self.top)

    def test_found_once_deep(self):
        target = max((p for p in self.files if p.endswith(".bin")), key=lambda p: p.count("/"))
        plant(target, NEEDLE)
        for jobs in ("1", "2", "4"):
            out = run("search", "-j", jobs, NEEDLE, self.root, check=0).stdout
            self.assertEqual(out, target + "\n")
        self.assertEqual(run("search", "--sorted", NEEDLE, self.root, check=0).stdout, target + "\n")

    def test_nowhere_exit_1(self):
        proc = run("search", NEEDLE, self.root, check=1)
        self.assertEqual((proc.stdout, proc.stderr), ("", ""))  # the fifo skipped (no hang), nothing unreadable
        run("search", "--follow", NEEDLE, self.root, check=1)  # the loop is entered once

    def test_all_equals_grep(self):
        chosen = self.rng.sample(self.files, 40)
        for path in chosen:
            plant(path, NEEDLE.upper() if path in chosen[:10] else NEEDLE, at=0)
        want = grep_list(NEEDLE, self.root)
        self.assertEqual(len(want), 30)
        got = run("search", "--all", NEEDLE, self.root, check=0).stdout.splitlines()
        self.assertEqual(sorted(got), want)
        self.assertEqual(run("search", "--all", "--sorted", NEEDLE, self.root, check=0).stdout.splitlines(), want)
        self.assertEqual(run("search", "--sorted", NEEDLE, self.root, check=0).stdout.splitlines(), want[:1])
        folded = run("search", "--all", "--sorted", "-i", NEEDLE.lower(), self.root, check=0).stdout.splitlines()
        self.assertEqual(folded, grep_list("-i", NEEDLE.lower(), self.root))
        self.assertEqual(len(folded), 40)
        # --follow walks the loop's target again under the link's name, once: grep -R agrees
        followed = run("search", "--all", "--follow", NEEDLE, self.root, check=0).stdout.splitlines()
        self.assertEqual(sorted(followed), sorted(set(followed)))
        self.assertTrue(set(want) <= set(followed))

    def test_hidden_files_searched(self):
        hidden = next(p for p in self.files if "/.hidden" in p)
        plant(hidden, NEEDLE)
        self.assertEqual(run("search", NEEDLE, self.root, check=0).stdout, hidden + "\n")

    def test_unreadable_paths(self):
        setpriv = shutil.which("setpriv")
        if os.geteuid() != 0 or setpriv is None:
            self.skipTest("needs root and setpriv to run the search as an unprivileged user")
        locked_dir = os.path.join(self.root, "d0", "d1")
        locked_file = next(p for p in self.files if not p.startswith(locked_dir + "/"))
        os.chmod(locked_file, 0o000)
        os.chmod(locked_dir, 0o000)
        as_nobody = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", SOCKIT, "search"]
        proc = subprocess.run([*as_nobody, NEEDLE, self.root], capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(f"sockit search: {locked_file}: Permission denied", proc.stderr)
        self.assertIn(f"sockit search: {locked_dir}: Permission denied", proc.stderr)
        readable = next(p for p in self.files if not p.startswith(locked_dir + "/") and p != locked_file)
        plant(readable, NEEDLE)
        proc = subprocess.run([*as_nobody, "--all", NEEDLE, self.root], capture_output=True, text=True, timeout=60)
        self.assertEqual((proc.returncode, proc.stdout), (0, readable + "\n"), proc.stderr)  # found: 0 all the same

    def test_usage_errors(self):
        self.assertEqual(run("search", "", self.root).returncode, EX_USAGE)
        self.assertEqual(run("search", NEEDLE).returncode, EX_USAGE)
        self.assertEqual(run("search", "-j", "0", NEEDLE, self.root).returncode, EX_USAGE)
        proc = run("search", NEEDLE, os.path.join(self.top, "missing"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("No such file or directory", proc.stderr)

    def test_json_and_trace(self):
        plant(self.files[0], NEEDLE)
        doc = json.loads(run("search", "--json", "-j", "2", "--all", NEEDLE, self.root, check=0).stdout)
        self.assertEqual(doc["matches"], [self.files[0]])
        self.assertTrue(doc["found"])
        self.assertEqual(len(doc["workers"]), 2)
        self.assertEqual(sum(w["files"] for w in doc["workers"]), doc["files"])
        self.assertGreaterEqual(doc["files"], FILES)
        trace = run("search", "--trace", "-j", "2", "--all", NEEDLE, self.root, check=0).stderr
        self.assertRegex(trace, r"worker +dirs +files +MiB +busy_ms")
        self.assertRegex(trace, rf"\d+ directories, {doc['files']} files, .* on 2 workers")


class HugeFile(unittest.TestCase):
    """A 1 GiB sparse file: read through a bounded buffer, and abandoned when another worker finds the string."""

    def setUp(self):
        self.top = tempfile.mkdtemp(prefix="sockit-search-huge-")
        self.huge = os.path.join(self.top, "huge")
        with open(self.huge, "wb") as f:
            f.truncate(1 << 30)
            f.seek((1 << 30) - 256 * 1024 - 5)  # straddles the first 256 KiB buffer's end counted from the back
            f.write(NEEDLE.encode())
        self.small = os.path.join(self.top, "small")
        with open(self.small, "wb") as f:
            f.write(b"x" * 100 + NEEDLE.encode())

    def tearDown(self):
        shutil.rmtree(self.top)

    @unittest.skipIf("asan" in os.environ.get("SOCKIT_BUILD_DIR", ""),
                     "under ASan the allocator's shadow and quarantine set the peak RSS, not the program")
    def test_found_near_the_end_in_bounded_memory(self):
        doc = json.loads(run("search", "--json", "-j", "1", NEEDLE, self.huge, check=0, timeout=120).stdout)
        self.assertEqual(doc["matches"], [self.huge])
        self.assertGreater(doc["bytes"], (1 << 30) - (1 << 20))
        max_rss_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.assertLess(max_rss_kib, 64 << 10)  # 1 GiB read with a 256 KiB buffer

    def test_workers_stop_when_one_finds(self):
        # Roots are queued in order: one worker starts on a 4 GiB file of zeros (seconds of reading), the
        # other takes the small file and finds the string: the first stops at its next read.
        zeros = os.path.join(self.top, "zeros")
        with open(zeros, "wb") as f:
            f.truncate(4 << 30)
        doc = json.loads(run("search", "--json", "-j", "2", NEEDLE, zeros, self.small, check=0).stdout)
        self.assertEqual(doc["matches"], [self.small])
        self.assertLess(doc["bytes"], 2 << 30)


if __name__ == "__main__":
    need("grep")
    unittest.main()
