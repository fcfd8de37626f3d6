#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Decode benchmark: a generated pcap of 1,000,000 mixed packets decoded to /dev/null by `sockit decode` and
# by tcpdump (-nn, then -nn -v), and a smaller one in JSON against `tshark -T json`; checksum rate from
# bench_checksum. Prints `case | sockit | peer | ratio` (packets per CPU second; ratio = sockit / peer).
# Env: SOCKIT_BUILD_DIR (holds sockit and bench/bench_checksum), BENCH_SMOKE=1 for a quick run,
# BENCH_DIR for the generated files (default: $SOCKIT_BUILD_DIR/bench-data).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKIT_BUILD_DIR:-$top/build/release}
sockit=$build/sockit
data=${BENCH_DIR:-$build/bench-data}
mkdir -p "$data"
export TZ=UTC  # tcpdump otherwise spends most of its time converting to local time
if [ "${BENCH_SMOKE:-0}" = 1 ]; then n=20000; n_json=2000; else n=1000000; n_json=50000; fi
big=$data/mixed-$n.pcap
small=$data/mixed-$n_json.pcap
[ -s "$big" ] || /usr/bin/python3 "$top/bench/gen_pcap.py" "$big" "$n" 2>/dev/null
[ -s "$small" ] || /usr/bin/python3 "$top/bench/gen_pcap.py" "$small" "$n_json" 2>/dev/null

# CPU seconds (user + system) of a command, its output to /dev/null. CPU time rather than wall time:
# the machines are shared and wall time swings with everyone else's load; both tools do the same I/O.
seconds() {
  /usr/bin/python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{max(r.ru_utime + r.ru_stime, 1e-6):.6f}")
PY
}
rate() { echo "$1 / $2" | bc -l; }
row() {  # case, packets, sockit seconds, peer seconds
  local a b
  a=$(rate "$2" "$3")
  b=$(rate "$2" "$4")
  printf '%-26s | %12.0f | %12.0f | %6.1fx\n' "$1" "$a" "$b" "$(echo "$a / $b" | bc -l)"
}

echo "decode: $n packets ($(du -hL "$big" | cut -f1)), JSON on $n_json; packets per CPU second (user+sys)"
printf '%-26s | %12s | %12s | %7s\n' case sockit peer ratio
row "text vs tcpdump -nn" "$n" "$(seconds "$sockit" decode "$big")" "$(seconds tcpdump -nn -r "$big")"
row "-v vs tcpdump -nn -v" "$n" "$(seconds "$sockit" decode -v "$big")" "$(seconds tcpdump -nn -v -r "$big")"
row "json vs tshark -T json" "$n_json" "$(seconds "$sockit" decode --json "$small")" \
  "$(seconds tshark -n -T json -r "$small")"

if [ -x "$build/bench/bench_checksum" ]; then
  min_time=0.5
  [ "${BENCH_SMOKE:-0}" = 1 ] && min_time=0.05
  "$build/bench/bench_checksum" --benchmark_min_time="$min_time" --benchmark_filter='1500' 2>/dev/null |
    awk '/bytes_per_second|BM_/ {print "checksum: " $0}'
fi
