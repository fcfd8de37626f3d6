# SPDX-License-Identifier: MIT
# Shared by the benchmark scripts that start servers (bench/discard.sh, echo.sh, dns.sh, http.sh, nc.sh);
# sourced, not run (not named *.sh: bench/run-all runs every bench/*.sh).
# Sets top, build (SOCKIT_BUILD_DIR, default build/release), sockit, py and me (the script's name, for
# messages); makes the work directory $work (unless the script set one before sourcing, e.g. in /dev/shm)
# and, on exit, stops the server, calls bench_cleanup (a script that starts other processes redefines it
# after sourcing) and removes $work.
# stop_server's server: its process-group id in $server_pid (started under setsid), its stderr in
# $work/server.err.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SOCKIT_BUILD_DIR:-$top/build/release}
sockit=$build/sockit
py=/usr/bin/python3
me=$(basename "$0")

# need_tools TOOL...: exits 69 unless sockit is built and every TOOL is installed.
need_tools() {
  [ -x "$sockit" ] || { echo "$me: $sockit not built (cmake --build $build --target sockit)" >&2; exit 69; }
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$me: $tool is not installed (scripts/install-deps)" >&2; exit 69; }
  done
}

work=${work:-$(mktemp -d)}
server_pid=
# stop_server: ends the server's process group (each server is started under setsid, so what it forked, the
# fork model's children or xinetd's, goes too): SIGTERM, up to 5 s to exit, then SIGKILL.
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do kill -0 -- "-$server_pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
bench_cleanup() { :; }
trap 'stop_server; bench_cleanup; rm -rf "$work"' EXIT

free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_listening PORT|PATH: waits (at most 10 s) until a TCP socket listens on PORT, or a Unix socket on the
# absolute PATH; fails early when the server in $server_pid (if set) exits.
wait_listening() {
  local i
  for ((i = 0; i < 1000; i++)); do
    if [[ $1 == /* ]]; then
      grep -q " $1\$" /proc/net/unix && return 0
    else
      ss -Hltn "sport = :$1" | grep -q . && return 0
    fi
    [ -z "$server_pid" ] || kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.01
  done
  echo "$me: nothing listens on $1: $(cat "$work/server.err" 2>/dev/null)" >&2
  return 1
}
