// SPDX-License-Identifier: MIT
// relay_settings: how nc's byte relay moves data and when it stops (-C, -i, -w, -q, -d, --no-shutdown),
// the state that outlives one connection, and what a failed relay reports.
#pragma once

#include <optional>
#include <string>
#include <system_error>

#include "sockit/core/result.hpp"

namespace sockit::relay {

/// How a relay moves data and when it stops (nc's -C, -i, -w, -q, -d, --no-shutdown).
struct relay_settings {
    int in_fd = 0;                         ///< data to send; -1 for -d (nothing is read)
    int out_fd = 1;                        ///< where received data goes
    bool crlf = false;                     ///< -C: LF not preceded by CR becomes CR LF on the way out
    double interval = 0;                   ///< -i: seconds between lines sent and between chunks received
    std::optional<double> idle_timeout;    ///< -w: stop after this long without traffic either way
    std::optional<double> quit_after_eof;  ///< -q: stop this long after stdin EOF (unset: wait for the peer)
    bool shutdown_on_eof = true;           ///< stream sockets: shutdown(SHUT_WR) once stdin is drained
    bool allow_splice = true;              ///< use splice(2) through a pipe where both ends support it
};

/// State that outlives one connection of `-l -k`: stdin read to its end stays at its end.
struct relay_state {
    bool in_eof = false;
};

/// What failed (e.g. "write to network") and why.
struct relay_failure {
    std::string what;
    std::error_code why;
};

using relay_result = result<void, relay_failure>;

}  // namespace sockit::relay
