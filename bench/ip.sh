#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sockit's address parsing and formatting against glibc (inet_pton/inet_ntop) and Python's ipaddress.
# Prints `case | sockit | peer | ratio` (ratio = sockit time / peer time: below 1 means sockit is faster).
# Env: SOCKIT_BUILD_DIR (holds bench/bench_ip), BENCH_SMOKE=1 for a quick run, BENCH_JSON=FILE to save JSON.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${SOCKIT_BUILD_DIR:-$here/../build/release}
bench=$build/bench/bench_ip
[ -x "$bench" ] || { echo "ip.sh: $bench not built" >&2; exit 1; }
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

count=100000
min_time=1
reps=3
if [ "${BENCH_SMOKE:-0}" = 1 ]; then count=5000; min_time=0.01; reps=1; fi

"$py" "$here/ip_python.py" generate "$count" "$tmp/inputs.txt"
"$bench" --inputs="$tmp/inputs.txt" --benchmark_min_time="$min_time" --benchmark_repetitions="$reps" \
    --benchmark_report_aggregates_only=true --benchmark_format=json --benchmark_out="$tmp/bench.json" \
    --benchmark_out_format=json >/dev/null
python_ns=$("$py" "$here/ip_python.py" time "$tmp/inputs.txt")
[ -n "${BENCH_JSON:-}" ] && cp "$tmp/bench.json" "$BENCH_JSON"

"$py" - "$tmp/bench.json" "$python_ns" "$count" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
python_ns, count = float(sys.argv[2]), int(sys.argv[3])
# Medians when repeated, else the single run; CPU time per item in ns (the machines are shared: CPU time
# is steadier than wall time, and ip_python.py measures CPU time too).
per = {}
for b in doc["benchmarks"]:
    name = b.get("run_name", b["name"])
    if b.get("aggregate_name", "median") != "median":
        continue
    scale = {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]
    per[name] = b["cpu_time"] * scale / (b.get("inputs", 1) if name == "parse_classify" else 1)
rows = []
for op in ("parse", "format"):
    for v in ("v4", "v6"):
        s, g = per[f"{op}_sockit/{v}"], per[f"{op}_glibc/{v}"]
        rows.append((f"{op} {v} (vs glibc {'inet_pton' if op == 'parse' else 'inet_ntop'})",
                     f"{s:.1f} ns", f"{g:.1f} ns", f"{s / g:.2f}"))
s = per["parse_classify"]
rows.append((f"parse+classify, {count} inputs (vs Python ipaddress)", f"{s:.1f} ns", f"{python_ns:.0f} ns",
             f"{s / python_ns:.4f} ({python_ns / s:.0f}x faster)"))
head = ("case", "sockit", "peer", "ratio")
w = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
for r in [head] + rows:
    print(" | ".join(c.ljust(w[i]) for i, c in enumerate(r)).rstrip())
PY
