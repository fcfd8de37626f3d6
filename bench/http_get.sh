#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `sockit http get` vs `curl -s` against nginx on loopback (nginx started with tests/support/nginx_fixture.py):
# one large download to /dev/null (a sparse file, sent with sendfile) and many small requests in a loop, each
# one process and one connection, as a script would run them.
# Usage: bench/http_get.sh [--json]   env: SOCKIT_BUILD_DIR (default build/release), BENCH_SMOKE=1 (quick),
#        HTTP_BENCH_MIB (download size, default 1024), HTTP_BENCH_SMALL (small requests, default 500),
#        HTTP_BENCH_RUNS (runs per case, default 3; the median is reported).
# Prints `case | sockit | peer | ratio`, ratio = sockit's time / curl's time (lower is better), and the load.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKIT_BUILD_DIR:-$top/build/release}
sockit=$build/sockit
[ -x "$sockit" ] || { echo "http_get.sh: $sockit not built (cmake --build $build --target sockit)" >&2; exit 69; }
for tool in curl nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] ||
    { echo "http_get.sh: $tool is not installed (scripts/install-deps)" >&2; exit 69; }
done
mib=${HTTP_BENCH_MIB:-1024}
small=${HTTP_BENCH_SMALL:-500}
runs=${HTTP_BENCH_RUNS:-3}
if [ "${BENCH_SMOKE:-0}" = 1 ]; then mib=${HTTP_BENCH_MIB:-64}; small=${HTTP_BENCH_SMALL:-20}; runs=1; fi
json=0
[ "${1:-}" = --json ] && json=1

SOCKIT_BIN=$sockit MIB=$mib SMALL=$small RUNS=$runs JSON=$json PYTHONPATH=$top/tests/support \
  timeout 900 /usr/bin/python3 - <<'PY'
import json, os, shutil, statistics, subprocess, tempfile, time
from nginx_fixture import Nginx

sockit, mib, small, runs = os.environ["SOCKIT_BIN"], int(os.environ["MIB"]), int(os.environ["SMALL"]), int(os.environ["RUNS"])
tmp = tempfile.mkdtemp(prefix="sockit-http-bench-")
try:
    with open(os.path.join(tmp, "big.bin"), "wb") as f:
        f.truncate(mib << 20)
    with open(os.path.join(tmp, "small.txt"), "wb") as f:
        f.write(os.urandom(1024))
    tools = {"sockit": [sockit, "http", "get", "-o", "/dev/null"], "curl": ["curl", "-s", "-o", "/dev/null"]}

    def once(cmd, url, count=1):
        start = time.monotonic()
        for _ in range(count):
            subprocess.run(cmd + [url], check=True, timeout=300)
        return time.monotonic() - start

    rows = []
    with Nginx(tmp) as ng:
        cases = [(f"download {mib} MiB", ng.url("/big.bin"), 1),
                 (f"{small} small requests (1 KiB)", ng.url("/small.txt"), small)]
        for name, url, count in cases:
            times = {t: [] for t in tools}
            for cmd in tools.values():  # warm-up: nginx's first sendfile of the file, the binaries' pages
                once(cmd, url)
            for _ in range(runs):
                for t, cmd in tools.items():  # alternate, so that drifting load hits both
                    times[t].append(once(cmd, url, count))
            s, c = statistics.median(times["sockit"]), statistics.median(times["curl"])
            rows.append({"case": name, "sockit_s": round(s, 3), "curl_s": round(c, 3), "ratio": round(s / c, 2)})
    load = open("/proc/loadavg").read().split()[:3]
    if os.environ["JSON"] == "1":
        print(json.dumps({"rows": rows, "load": load, "runs": runs}, indent=2))
    else:
        w = max(len(r["case"]) for r in rows)
        print(f"{'case':<{w}} | {'sockit':>8} | {'curl':>8} | ratio")
        for r in rows:
            print(f"{r['case']:<{w}} | {r['sockit_s']:>7.3f}s | {r['curl_s']:>7.3f}s | {r['ratio']:.2f}")
        print(f"(median of {runs}; ratio = sockit / curl, lower is better; load average {' '.join(load)})")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
PY
