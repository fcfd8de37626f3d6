#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `import sockit` benchmark (bench/python_sockit.py): per-call addresses and predicates vs ipaddress,
# parse_addresses/classify of 1,000,000 strings, decode_pcap of 100,000 packets vs dpkt and scapy. One
# run; prints ratios. Env: SOCKIT_BUILD_DIR (holds python/sockit), BENCH_SMOKE=1 for a quick run,
# BENCH_DIR for the generated capture (default: $SOCKIT_BUILD_DIR/bench-data).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKIT_BUILD_DIR:-$top/build/release}
data=${BENCH_DIR:-$build/bench-data}
if [ ! -f "$build/python/sockit/__init__.py" ]; then
  echo "python.sh: $build/python/sockit not built (cmake --build $build --target sockit_python)" >&2
  exit 69
fi
/usr/bin/python3 -c 'import dpkt, scapy' 2>/dev/null || { echo "python.sh: dpkt or scapy missing (scripts/install-deps)" >&2; exit 69; }
mkdir -p "$data"
if [ "${BENCH_SMOKE:-0}" = 1 ]; then packets=2000; addresses=20000; else packets=100000; addresses=1000000; fi
pcap=$data/mixed-$packets.pcap
[ -s "$pcap" ] || /usr/bin/python3 "$top/bench/gen_pcap.py" "$pcap" "$packets" 2>/dev/null
echo "python: sockit module vs ipaddress, dpkt, scapy; $addresses addresses, $packets packets"
PYTHONPATH=$build/python /usr/bin/python3 "$top/bench/python_sockit.py" "$pcap" "$addresses"
