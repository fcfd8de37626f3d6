// SPDX-License-Identifier: MIT
// `sockit nc -z`: many connects (or UDP probes) at once on sock/connect_multiplexer, bounded in number.
#pragma once

#include <sys/socket.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <system_error>
#include <vector>

#include "sockit/sock/endpoint.hpp"

namespace sockit::cli {

/// How a scan runs.
struct scan_settings {
    int socktype = SOCK_STREAM;                        ///< SOCK_STREAM (connect) or SOCK_DGRAM (probe)
    std::optional<std::chrono::milliseconds> timeout;  ///< -w: give up on one attempt after this long
    std::chrono::milliseconds udp_wait{1000};          ///< how long a UDP probe waits for a refusal
    std::chrono::milliseconds interval{0};             ///< -i: pause between attempts (then one at a time)
    std::size_t concurrency = 256;   ///< attempts in flight at most (clamped to the fd limit)
    std::optional<endpoint> source;  ///< -s/-p: bind before connecting (then one at a time
                                     ///< when a source port is fixed)
};

/// One attempt's outcome: `error` empty means open (TCP connected; UDP no refusal within udp_wait).
struct scan_outcome {
    endpoint target;
    std::error_code error;
};

/// Tries every target (address and port) and returns one outcome per target, in the targets' order.
/// Blocks until all are done (each bounded by settings.timeout when set, by the kernel's connect timeout
/// otherwise). Returns an error only when the scan itself cannot run (poll failing); a socket that cannot
/// be opened is that target's error.
result<std::vector<scan_outcome>> scan(std::span<const endpoint> targets, const scan_settings& settings);

}  // namespace sockit::cli
