// SPDX-License-Identifier: MIT
// resolv_conf: the stub resolver configuration of /etc/resolv.conf as glibc reads it (resolv.conf(5)).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/ip/ip_address.hpp"

namespace sockit::dns_client {

/// What resolv.conf says, with glibc's defaults and limits.
struct resolv_conf {
    static constexpr std::size_t max_nameservers = 3;  ///< glibc's MAXNS: later nameserver lines are ignored
    std::vector<ip_address> nameservers;               ///< in file order (an IPv6 one may carry a %zone)
    std::vector<std::string> search;                   ///< the last `search` or `domain` line wins
    std::chrono::seconds timeout{5};                   ///< options timeout:N (capped at 30)
    unsigned attempts = 2;                             ///< options attempts:N (capped at 5)
    unsigned ndots = 1;                                ///< options ndots:N (capped at 15)
    bool rotate = false;                               ///< options rotate
    bool use_vc = false;                               ///< options use-vc (TCP)
    bool edns0 = false;                                ///< options edns0
    friend bool operator==(const resolv_conf&, const resolv_conf&) = default;
};

/// Reads resolv.conf text as glibc does: a line starts with a keyword (nameserver, search, domain,
/// options); '#' or ';' starts a comment; unknown keywords, bad addresses and unknown options are
/// skipped (they are not errors for glibc either). Never fails; allocates; thread-safe.
[[nodiscard]] resolv_conf parse_resolv_conf(std::string_view text);

/// Reads and parses a file (by default /etc/resolv.conf). Errors: those of opening and reading it
/// (ENOENT, EACCES, EISDIR, ...). Blocks on the file read.
[[nodiscard]] result<resolv_conf> load_resolv_conf(const std::string& path = "/etc/resolv.conf");

}  // namespace sockit::dns_client
