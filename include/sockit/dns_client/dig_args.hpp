// SPDX-License-Identifier: MIT
// dig_args: dig's command-line conventions (NAME, TYPE, @SERVER, -p, -x, +options) as a pure parser, so
// that `sockit dns` reads them as people type them for dig (reverse names per RFC 1035 §3.5, RFC 3596 §2.5).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/dns/dns_name.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns_client {

/// Everything a dig-style command line asks for. Defaults are dig 9.18's.
struct dig_args {
    std::optional<dns::dns_name> name;        ///< NAME, -q NAME or the reverse name of -x ADDR
    std::vector<dns::rr_type> types;          ///< empty: A (PTR with -x); several: one query each
    dns::rr_class klass = dns::rr_class::in;  ///< a class word (IN, CH, HS, CLASS3) or -c CLASS
    std::optional<std::string> server;  ///< @SERVER without brackets and port: an address or a host name
    std::optional<std::uint16_t> port;  ///< from -p PORT or @SERVER:PORT / @[V6]:PORT
    bool tcp = false;                   ///< +tcp (+vc): start with TCP
    bool short_output = false;          ///< +short
    bool recurse = true;                ///< +norecurse clears RD
    bool dnssec = false;                ///< +dnssec sets DO
    bool edns = true;                   ///< +noedns sends no OPT record
    std::uint16_t bufsize = 1232;       ///< +bufsize=N: the EDNS UDP payload size
    bool ignore_truncation = false;     ///< +ignore: keep a truncated UDP answer, no TCP retry
    std::optional<std::chrono::milliseconds> timeout;  ///< +timeout=S (seconds, decimals allowed)
    std::optional<unsigned> tries;                     ///< +tries=N, or +retry=N (N + 1 tries)
    bool json = false;                                 ///< --json
    std::optional<std::string> batch_file;             ///< --batch FILE ("-" is stdin)
    std::optional<std::size_t> in_flight;              ///< --in-flight N
    bool help = false;                                 ///< -h / --help
};

/// A usage error: the argument at fault (as typed) and why.
struct dig_args_error {
    std::string argument;
    std::string why;
};

/// Parses the arguments after the command name. A word that is a record type ("MX", "aaaa", "TYPE65")
/// is a type and a class word (IN, CH, HS, CLASSn) a class, wherever it stands, as in dig; the other
/// word is the NAME (only one; -q NAME forces a word to be the name). Options: @SERVER, -p PORT (also
/// -pPORT), -x ADDR, -t TYPE, -c CLASS, -q NAME, +[no]tcp, +[no]vc, +[no]short, +[no]recurse (+[no]rec),
/// +[no]dnssec, +[no]edns, +bufsize=N, +[no]ignore, +timeout=S, +tries=N, +retry=N, --json, --batch FILE,
/// --in-flight N, -h/--help. Errors: dig_args_error naming the word (unknown option, bad value, second
/// name, bad name or address). No name and no --batch is not an error here (the caller decides).
/// Allocates; thread-safe.
[[nodiscard]] result<dig_args, dig_args_error> parse_dig_args(std::span<const std::string_view> args);

/// Splits the text after '@': "192.0.2.1", "::1", "[::1]:5353", "192.0.2.1:5353", "ns.example". A text
/// with one colon is HOST:PORT; with several it is an IPv6 address unless bracketed. Errors: as
/// parse_dig_args, for an empty host, a bad port or an unclosed bracket.
[[nodiscard]] result<std::pair<std::string, std::optional<std::uint16_t>>, dig_args_error> parse_server_spec(
    std::string_view text);

}  // namespace sockit::dns_client
