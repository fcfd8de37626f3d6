// SPDX-License-Identifier: MIT
// connect_multiplexer: many non-blocking connects (or UDP probes) in flight at once, bounded in number,
// each with an optional deadline, their outcomes collected with one poll(2) (never select: no FD_SETSIZE).
#pragma once

#include <poll.h>
#include <sys/socket.h>

#include <cstddef>
#include <optional>
#include <system_error>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/deadline.hpp"

namespace sockit {

/// How one attempt runs.
struct connect_attempt_options {
    /// SOCK_STREAM: a TCP connect (open = the handshake completed). SOCK_DGRAM: a UDP probe: connect sets
    /// the peer and an empty datagram goes out; an answer means open, ICMP port unreachable comes back as
    /// ECONNREFUSED, and silence until the deadline as std::errc::timed_out (for UDP "open or filtered").
    int socktype = SOCK_STREAM;
    /// When the attempt gives up with std::errc::timed_out (none: the kernel's own connect timeout).
    std::optional<sys::steady_clock::time_point> deadline;
    /// Bind to this local address first (SO_REUSEADDR set), e.g. a fixed source port.
    std::optional<endpoint> source;
};

/// One finished attempt.
struct connect_outcome {
    std::size_t id = 0;     ///< what start() returned for it
    endpoint target;        ///< where it went
    std::error_code error;  ///< empty: connected (TCP) or answered (UDP probe)
    socket sock;            ///< the connected socket (non-blocking) when error is empty; closed otherwise
};

/// Runs connection attempts concurrently: start() as many as has_room() allows, then wait() for outcomes;
/// every attempt yields exactly one outcome (immediate failures included), reported by the next wait().
/// Attempts still in flight when the object is destroyed or cancel_all() is called are closed.
/// Used by Happy Eyeballs (staggered starts) and by port scans (a window of attempts).
/// Thread affinity: one thread at a time. Each attempt holds one descriptor until its outcome is reported.
class connect_multiplexer {
public:
    /// At most `max_in_flight` attempts at once (clamped to 1 .. the soft RLIMIT_NOFILE minus a margin
    /// for stdio and friends).
    explicit connect_multiplexer(std::size_t max_in_flight = 256);

    /// Attempts started and not yet reported by wait().
    [[nodiscard]] std::size_t in_flight() const noexcept { return flight_.size() + ready_.size(); }
    /// Whether another start() fits in the window.
    [[nodiscard]] bool has_room() const noexcept { return in_flight() < capacity_; }
    /// The window size after clamping.
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
    /// Whether nothing is in flight or waiting to be reported.
    [[nodiscard]] bool empty() const noexcept { return in_flight() == 0; }

    /// Opens a non-blocking socket for target's family, binds it when asked and starts the connect (and
    /// for a UDP probe sends the empty datagram). Returns the attempt's id (0, 1, 2, ... in start order).
    /// An attempt that fails or succeeds at once is reported by the next wait() without blocking.
    /// Errors: std::errc::resource_unavailable_try_again when the window is full (nothing started);
    /// std::errc::not_enough_memory. Never blocks.
    result<std::size_t> start(const endpoint& target, const connect_attempt_options& options = {}) noexcept;

    /// Returns the outcomes that are ready: at once when some are; else waits until at least one attempt
    /// finishes, an attempt's deadline passes (its outcome: std::errc::timed_out), or `until` passes (then
    /// possibly none). Signals do not end the wait early. Errors: poll(2) failing (the attempts stay).
    /// Blocks up to `until` (forever when nullopt and attempts have no deadline).
    result<std::vector<connect_outcome>> wait(std::optional<sys::steady_clock::time_point> until) noexcept;

    /// Closes every attempt in flight and drops unreported outcomes. Never blocks.
    void cancel_all() noexcept;

private:
    struct attempt {
        std::size_t id = 0;
        endpoint target;
        socket sock;
        bool probe = false;  // a UDP probe: waits for POLLIN, not POLLOUT
        std::optional<sys::steady_clock::time_point> deadline;
    };

    void finish(attempt& a, std::error_code error);
    /// Handles one attempt whose socket polled ready: false when it must keep waiting.
    bool settle(attempt& a);

    std::size_t capacity_;
    std::size_t next_id_ = 0;
    std::vector<attempt> flight_;
    std::vector<connect_outcome> ready_;
    std::vector<pollfd> polls_;
};

}  // namespace sockit
