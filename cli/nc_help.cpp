// SPDX-License-Identifier: MIT
// `sockit nc -h`: the help text (usage, every flag, an example).
#include "nc_options.hpp"

namespace sockit::cli {

std::string nc_help() {
    return R"(sockit nc - arbitrary TCP, UDP and Unix-socket connections and listeners (OpenBSD nc's flags)

Usage: sockit nc [-46bCdhklNnrUuvz] [-c CMD] [-e CMD] [-I len] [-i secs] [-O len] [-p port]
                 [-q secs] [-s addr] [-w secs] [--no-shutdown] [destination] [port...]

  -4 / -6        IPv4 / IPv6 only
  -b             allow broadcast (UDP)
  -C             send CRLF as line ending (LF not already after CR becomes CR LF)
  -c, --sh-exec CMD  run CMD with /bin/sh -c, the connection as its stdin and stdout
  -d             do not read stdin
  -e, --exec CMD     run CMD (split on blanks, no shell), the connection as its stdin and stdout
  -h, --help     this text
  -I len / -O len    TCP receive / send buffer size (bytes)
  -i secs        wait secs between lines sent and between chunks received
  -k             with -l: serve another client after each one (UDP: unconnected, answers each sender)
  -l             listen: -l [addr] port, or -l -p port [-s addr]; no address: both IPv6 and IPv4
  -N             shutdown(2) the socket after stdin EOF (the default here; accepted for scripts)
  -n             numeric addresses only, no DNS
  -p port        source port (with -l: the port to listen on)
  -q secs        after stdin EOF, wait at most secs for the peer, then quit (negative: no bound)
  -r             scan ports in random order
  -s addr        source address (with -U -u: the local socket path that receives replies)
  -U             Unix-domain socket: destination is a path (@name: abstract namespace)
  -u             UDP (with -U: datagram socket); datagram boundaries are preserved
  -v             verbose: where it listens, who connected, scan results
  -w secs        connect timeout, and idle timeout of a connection (not of -l's wait)
  -z             scan: report listening ports (ranges 20-30 and lists 22,80 allowed), send nothing
  --no-shutdown  keep the write side open after stdin EOF

On stdin EOF the socket's write side is shut down and nc reads until the peer closes. Exit status:
0 on success, 1 on any error (as netcat's).

Example:
  sockit nc -lv 9000 > received.bin          # on one side
  sockit nc 127.0.0.1 9000 < file.bin        # on the other: exits once the transfer is done
  sockit nc -zv 127.0.0.1 20-30,80
)";
}

}  // namespace sockit::cli
