#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `sockit dns --batch` vs `dig -f` on the same name lists, answers checked equal (sorted record sets: name,
# type, data), as `case | sockit | peer | ratio` with ratio = dig's time / sockit's (higher is better; the
# target is >= 20). Each row also gives the server's CPU time during each tool's run and the ceiling it
# sets: a client that cost nothing could at best finish in server CPU / cores, so no client can beat dig by
# more than dig's time / that. Two cases:
#   1. 10,000 names (5% NXDOMAIN) against NSD started here on 127.0.0.1 (private config and zone in a temp
#      dir, free high port, one server process per core, response rate limiting off): both tools share the
#      machine's cores with NSD.
#   2. 2,000 of them against a fake server (Python asyncio, 127.0.0.1) answering each query after 5 ms,
#      as a server a few milliseconds away would: dig -f waits once per name, sockit once per window.
# Usage: bench/dns.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (1,000 names),
#        DNS_BENCH_NAMES (count override), DNS_BENCH_IN_FLIGHT (sockit --in-flight, default 100),
#        DNS_BENCH_DELAY_MS (case 2's delay, default 5).
set -euo pipefail
# shellcheck source=lib.bash source-path=SCRIPTDIR
source "$(dirname "$0")/lib.bash"
need_tools nsd dig timeout
json=0
[ "${1:-}" = --json ] && json=1
names=${DNS_BENCH_NAMES:-10000}
[ "${BENCH_SMOKE:-0}" = 1 ] && names=${DNS_BENCH_NAMES:-1000}
in_flight=${DNS_BENCH_IN_FLIGHT:-100}
limit=600  # seconds any one process may run

nsd_pid=
far_pid=
bench_cleanup() {
  [ -n "$nsd_pid" ] && kill "$nsd_pid" 2>/dev/null && wait "$nsd_pid" 2>/dev/null || true
  [ -n "$far_pid" ] && kill "$far_pid" 2>/dev/null && wait "$far_pid" 2>/dev/null || true
}

# A port free for both UDP and TCP (NSD binds both; a port free for one only made it fail to start once).
port=$("$py" - <<'PY'
import socket
for _ in range(100):
    u, t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM), socket.socket()
    u.bind(("127.0.0.1", 0))
    try:
        t.bind(("127.0.0.1", u.getsockname()[1]))
    except OSError:
        continue
    print(u.getsockname()[1])
    break
PY
)
[ -n "$port" ] || { echo "dns.sh: no port free for both UDP and TCP" >&2; exit 69; }
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
  # Response rate limiting (on by default: 200 answers/s per /24) drops NXDOMAIN answers to a fast client,
  # which then waits out its timeout: the benchmark measures the clients, not the server's rate limiter.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
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
# server_cpu PID: nanoseconds that process and all its descendants (NSD forks its servers) have run.
server_cpu() {
  local all=$1 next=$1 total=0 p
  while next=$(for p in $next; do pgrep -P "$p"; done | tr '\n' ' ') && [ -n "${next// /}" ]; do
    all="$all $next"
  done
  for p in $all; do
    [ -r "/proc/$p/schedstat" ] && total=$((total + $(cut -d' ' -f1 "/proc/$p/schedstat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

rows=$work/rows.jsonl
: >"$rows"

# run_pair LABEL PORT NAMES_FILE COUNT SERVER_PID: times sockit --batch and dig -f on the same list against
# the server at 127.0.0.1:PORT, checks the answers are the same and appends a row to $rows.
run_pair() {
  local label=$1 p=$2 list=$3 count=$4 server=$5 t0 t1 t2 c0 c1 c2
  c0=$(server_cpu "$server")
  t0=$(now)
  timeout "$limit" "$sockit" dns --batch "$list" @127.0.0.1 -p "$p" --in-flight "$in_flight" \
    +timeout=2 +tries=3 >"$work/sockit.jsonl" || true
  t1=$(now)
  c1=$(server_cpu "$server")
  timeout "$limit" dig @127.0.0.1 -p "$p" -f "$list" +noall +answer +time=2 +tries=3 >"$work/dig.txt"
  t2=$(now)
  c2=$(server_cpu "$server")
  "$py" - "$work" "$count" "$t0" "$t1" "$t2" "$label" "$c0" "$c1" "$c2" "$(nproc)" >>"$rows" <<'PY'
import json, sys
work, n, t0, t1, t2, label = sys.argv[1:7]
c0, c1, c2, cores = (int(x) for x in sys.argv[7:11])
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
dig_errors = [x.strip() for x in open(f"{work}/dig.txt") if x.startswith(";;")]
# dig itself may lose a query on a loaded machine (it then prints an error line): where dig answered, the
# answers must agree, and what only sockit has must be explained by dig's own errors.
dig_missed = len(set(mine) - set(theirs)) if len(lines) == n and set(theirs) <= set(mine) and dig_errors else 0
if not ok and not dig_missed:
    only_mine = sorted(set(mine) - set(theirs))[:3]
    only_theirs = sorted(set(theirs) - set(mine))[:3]
    print(f"dns.sh: {label}: mismatch: {len(lines)} lines for {n} names, {len(mine)} vs {len(theirs)} records; "
          f"only sockit: {only_mine}; only dig: {only_theirs}; dig's error lines: {len(dig_errors)} "
          f"{dig_errors[:2]}", file=sys.stderr)
s, d = float(t1) - float(t0), float(t2) - float(t1)
server_s, server_d = (c1 - c0) / 1e9, (c2 - c1) / 1e9
floor = server_s / cores  # the shortest run a client costing nothing could have had
print(json.dumps({"case": label, "names": n, "sockit_s": round(s, 3), "dig_s": round(d, 3),
                  "ratio": round(d / s, 1) if s > 0 else None,
                  "server_cpu_s": {"sockit_run": round(server_s, 3), "dig_run": round(server_d, 3)},
                  "ceiling": round(d / floor, 1) if floor > 0 else None, "same_answers": ok, "dig_missed": dig_missed,
                  "dig_errors": dig_errors[:3], "records": len(mine), "statuses": statuses}))
PY
}

run_pair "$names names, NSD on loopback" "$port" "$work/names.txt" "$names" "$nsd_pid"

# The same exchange with distance: a fake server (Python asyncio) that answers every query after a fixed
# delay, as a server a few milliseconds away would. This is what concurrency is for: dig -f pays the delay
# once per name, sockit once per in-flight window.
delay_ms=${DNS_BENCH_DELAY_MS:-5}
far=$((names / 5))
[ "$far" -lt 200 ] && far=200
head -n "$far" "$work/names.txt" >"$work/far.txt"
"$py" - "$work/far.port" "$delay_ms" <<'PY' &
import asyncio, socket, struct, sys
port_file, delay = sys.argv[1], int(sys.argv[2]) / 1000.0

class Far(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.t = transport
        with open(port_file + ".tmp", "w") as f:
            f.write(str(transport.get_extra_info("sockname")[1]))
        import os
        os.rename(port_file + ".tmp", port_file)

    def datagram_received(self, data, peer):
        if len(data) < 12:
            return
        qid = data[:2]
        i = 12
        labels = []
        while i < len(data) and data[i] != 0:
            labels.append(data[i + 1:i + 1 + data[i]].decode("ascii", "replace"))
            i += data[i] + 1
        question = data[12:i + 5]
        n = int(labels[0][1:]) if labels and labels[0][1:].isdigit() else -1
        missing = n < 0 or n % 20 == 13
        flags = 0x8400 | (data[2] & 1) << 8 | (3 if missing else 0)
        out = qid + struct.pack(">HHHHH", flags, 1, 0 if missing else 1, 0, 0) + question
        if not missing:
            out += b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 300, 4) + bytes([10, n >> 16 & 255, n >> 8 & 255, n & 255])
        asyncio.get_running_loop().call_later(delay, self.t.sendto, out, peer)

async def main():
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)  # (capped by net.core.rmem_max)
    if hasattr(socket, "SO_RCVBUFFORCE"):
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUFFORCE, 8 << 20)  # root: past the cap
        except OSError:
            pass
    sock.bind(("127.0.0.1", 0))
    await loop.create_datagram_endpoint(Far, sock=sock)
    await asyncio.sleep(600)  # bounded: the bench kills it long before

asyncio.run(main())
PY
far_pid=$!
for ((i = 0; i < 100; i++)); do [ -s "$work/far.port" ] && break; sleep 0.1; done
run_pair "$far names, server $delay_ms ms away" "$(cat "$work/far.port")" "$work/far.txt" "$far" "$far_pid"
kill "$far_pid" 2>/dev/null || true
wait "$far_pid" 2>/dev/null || true
far_pid=

"$py" - "$rows" "$json" "$in_flight" "$(uptime)" <<'PY'
import json, sys
rows_file, as_json, in_flight, load = sys.argv[1:5]
rows = [json.loads(x) for x in open(rows_file)]
if as_json == "1":
    print(json.dumps({"in_flight": int(in_flight), "load": load.strip(), "cases": rows}))
else:
    print(f"load: {load.strip()}")
    print(f"{'case (sockit --in-flight ' + in_flight + ')':<36} | {'sockit':>9} | {'dig -f':>9} | ratio (dig/sockit)")
    for r in rows:
        print(f"{r['case']:<36} | {r['sockit_s']:8.3f}s | {r['dig_s']:8.3f}s | {r['ratio']}x  "
              f"({'same answers' if r['same_answers'] else 'dig missed %d: %s' % (r['dig_missed'], r['dig_errors'][:1]) if r['dig_missed'] else 'ANSWERS DIFFER'}, {r['records']} records, "
              f"{r['names'] / r['sockit_s']:.0f} vs {r['names'] / r['dig_s']:.0f} names/s)")
        c = r["server_cpu_s"]
        print(f"{'':<36}   server CPU {c['sockit_run']:.3f}s during sockit's run, {c['dig_run']:.3f}s during dig's; "
              f"ceiling for any client: {r['ceiling']}x")
sys.exit(0 if all(r["same_answers"] or r["dig_missed"] for r in rows) else 1)
PY
