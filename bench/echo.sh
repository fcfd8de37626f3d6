#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Echo round trips per second (RFC 862, 64-byte messages), one load generator for every server: `sockit bench echo`.
# (1) every `sockit serve --model` at 1, 10, 100 and 1,000 connections, plotted into docs/echo-models.png;
# (2) at 100 connections, sockit (reactors, epoll) against xinetd's internal echo, a Python asyncio echo server
#     (bench/echo_asyncio.py) and a minimal C epoll server (bench/echo_server.c, the "nothing but syscalls"
#     reference): `case | sockit | peer | ratio` with the targets >= 2x xinetd, >= 1.2x asyncio, >= 0.95x C.
# Usage: bench/echo.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (quick pass, no
#        plot), ECHO_BENCH_SECONDS (measured seconds per case, default 3), ECHO_BENCH_RUNS (runs per case of
#        part 2, median reported, default 3), ECHO_BENCH_PLOT (PNG path, default docs/echo-models.png; empty: none),
#        ECHO_BENCH_JSON (also write the whole JSON document there).
# Each new server gets one unmeasured session of the same load first (see load()). The client and the server
# share the machine's cores (nothing is pinned), as they would on one small host; a
# model that cannot serve 1,000 clients at once (uniplex serves one at a time) shows its figure and how many
# connections stalled, never hidden. xinetd needs root; without it that column says so.
set -euo pipefail
# shellcheck source=lib.bash source-path=SCRIPTDIR
source "$(dirname "$0")/lib.bash"
need_tools cc setsid ss timeout

seconds=${ECHO_BENCH_SECONDS:-3}
runs=${ECHO_BENCH_RUNS:-3}
warmup=0.5        # seconds of load before each measurement
server_warmup=1   # seconds of the unmeasured session each new server gets first
conn_counts=(1 10 100 1000)
plot=${ECHO_BENCH_PLOT-$top/docs/echo-models.png}
if [ "${BENCH_SMOKE:-0}" = 1 ]; then
  seconds=${ECHO_BENCH_SECONDS:-0.3}; runs=1; warmup=0.1; server_warmup=0.2; conn_counts=(1 100); plot=${ECHO_BENCH_PLOT:-}
fi
models=(uniplex fork thread pool poll epoll reactors)

# start_server CMD...: starts a server that prints its port (a bare number, or sockit's "listening on" line)
# as its first output line; sets server_pid and port (waits at most 10 s).
start_server() {
  : >"$work/server.out"
  setsid "$@" >"$work/server.out" 2>"$work/server.err" </dev/null &
  server_pid=$!
  local i line
  for ((i = 0; i < 1000; i++)); do
    line=$(head -n1 "$work/server.out")
    if [[ $line =~ ^listening\ on\ 127\.0\.0\.1:([0-9]+) ]]; then port=${BASH_REMATCH[1]}; return 0; fi
    if [[ $line =~ ^([0-9]+)$ ]]; then port=${BASH_REMATCH[1]}; return 0; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.01
  done
  echo "$me: $* did not start: $(cat "$work/server.err")" >&2
  return 1
}

# start_xinetd: xinetd's internal TCP echo on a free port, with its connection-rate guard (cps) lifted.
start_xinetd() {
  port=$(free_port)
  cat >"$work/xinetd.conf" <<EOF
defaults
{
    log_type  = FILE $work/xinetd-services.log
    instances = UNLIMITED
    per_source = UNLIMITED
    cps       = 100000 1
}
service echo
{
    type        = INTERNAL UNLISTED
    id          = echo-stream
    socket_type = stream
    protocol    = tcp
    user        = root
    wait        = no
    bind        = 127.0.0.1
    port        = $port
}
EOF
  setsid xinetd -dontfork -f "$work/xinetd.conf" -filelog "$work/xinetd.log" -pidfile "$work/xinetd.pid" \
    >/dev/null 2>"$work/server.err" </dev/null &
  server_pid=$!
  wait_listening "$port"
}

# load NAME CONNS: runs the load generator against 127.0.0.1:$port; writes $work/NAME.json (with its exit code).
# Every server first gets one unmeasured session of the same load: a fresh Python asyncio server is ten times
# slower in its first session than in the next ones, and steady state is what is compared.
load() {
  local name=$1 conns=$2 rc=0
  timeout 120 "$sockit" bench echo 127.0.0.1 "$port" -c "$conns" -s 64 -d "$server_warmup" --connect-timeout 10 \
    >/dev/null 2>&1 || true
  timeout 120 "$sockit" bench echo 127.0.0.1 "$port" -c "$conns" -s 64 -d "$seconds" --warmup "$warmup" \
    --connect-timeout 10 --json >"$work/$name.out" 2>"$work/$name.err" || rc=$?
  "$py" - "$work/$name.out" "$work/$name.err" "$rc" >"$work/$name.json" <<'PY'
import json, sys
try:
    doc = json.load(open(sys.argv[1]))
except ValueError:
    doc = {"round_trips_per_s": None}
doc["exit"] = int(sys.argv[3])
doc["stderr"] = open(sys.argv[2]).read().strip()
print(json.dumps(doc))
PY
}

# ---- (1) every model at every connection count -------------------------------------------------------
for model in "${models[@]}"; do
  for c in "${conn_counts[@]}"; do
    # A fresh server per case: what one case leaves behind (a uniplex queue, forked children) cannot weigh on the next.
    start_server "$sockit" serve echo/tcp=127.0.0.1:0 --model "$model" --max-conns 4096 --idle-timeout 0 --grace 1
    load "model-$model-$c" "$c"
    stop_server
  done
done

# ---- (2) at 100 connections: sockit against the peers ------------------------------------------------
cc -O2 -o "$work/echo_server" "$top/bench/echo_server.c"
have_xinetd=0
if [ "$(id -u)" = 0 ] && command -v xinetd >/dev/null; then have_xinetd=1; fi
peers=(sockit-reactors sockit-epoll asyncio c)
[ $have_xinetd = 1 ] && peers+=(xinetd)
for ((r = 0; r < runs; r++)); do
  for who in "${peers[@]}"; do  # interleaved, so that a burst of load elsewhere hits every server alike
    case $who in
      sockit-reactors) start_server "$sockit" serve echo/tcp=127.0.0.1:0 --model reactors --max-conns 4096 --idle-timeout 0 --grace 1 ;;
      sockit-epoll) start_server "$sockit" serve echo/tcp=127.0.0.1:0 --model epoll --max-conns 4096 --idle-timeout 0 --grace 1 ;;
      asyncio) start_server "$py" "$top/bench/echo_asyncio.py" 0 ;;
      c) start_server "$work/echo_server" 0 ;;
      xinetd) start_xinetd ;;
    esac
    load "peer-$who-$r" 100
    stop_server
  done
done

load_avg=$(cut -d' ' -f1-3 /proc/loadavg)
"$py" - "$work" "${1:-}" "$seconds" "$runs" "$load_avg" "$plot" "${ECHO_BENCH_JSON:-}" "$top" \
  "${models[*]}" "${conn_counts[*]}" "${peers[*]}" <<'PY'
import json, os, statistics, subprocess, sys
work, mode, seconds, runs, load_avg, plot, json_out, top = sys.argv[1:9]
models, counts, peers = sys.argv[9].split(), [int(c) for c in sys.argv[10].split()], sys.argv[11].split()
runs = int(runs)

def read(name):
    return json.load(open(os.path.join(work, name + ".json")))

doc = {"unit": "echo round trips per second (64-byte messages)", "seconds": float(seconds),
       "load_average": load_avg, "cpus": os.cpu_count(), "models": {}, "peers": {}, "rows": []}
for m in models:
    doc["models"][m] = {str(c): read(f"model-{m}-{c}") for c in counts}
for p in peers:
    runs_of = [read(f"peer-{p}-{r}") for r in range(runs)]
    rates = [x["round_trips_per_s"] for x in runs_of if x.get("round_trips_per_s") is not None]
    doc["peers"][p] = {"runs": runs_of, "median_round_trips_per_s": statistics.median(rates) if rates else None}

targets = {"xinetd": 2.0, "asyncio": 1.2, "c": 0.95}
names = {"xinetd": "xinetd internal echo", "asyncio": "Python asyncio", "c": "minimal C epoll server"}
for s in ("sockit-reactors", "sockit-epoll"):
    for p in ("xinetd", "asyncio", "c"):
        sv = doc["peers"].get(s, {}).get("median_round_trips_per_s")
        pv = doc["peers"].get(p, {}).get("median_round_trips_per_s")
        doc["rows"].append({"case": f"100 conns: {s.split('-')[1]} vs {names[p]}", "sockit": sv, "peer": pv,
                            "ratio": (sv / pv) if sv and pv else None, "target": targets[p]})

if plot:
    subprocess.run([sys.executable, os.path.join(top, "bench", "plot_echo.py"), "-", plot],
                   input=json.dumps(doc), text=True, check=True)
    doc["plot"] = plot
if json_out:
    with open(json_out, "w") as f:
        json.dump(doc, f, indent=2)
if mode == "--json":
    print(json.dumps(doc, indent=2))
    sys.exit(0)

def rate(x):
    v = x.get("round_trips_per_s")
    return "n/a" if v is None else f"{v:,.0f}"

def note(x):
    bits = []
    if x.get("stalled"): bits.append(f"{x['stalled']} stalled")
    if x.get("failed"): bits.append(f"{x['failed']} failed")
    if x.get("errors"): bits.append(f"{x['errors']} errors")
    if x.get("round_trips_per_s") is None: bits.append(x.get("stderr") or f"exit {x.get('exit')}")
    return " (" + ", ".join(bits) + ")" if bits else ""

print(f"(1) echo round trips/s per model, 64-byte messages, {seconds} s each; load average {load_avg}; "
      f"client and server share {os.cpu_count()} cores")
w = 30
print(f"{'model':<10} | " + " | ".join(f"{str(c) + ' conns':>{w}}" for c in counts))
for m in models:
    cells = []
    for c in counts:
        x = doc["models"][m][str(c)]
        cells.append(f"{rate(x) + note(x):>{w}}")
    print(f"{m:<10} | " + " | ".join(cells))
print()
print(f"(2) at 100 connections, median of {runs} run(s); ratio = sockit round trips/s / peer's (higher is better)")
print(f"{'case':<46} | {'sockit':>9} | {'peer':>9} | {'ratio':>6} | target")
for r in doc["rows"]:
    s = "n/a" if r["sockit"] is None else f"{r['sockit']:,.0f}"
    p = "n/a" if r["peer"] is None else f"{r['peer']:,.0f}"
    ratio = "n/a" if r["ratio"] is None else f"{r['ratio']:.2f}x"
    met = "" if r["ratio"] is None else (" met" if r["ratio"] >= r["target"] else " MISSED")
    print(f"{r['case']:<46} | {s:>9} | {p:>9} | {ratio:>6} | >= {r['target']}x{met}")
if "xinetd" not in peers:
    print("xinetd: not measured (needs root and xinetd installed)")
for p in peers:
    lat = [x.get("latency_us", {}).get("p99") for x in doc["peers"][p]["runs"]]
    bad = [note(x) for x in doc["peers"][p]["runs"] if note(x)]
    extra = f"; {'; '.join(bad)}" if bad else ""
    print(f"  {p}: runs {', '.join(rate(x) for x in doc['peers'][p]['runs'])} round trips/s, p99 latency "
          f"{', '.join('n/a' if v is None else f'{v:.0f} µs' for v in lat)}{extra}")
if plot:
    print(f"plot: {plot}")
PY
