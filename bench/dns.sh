#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `sockit dns --batch` vs `dig -f`: the same 10,000 names (5% NXDOMAIN) against one NSD started here on
# 127.0.0.1 (private config and zone in a temp dir, free high port, one NSD server process per core),
# answers checked equal (sorted record
# sets: name, type, data), then `case | sockit | peer | ratio` with ratio = dig's time / sockit's (higher is
# better; the target is >= 20).
# Usage: bench/dns.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (1,000 names),
#        DNS_BENCH_NAMES (count override), DNS_BENCH_IN_FLIGHT (sockit --in-flight, default 100).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKIT_BUILD_DIR:-$top/build/release}
sockit=$build/sockit
json=0
[ "${1:-}" = --json ] && json=1
[ -x "$sockit" ] || { echo "dns.sh: $sockit not built (cmake --build $build --target sockit)" >&2; exit 69; }
for tool in nsd dig timeout; do
  command -v "$tool" >/dev/null || { echo "dns.sh: $tool is not installed (scripts/install-deps)" >&2; exit 69; }
done
py=/usr/bin/python3
names=${DNS_BENCH_NAMES:-10000}
[ "${BENCH_SMOKE:-0}" = 1 ] && names=${DNS_BENCH_NAMES:-1000}
in_flight=${DNS_BENCH_IN_FLIGHT:-100}
limit=600  # seconds any one process may run

work=$(mktemp -d)
nsd_pid=
cleanup() {
  [ -n "$nsd_pid" ] && kill "$nsd_pid" 2>/dev/null && wait "$nsd_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$("$py" -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$py" - "$work" "$names" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/bench.zone", "w") as z:
    z.write("$ORIGIN bench.sockit.\n$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\n"
            "ns1 IN A 127.0.0.1\n")
    for i in range(n):
        if i % 20 != 13:
            z.write(f"h{i} IN A 10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}\n")
            if i % 50 == 0:
                z.write(f"h{i} IN A 10.200.{i >> 8 & 255}.{i & 255}\n")
with open(f"{work}/names.txt", "w") as f:
    for i in range(n):
        f.write(f"h{i}.bench.sockit A\n")  # i % 20 == 13: not in the zone (NXDOMAIN)
PY
user=""
[ "$(id -u)" = 0 ] && user='username: ""'
cat >"$work/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$port
  $user
  chroot: ""
  zonesdir: "$work"
  database: ""
  zonelistfile: "$work/zone.list"
  xfrdfile: "$work/xfrd.state"
  xfrdir: "$work"
  pidfile: "$work/nsd.pid"
  logfile: "$work/nsd.log"
  server-count: $(nproc)
  reuseport: yes
  verbosity: 0
remote-control:
  control-enable: no
zone:
  name: bench.sockit
  zonefile: bench.zone
CONF
timeout "$limit" nsd -d -c "$work/nsd.conf" >/dev/null 2>&1 &
nsd_pid=$!
for ((i = 0; i < 200; i++)); do
  [ "$(dig @127.0.0.1 -p "$port" h0.bench.sockit +short +time=1 +tries=1 2>/dev/null | head -1)" = 10.0.0.0 ] && break
  sleep 0.1
done
[ $i -lt 200 ] || { echo "dns.sh: nsd did not start: $(cat "$work/nsd.log" 2>/dev/null)" >&2; exit 69; }

now() { date +%s.%N; }
t0=$(now)
${DNS_BENCH_WRAP:-} timeout "$limit" "$sockit" dns --batch "$work/names.txt" @127.0.0.1 -p "$port" --in-flight "$in_flight" \
  +timeout=2 +tries=3 >"$work/sockit.jsonl" || true
t1=$(now)
timeout "$limit" dig @127.0.0.1 -p "$port" -f "$work/names.txt" +noall +answer +time=2 +tries=3 >"$work/dig.txt"
t2=$(now)

# Same answers: sorted (name, type, data) of every answer record; every input line answered.
"$py" - "$work" "$names" "$t0" "$t1" "$t2" "$json" "$in_flight" "$(uptime)" <<'PY'
import json, sys
work, n, t0, t1, t2, as_json, in_flight, load = sys.argv[1:9]
n = int(n)
lines = [json.loads(x) for x in open(f"{work}/sockit.jsonl")]
mine = sorted((r["name"].lower(), r["type"], r["data"]) for o in lines for r in o["answers"])
theirs = []
for x in open(f"{work}/dig.txt"):
    if x.strip() and not x.startswith(";"):
        p = x.split()
        theirs.append((p[0].lower(), p[3], " ".join(p[4:])))
theirs.sort()
statuses = {}
for o in lines:
    statuses[o["status"]] = statuses.get(o["status"], 0) + 1
ok = len(lines) == n and mine == theirs
sockit_s, dig_s = float(t1) - float(t0), float(t2) - float(t1)
ratio = dig_s / sockit_s if sockit_s > 0 else float("inf")
if as_json == "1":
    print(json.dumps({"case": f"{n} names, A, in-flight {in_flight}", "sockit_s": round(sockit_s, 3),
                      "dig_s": round(dig_s, 3), "ratio": round(ratio, 1), "same_answers": ok,
                      "statuses": statuses, "load": load.strip()}))
else:
    print(f"load: {load.strip()}")
    print(f"{'case':<34} | {'sockit':>9} | {'dig -f':>9} | ratio (dig/sockit)")
    print(f"{f'{n} names, A, in-flight {in_flight}':<34} | {sockit_s:8.3f}s | {dig_s:8.3f}s | {ratio:.1f}x")
    print(f"queries/s: sockit {n / sockit_s:.0f}, dig {n / dig_s:.0f}; statuses {statuses}; "
          f"answers {'identical' if ok else 'DIFFER'} ({len(mine)} records)")
if not ok:
    only_mine = sorted(set(mine) - set(theirs))[:3]
    only_theirs = sorted(set(theirs) - set(mine))[:3]
    dig_errors = [x.strip() for x in open(f"{work}/dig.txt") if x.startswith(";;")]
    print(f"dns.sh: mismatch: {len(lines)} lines for {n} names, {len(mine)} vs {len(theirs)} records; "
          f"only sockit: {only_mine}; only dig: {only_theirs}; dig's error lines: {len(dig_errors)} "
          f"{dig_errors[:2]}", file=sys.stderr)
    sys.exit(1)
PY
