#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Worker-pool overhead: nanoseconds per empty job, sockit's worker_pool (2 workers) vs tbb::task_group (2 threads).
# Usage: bench/pool.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (quick pass).
# Prints `case | sockit | tbb | ratio` (ratio = sockit time / tbb time; lower is better, target <= 1.5).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKIT_BUILD_DIR:-$top/build/release}
bin=$build/bench/bench_pool
[ -x "$bin" ] || { echo "pool.sh: $bin not built (cmake --build $build --target bench_pool)" >&2; exit 69; }
min_time=1.0
reps=3
if [ "${BENCH_SMOKE:-0}" = 1 ]; then min_time=0.02; reps=1; fi
json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$bin" --benchmark_min_time="$min_time" --benchmark_repetitions="$reps" \
  --benchmark_format=json --benchmark_out="$json" --benchmark_out_format=json >/dev/null
/usr/bin/python3 - "$json" "${1:-}" <<'PY'
import json, sys, statistics
data = json.load(open(sys.argv[1]))
runs = {}
for b in data["benchmarks"]:
    if b.get("run_type") != "iteration":
        continue
    # run_name: sockit/empty_task/batch:1000/helping:0/real_time or tbb/empty_task/batch:1000/real_time
    parts = b["run_name"].split("/")
    who = parts[0]
    args = dict(p.split(":") for p in parts if ":" in p)
    runs.setdefault((who, args["batch"], args.get("helping")), []).append(b["ns_per_task"] * 1e9)
med = {k: statistics.median(v) for k, v in runs.items()}
rows = []
for (who, batch, helping), s in sorted(med.items(), key=lambda kv: (kv[0][2] or "", int(kv[0][1]))):
    if who != "sockit":
        continue
    label = ("1 worker + caller helping" if helping == "1" else "2 workers, caller waits") + f", {batch} jobs"
    t = med.get(("tbb", batch, None))
    rows.append({"case": label, "sockit_ns": s, "tbb_ns": t, "ratio": (s / t) if t else None})
if sys.argv[2] == "--json":
    print(json.dumps({"unit": "ns per empty task (median)", "threads": 2, "rows": rows}, indent=2))
    sys.exit(0)
def f(v, unit=" ns"):
    return "n/a" if v is None else f"{v:.1f}{unit}"
print("ns per empty job (median); tbb: task_group in a 2-thread task_arena (the waiting caller runs jobs)")
print(f"{'case':<42} | {'sockit':>10} | {'tbb':>10} | ratio")
for r in rows:
    ratio = "n/a (no TBB)" if r["ratio"] is None else f"{r['ratio']:.2f}x"
    print(f"{r['case']:<42} | {f(r['sockit_ns']):>10} | {f(r['tbb_ns']):>10} | {ratio}")
PY
