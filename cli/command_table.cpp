// SPDX-License-Identifier: MIT
// The table of `sockit` subcommands: name, one-line summary for `sockit --help`, entry point; sorted by name.
#include <algorithm>

#include "command.hpp"
#include "commands.hpp"

namespace sockit::cli {
namespace {

constexpr command table[] = {
    {"addr", "an IP address in every form, and its classes", run_addr},
    {"bench discard", "send one TCP stream to a discard server: bytes and Gbit/s, as iperf3 does",
     run_bench_discard},
    {"bench echo", "load a TCP echo server: round trips/s and latency over many connections", run_bench_echo},
    {"build", "build packets from a layer stack (pcap, hex, or send)", run_build},
    {"capture", "capture packets live with libpcap (root), printed like decode or written with -w",
     run_capture},
    {"decode", "decode the packets of a pcap/pcapng file (tcpdump -nn style, -v, --json)", run_decode},
    {"dns", "query DNS servers as dig does (UDP/TCP, EDNS0, +short, --json, --batch)", run_dns},
    {"http get", "fetch an http:// URL (HTTP/1.1): body to stdout or -o, -i, -v, -L, --json", run_http_get},
    {"http serve", "a static HTTP/1.1 file server (GET/HEAD, keep-alive, ranges, sendfile)", run_http_serve},
    {"ifaces", "network interfaces: flags, MTU, MAC, addresses with prefix", run_ifaces},
    {"nc", "netcat: TCP/UDP/Unix connections, listeners, relays and port scans", run_nc},
    {"net", "an ipcalc: network math, membership, subnets, collapse, summarize", run_net},
    {"rdns", "reverse DNS: the host name of each IP address (getnameinfo)", run_rdns},
    {"recv", "print messages received over TCP or UDP (the seeds' recv_*), dual stack", run_recv},
    {"resolve", "addresses of a host name (getaddrinfo), with --canon and a service port", run_resolve},
    {"search",
     "the first file (or every file) under DIRs containing a string: a parallel walk on the worker pool",
     run_search},
    {"send", "send one message over TCP or UDP (the seeds' send_gai_*)", run_send},
    {"serve",
     "the classic Internet services (echo, discard, chargen, qotd, daytime, time, finger) as one daemon",
     run_serve},
    {"service", "port number to service name and back (80 <-> http)", run_service},
    {"sizes", "size and alignment of each socket structure", run_sizes},
};

static_assert(std::is_sorted(std::begin(table), std::end(table),
                             [](const command& a, const command& b) { return a.name < b.name; }),
              "keep the table sorted by name: the help lists it in this order");

}  // namespace

std::span<const command> commands() noexcept { return table; }

}  // namespace sockit::cli
