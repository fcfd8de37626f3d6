#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `sockit search` on a generated tree (100,000 files, 2 GiB, 12 deep; text and binary files), page cache
# warm: first match (the string in one file, placed deepest) vs `rg -l -F -m1 STR DIR | head -1` and
# `grep -rlF -m1 STR DIR | head -1`; no match (the whole tree read) vs `rg -l -F` and `grep -rlF`.
# Usage: bench/search.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (2,000
#        files, 40 MiB, one run), SEARCH_BENCH_DIR (where the tree goes, default /work/tmp or /tmp; deleted
#        at exit), SEARCH_BENCH_RUNS (timed runs per case, default 5, after one warm-up; hyperfine's mean).
# Prints `case | sockit | peer | ratio` (ratio = sockit's time / the peer's; targets: <= 1.0x rg on first
# match, <= 1.2x rg on no match, <= 0.33x grep).
set -euo pipefail
base=${SEARCH_BENCH_DIR:-$([ -d /work/tmp ] && echo /work/tmp || echo /tmp)}
work=$(mktemp -d "$base/sockit-search-bench.XXXXXX")
# shellcheck source=lib.bash source-path=SCRIPTDIR
source "$(dirname "$0")/lib.bash"
need_tools rg grep hyperfine timeout

files=100000
mib=2048
runs=${SEARCH_BENCH_RUNS:-5}
if [ "${BENCH_SMOKE:-0}" = 1 ]; then files=2000; mib=40; runs=1; fi
needle=Sockit-Bench-Needle-91c4
absent=Sockit-Absent-Needle-3e7d

# The tree: 12 levels of directories (a spine d0/.../d11 plus random side directories), `files` files of
# random text (one in eight binary: NULs and 0xff) summing to `mib` MiB; the needle planted once, in the
# middle of a file at the deepest level. Prints that file's path.
deep=$(timeout 600 "$py" - "$work/tree" "$files" "$mib" "$needle" <<'PY'
import os, random, sys
top, files, mib, needle = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].encode()
rng = random.Random(18)
text = bytes(b"abcdefghijklmnopqrstuvwxyz     \n{}();=_0123456789ABCDEFGHIJKLMNOP"[i % 64] for i in range(256))
binary = bytes((0, 0xFF, 0x41, 0x7F, 0x10, 0x80, 0x0A, 0x20)[i % 8] for i in range(256))
dirs, spine = [(top, 0)], top
os.makedirs(top)
for level in range(12):
    spine = os.path.join(spine, f"d{level}")
    os.makedirs(spine)
    dirs.append((spine, level + 1))
while len(dirs) < max(files // 25, 13):
    parent, depth = dirs[rng.randrange(len(dirs))]
    if depth >= 12:
        continue
    path = os.path.join(parent, f"s{len(dirs)}")
    os.makedirs(path)
    dirs.append((path, depth + 1))
mean = (mib << 20) // files
chunk = os.urandom(1 << 20)
for i in range(files):
    d = dirs[rng.randrange(len(dirs))][0] if i else spine
    size = rng.randrange(0, 2 * mean)
    table = binary if i % 8 == 7 else text
    offset = rng.randrange(len(chunk) - size) if size < len(chunk) else 0
    data = (chunk * (size // len(chunk) + 1))[offset:offset + size] if size else b""
    data = data.translate(table)
    if i == 0:
        data = data[:size // 2] + needle + data[size // 2:]
        print(os.path.join(d, f"f{i}.txt"))
    with open(os.path.join(d, f"f{i}.bin" if table is binary else f"f{i}.txt"), "wb") as f:
        f.write(data)
PY
)
total=$(du -sm "$work/tree" | cut -f1)
# Check before timing: every tool finds the needle in that one file, and nothing for the absent string.
[ "$("$sockit" search "$needle" "$work/tree")" = "$deep" ] || { echo "$me: sockit did not find $deep" >&2; exit 70; }
[ "$(rg -l -F "$needle" "$work/tree")" = "$deep" ] || { echo "$me: rg disagrees" >&2; exit 70; }
[ "$(grep -rlF "$needle" "$work/tree")" = "$deep" ] || { echo "$me: grep disagrees" >&2; exit 70; }
find "$work/tree" -type f -exec cat {} + >/dev/null  # warm the page cache

# timed NAME COMMAND: hyperfine's runs into $work/NAME.json (one warm-up run; exit status 1 = no match is fine).
timed() { hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/$1.json" "$2" >/dev/null 2>&1; }
t=$work/tree
timed sockit_first "$sockit search $needle $t"
timed rg_first "bash -c 'rg -l -F -m1 $needle $t | head -1'"
timed grep_first "bash -c 'grep -rlF -m1 $needle $t | head -1'"
timed sockit_none "$sockit search $absent $t"
timed rg_none "rg -l -F $absent $t"
timed grep_none "grep -rlF $absent $t"

# Wall time is the measure; CPU time (user + system, children included) is printed beside it because the
# machines are shared: with other load, wall times stretch while CPU times stay put.
"$py" - "${1:-}" "$files" "$total" "$runs" "$work" <<'PY'
import json, sys
fmt, files, total, runs, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def load(name):
    r = json.load(open(f"{work}/{name}.json"))["results"][0]
    return r["mean"], r["user"] + r["system"]
cases = [("first match vs rg -l -F -m1 | head -1", "first", "rg"), ("first match vs grep -rlF -m1 | head -1", "first", "grep"),
         ("no match vs rg -l -F", "none", "rg"), ("no match vs grep -rlF", "none", "grep")]
rows = []
for label, case, peer in cases:
    (sw, sc), (pw, pc) = load(f"sockit_{case}"), load(f"{peer}_{case}")
    rows.append({"case": label, "peer": peer, "sockit_s": sw, "peer_s": pw, "ratio": sw / pw,
                 "sockit_cpu_s": sc, "peer_cpu_s": pc, "cpu_ratio": sc / pc})
if fmt == "--json":
    print(json.dumps({"files": files, "mib": total, "runs": runs, "unit": "s (hyperfine mean)", "rows": rows}, indent=2))
    sys.exit(0)
print(f"tree: {files} files, {total} MiB, 12 deep; hyperfine mean of {runs} runs, page cache warm")
print(f"{'case':<40} | {'sockit':>8} | {'peer':>8} | ratio | cpu: sockit | peer   | ratio")
for r in rows:
    print(f"{r['case']:<40} | {r['sockit_s']:>7.3f}s | {r['peer_s']:>7.3f}s | {r['ratio']:.2f}x | "
          f"{r['sockit_cpu_s']:>10.3f}s | {r['peer_cpu_s']:>5.3f}s | {r['cpu_ratio']:.2f}x")
PY
