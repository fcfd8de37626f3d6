// SPDX-License-Identifier: MIT
// `sockit nc` command line: OpenBSD nc's getopt-style flags (bundling, -w5, permuted operands) plus ncat's
// -e/-c.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nc_ports.hpp"
#include "sockit/core/result.hpp"

namespace sockit::cli {

/// Every setting of one `sockit nc` run, validated (conflicts rejected, numbers in range).
struct nc_options {
    bool help = false;              ///< -h, --help
    bool listen = false;            ///< -l
    bool keep_open = false;         ///< -k (requires -l)
    bool udp = false;               ///< -u (datagram sockets; with -U: Unix datagram)
    bool unix_socket = false;       ///< -U
    bool scan = false;              ///< -z
    bool verbose = false;           ///< -v
    bool numeric = false;           ///< -n (no name resolution)
    bool ipv4_only = false;         ///< -4
    bool ipv6_only = false;         ///< -6
    bool no_stdin = false;          ///< -d
    bool crlf = false;              ///< -C
    bool random_ports = false;      ///< -r
    bool broadcast = false;         ///< -b
    bool no_shutdown = false;       ///< --no-shutdown (keep the write side open after stdin EOF)
    std::optional<double> timeout;  ///< -w secs: connect and idle timeout
    std::optional<double>
        quit_after_eof;   ///< -q secs: bound on the wait after stdin EOF (unset: wait for the peer)
    double interval = 0;  ///< -i secs between lines sent and received (0: none)
    std::optional<int> recv_buffer;            ///< -I bytes (SO_RCVBUF)
    std::optional<int> send_buffer;            ///< -O bytes (SO_SNDBUF)
    std::string source_address;                ///< -s (empty: any); for -U -u the local socket path
    std::optional<std::uint16_t> source_port;  ///< -p
    std::vector<std::string> exec_argv;        ///< -e CMD split on blanks, or {"/bin/sh", "-c", CMD} for -c
    std::string host;  ///< destination host, listen address (may be empty), or Unix path
    /// Ports, in the order given: ranges and comma lists expanded to decimal numbers; service names kept as
    /// names (resolved later). Empty for -U; exactly one for -l.
    std::vector<std::string> ports;
};

/// Parses `nc ARGS...` (args[0] is the command name). On error returns the one-line nc-style message
/// without the `sockit nc: ` prefix, e.g. "must use -l with -k" or "port number too large: 70000".
/// Pure: no I/O, no name lookups.
result<nc_options, std::string> parse_nc_options(std::span<char* const> args);

/// The help text of `sockit nc -h` (usage, every flag, an example).
std::string nc_help();

}  // namespace sockit::cli
