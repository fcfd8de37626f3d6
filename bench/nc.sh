#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `sockit nc` throughput: 1 GiB through loopback (TCP on 127.0.0.1, and a Unix stream socket) with the same
# tool at both ends — sockit nc vs OpenBSD nc (nc.openbsd) vs socat — plus sockit's own Unix-vs-TCP ratio.
# Usage: bench/nc.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (64 MiB, one run),
#        NC_BENCH_MIB (size override), NC_BENCH_RUNS (runs per case, default 3; the median is reported).
# Pipeline per case: `SERVER -l ... > /dev/null` and `CLIENT ... < FILE` (FILE: random bytes in /dev/shm),
# timed from the client's start until both ends have exited. Prints `case | sockit | peer | ratio` where
# ratio = sockit's time / the peer's time (lower is better; the target is <= 0.7 against the faster peer).
set -euo pipefail
work=$(mktemp -d /dev/shm/sockit-nc-bench.XXXXXX 2>/dev/null || mktemp -d)
# shellcheck source=lib.bash source-path=SCRIPTDIR
source "$(dirname "$0")/lib.bash"
need_tools nc.openbsd socat timeout

mib=${NC_BENCH_MIB:-1024}
runs=${NC_BENCH_RUNS:-3}
if [ "${BENCH_SMOKE:-0}" = 1 ]; then mib=${NC_BENCH_MIB:-64}; runs=1; fi
limit=300  # seconds any one process may run (timeout(1) on every process)

data=$work/data.bin
head -c $((mib << 20)) /dev/urandom >"$data"

# run_case TOOL TRANSPORT: one transfer; prints the elapsed seconds.
run_case() {
  local tool=$1 transport=$2 port path server client
  port=$(free_port)
  path=$work/bench.sock
  rm -f "$path"
  case $tool/$transport in
    sockit/tcp) server=("$sockit" nc -l 127.0.0.1 "$port"); client=("$sockit" nc 127.0.0.1 "$port") ;;
    sockit/unix) server=("$sockit" nc -lU "$path"); client=("$sockit" nc -U "$path") ;;
    openbsd/tcp) server=(nc.openbsd -l 127.0.0.1 "$port"); client=(nc.openbsd -N 127.0.0.1 "$port") ;;
    openbsd/unix) server=(nc.openbsd -lU "$path"); client=(nc.openbsd -N -U "$path") ;;
    socat/tcp) server=(socat -u "TCP4-LISTEN:$port,bind=127.0.0.1,reuseaddr" STDOUT)
               client=(socat -u STDIN "TCP4:127.0.0.1:$port") ;;
    socat/unix) server=(socat -u "UNIX-LISTEN:$path" STDOUT); client=(socat -u STDIN "UNIX-CONNECT:$path") ;;
  esac
  timeout "$limit" "${server[@]}" </dev/null >/dev/null &
  server_pid=$!
  if [ "$transport" = tcp ]; then wait_listening "$port"; else wait_listening "$path"; fi
  local start end
  start=$(date +%s.%N)
  timeout "$limit" "${client[@]}" <"$data" >/dev/null
  wait "$server_pid"
  end=$(date +%s.%N)
  server_pid=
  "$py" -c "print(f'{$end - $start:.3f}')"
}

# median_case TOOL TRANSPORT: the median of $runs transfers.
median_case() {
  local times=() i
  for ((i = 0; i < runs; i++)); do times+=("$(run_case "$1" "$2")"); done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

declare -A t
for transport in tcp unix; do
  for tool in sockit openbsd socat; do
    t[$tool/$transport]=$(median_case "$tool" "$transport")
  done
done

"$py" - "$mib" "$runs" "${1:-}" \
  "${t[sockit/tcp]}" "${t[openbsd/tcp]}" "${t[socat/tcp]}" \
  "${t[sockit/unix]}" "${t[openbsd/unix]}" "${t[socat/unix]}" <<'PY'
import json, sys
mib, runs, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s_tcp, o_tcp, c_tcp, s_unix, o_unix, c_unix = map(float, sys.argv[4:10])
size = f"{mib} MiB" if mib % 1024 else f"{mib // 1024} GiB"
rows = []
for transport, s, o, c in [("tcp", s_tcp, o_tcp, c_tcp), ("unix", s_unix, o_unix, c_unix)]:
    rows.append({"case": f"{transport} {size}, vs nc.openbsd", "sockit_s": s, "peer_s": o, "ratio": s / o})
    rows.append({"case": f"{transport} {size}, vs socat", "sockit_s": s, "peer_s": c, "ratio": s / c})
    best = min(o, c)
    rows.append({"case": f"{transport} {size}, vs the faster peer", "sockit_s": s, "peer_s": best, "ratio": s / best})
rows.append({"case": f"sockit: unix time vs tcp time", "sockit_s": s_unix, "peer_s": s_tcp, "ratio": s_unix / s_tcp})
if mode == "--json":
    print(json.dumps({"unit": "seconds (median of %d)" % runs, "bytes": mib << 20, "rows": rows,
                      "throughput_MiBps": {"sockit_tcp": mib / s_tcp, "sockit_unix": mib / s_unix,
                                           "openbsd_tcp": mib / o_tcp, "openbsd_unix": mib / o_unix,
                                           "socat_tcp": mib / c_tcp, "socat_unix": mib / c_unix}}, indent=2))
    sys.exit(0)
print(f"{size} through loopback, same tool at both ends, median of {runs}; ratio = sockit time / peer time")
print(f"{'case':<34} | {'sockit':>8} | {'peer':>8} | ratio")
for r in rows:
    print(f"{r['case']:<34} | {r['sockit_s']:>7.3f}s | {r['peer_s']:>7.3f}s | {r['ratio']:.2f}x")
print(f"throughput MiB/s: sockit tcp {mib / s_tcp:.0f}, unix {mib / s_unix:.0f} (unix/tcp = {s_tcp / s_unix:.2f}x); "
      f"nc.openbsd tcp {mib / o_tcp:.0f}, unix {mib / o_unix:.0f}; socat tcp {mib / c_tcp:.0f}, unix {mib / c_unix:.0f}")
PY
