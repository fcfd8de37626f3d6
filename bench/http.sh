#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `sockit http serve` vs nginx: requests per second with wrk on the same 1 KiB and 1 MiB files, both
# servers on 127.0.0.1 with the same number of workers (nginx: its own temp config on a free high port,
# access_log off, sendfile on; sockit: --quiet, reactors model).
# Usage: bench/http.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (2 s per case),
#        HTTP_BENCH_SECONDS (per case, default 10), HTTP_BENCH_WORKERS (default: number of cores),
#        HTTP_BENCH_CONNS (default 100), HTTP_BENCH_THREADS (wrk threads, default 2).
# Prints `case | sockit | peer | ratio` where the figures are req/s and ratio = sockit / nginx (higher is
# better; targets: >= 1.2 on 1 KiB, >= 1.0 on 1 MiB), and the load average before and after.
set -euo pipefail
work=$(mktemp -d /dev/shm/sockit-http-bench.XXXXXX 2>/dev/null || mktemp -d)
# shellcheck source=lib.bash source-path=SCRIPTDIR
source "$(dirname "$0")/lib.bash"
need_tools nginx wrk timeout ss
mode=${1:-}

secs=${HTTP_BENCH_SECONDS:-10}
[ "${BENCH_SMOKE:-0}" = 1 ] && secs=${HTTP_BENCH_SECONDS:-2}
workers=${HTTP_BENCH_WORKERS:-$(nproc)}
conns=${HTTP_BENCH_CONNS:-100}
threads=${HTTP_BENCH_THREADS:-2}
limit=$((secs * 4 + 60))  # seconds any server may live (timeout(1)); wrk stops itself after $secs

pids=()  # both servers
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
chmod 755 "$work"  # nginx's workers may run as another user
www=$work/www
mkdir -p "$www" "$work/nginx-tmp"
head -c 1024 /dev/urandom >"$www/1k.bin"
head -c $((1 << 20)) /dev/urandom >"$www/1m.bin"
chmod -R a+rX "$www"

# wrk against URL $1: prints requests per second (fails when wrk saw errors other than none).
measure() {
  local out rps
  out=$(timeout $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
    echo "http.sh: wrk reported errors against $1:" >&2
    grep "Non-2xx\|Socket errors" <<<"$out" >&2
  fi
  echo "${rps:-0}"
}

sport=$(free_port)
timeout "$limit" "$sockit" http serve "$www" --bind 127.0.0.1 --port "$sport" --quiet --model reactors \
  --workers "$workers" --max-conns 10000 >/dev/null &
pids+=($!)

nport=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes $workers;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  client_body_temp_path $work/nginx-tmp/body;
  proxy_temp_path $work/nginx-tmp/proxy;
  fastcgi_temp_path $work/nginx-tmp/fastcgi;
  uwsgi_temp_path $work/nginx-tmp/uwsgi;
  scgi_temp_path $work/nginx-tmp/scgi;
  server {
    listen 127.0.0.1:$nport;
    root $www;
  }
}
CONF
timeout "$limit" nginx -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" &
pids+=($!)
wait_listening "$sport"
wait_listening "$nport"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for f in 1k.bin 1m.bin; do
  s=$(measure "http://127.0.0.1:$sport/$f")
  n=$(measure "http://127.0.0.1:$nport/$f")
  rows+=("$f $s $n")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

"$py" - "$mode" "$secs" "$workers" "$conns" "$threads" "$load_before" "$load_after" "${rows[@]}" <<'PY'
import json, sys
mode, secs, workers, conns, threads, before, after = sys.argv[1:8]
rows = []
for r in sys.argv[8:]:
    name, s, n = r.split()
    s, n = float(s), float(n)
    rows.append({"case": f"GET {name}", "sockit": s, "peer": n, "ratio": s / n if n else None})
if mode == "--json":
    print(json.dumps({"unit": "requests/s", "peer": "nginx", "seconds": int(secs), "workers": int(workers),
                      "connections": int(conns), "wrk_threads": int(threads), "load_before": before,
                      "load_after": after, "rows": rows}, indent=2))
else:
    print(f"wrk -t{threads} -c{conns} -d{secs}s; {workers} workers each; load before {before}, after {after}")
    print(f"{'case':<12} | {'sockit':>10} | {'nginx':>10} | ratio")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(f"{r['case']:<12} | {r['sockit']:>10.0f} | {r['peer']:>10.0f} | {ratio}")
PY
