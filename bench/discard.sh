#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Discard throughput on loopback (RFC 863): one TCP stream of 64 KiB writes, `sockit serve discard` + `sockit bench
# discard` against `iperf3 -s` + `iperf3 -c 127.0.0.1 -l 64K -t N` (target: sockit >= 0.9x iperf3; the kernel's
# copy is the limit). Runs alternate between the two, the median is reported.
# Usage: bench/discard.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (quick pass),
#        DISCARD_BENCH_SECONDS (per run, default 5), DISCARD_BENCH_RUNS (runs per tool, default 3).
# Both rates are the receiver's view: iperf3's sum_received, and sockit's bytes over the time until the server
# closed after our EOF (so every counted byte was read). Client and server share the machine's cores.
set -euo pipefail
# shellcheck source=lib.bash source-path=SCRIPTDIR
source "$(dirname "$0")/lib.bash"
need_tools iperf3 setsid ss timeout
seconds=${DISCARD_BENCH_SECONDS:-5}
runs=${DISCARD_BENCH_RUNS:-3}
if [ "${BENCH_SMOKE:-0}" = 1 ]; then seconds=${DISCARD_BENCH_SECONDS:-0.5}; runs=1; fi
iperf_seconds=$("$py" -c "import math; print(max(1, math.ceil($seconds)))")  # iperf3 -t takes whole seconds

# sockit_run N: one sockit run; writes $work/sockit-N.json.
sockit_run() {
  local port
  port=$(free_port)
  setsid timeout 300 "$sockit" serve "discard/tcp=127.0.0.1:$port" --idle-timeout 0 --grace 1 \
    >/dev/null 2>"$work/server.err" </dev/null &
  server_pid=$!
  wait_listening "$port"
  timeout 300 "$sockit" bench discard 127.0.0.1 "$port" -d "$seconds" -l 64K --json >"$work/sockit-$1.json"
  stop_server
}

# iperf_run N: one iperf3 run (same write size, same duration rounded up to whole seconds); $work/iperf-N.json.
iperf_run() {
  local port
  port=$(free_port)
  setsid timeout 300 iperf3 -s -1 -B 127.0.0.1 -p "$port" >/dev/null 2>"$work/server.err" </dev/null &
  server_pid=$!
  wait_listening "$port"
  timeout 300 iperf3 -c 127.0.0.1 -p "$port" -l 64K -t "$iperf_seconds" -J >"$work/iperf-$1.json"
  stop_server
}

for ((r = 0; r < runs; r++)); do
  sockit_run "$r"
  iperf_run "$r"
done

"$py" - "$work" "$runs" "${1:-}" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, os, statistics, sys
work, runs, mode, load_avg = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s_runs = [json.load(open(os.path.join(work, f"sockit-{r}.json"))) for r in range(runs)]
i_runs = [json.load(open(os.path.join(work, f"iperf-{r}.json"))) for r in range(runs)]
s_rates = [x["bits_per_second"] for x in s_runs]
i_rates = [x["end"]["sum_received"]["bits_per_second"] for x in i_runs]
s, i = statistics.median(s_rates), statistics.median(i_rates)
row = {"case": "1 TCP stream, 64 KiB writes, loopback", "sockit_gbps": s / 1e9, "iperf3_gbps": i / 1e9,
       "ratio": s / i, "target": 0.9}
if mode == "--json":
    print(json.dumps({"unit": "Gbit/s (median)", "runs": runs, "load_average": load_avg, "rows": [row],
                      "sockit_runs_gbps": [v / 1e9 for v in s_rates], "iperf3_runs_gbps": [v / 1e9 for v in i_rates]},
                     indent=2))
    sys.exit(0)
print(f"discard throughput, median of {runs} run(s); load average {load_avg}; ratio = sockit / iperf3 (higher is better)")
print(f"{'case':<40} | {'sockit':>12} | {'iperf3':>12} | ratio | target")
met = "met" if row["ratio"] >= row["target"] else "MISSED"
print(f"{row['case']:<40} | {row['sockit_gbps']:>6.2f} Gbit/s | {row['iperf3_gbps']:>6.2f} Gbit/s | "
      f"{row['ratio']:.2f}x | >= 0.9x {met}")
print(f"  runs: sockit {', '.join(f'{v / 1e9:.2f}' for v in s_rates)}; iperf3 {', '.join(f'{v / 1e9:.2f}' for v in i_rates)} Gbit/s")
PY
