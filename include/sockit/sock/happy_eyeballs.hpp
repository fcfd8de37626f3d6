// SPDX-License-Identifier: MIT
// Happy Eyeballs v2 (RFC 8305): connect to the first answering address, alternating the address families
// and starting a new attempt every 250 ms while earlier ones are still pending.
#pragma once

#include <sys/socket.h>

#include <chrono>
#include <span>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit {

/// Tuning of a Happy Eyeballs connect.
struct happy_eyeballs_options {
    /// "Connection Attempt Delay" (RFC 8305 section 5): 250 ms recommended, never below 10 ms (clamped).
    std::chrono::milliseconds attempt_delay{250};
    /// Overall limit for the whole race; std::errc::timed_out when it passes with no winner.
    std::chrono::milliseconds timeout{30'000};
    /// How many addresses of the first family go before the other family is interleaved (RFC 8305
    /// section 4, "First Address Family Count"); 1 gives strict alternation.
    int first_family_count = 1;
    /// The socket type to connect (SOCK_STREAM; SOCK_DGRAM "connects" at once and never races usefully).
    int socktype = SOCK_STREAM;
};

/// Reorders addresses as RFC 8305 section 4 asks: keeps the resolver's preference order within each
/// family, starts with the family of the first address, and alternates families after
/// `first_family_count` addresses of it. Duplicates are removed. Pure; allocates.
std::vector<endpoint> interleave_families(std::span<const endpoint> addresses, int first_family_count = 1);

/// Races connections to `candidates` in the given order (interleave them first, or use the resolving
/// overload): starts the first, then the next when the previous one fails or after attempt_delay, and so
/// on; the first to complete wins, and every other attempt is closed before returning. Returns the
/// connected socket (blocking mode) and its peer. Errors: the last attempt's error when all fail (e.g.
/// ECONNREFUSED), std::errc::timed_out when the overall timeout passes, EINVAL for no candidates.
/// Blocks up to options.timeout; signals are absorbed.
result<connection> happy_eyeballs_connect(std::span<const endpoint> candidates,
                                          const happy_eyeballs_options& options = {}) noexcept;

/// Resolves host and service (getaddrinfo with `family`: AF_UNSPEC for both, AF_INET, AF_INET6), orders
/// the addresses with interleave_families() and races them. Errors: the resolver's (gai_errc), then as above.
result<connection> happy_eyeballs_connect(std::string_view host, std::string_view service,
                                          int family = AF_UNSPEC,
                                          const happy_eyeballs_options& options = {}) noexcept;

}  // namespace sockit
