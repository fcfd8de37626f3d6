// SPDX-License-Identifier: MIT
// blocking_driver: runs one connection to its end on the calling thread with poll(2) (uniplex, fork, thread,
// pool models).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

#include "stream_connection.hpp"

namespace sockit::serve::detail {

/// Drives `conn` (already started) until it finishes: waits with poll(2) on its descriptor and on
/// `stop_fd` (an eventfd that turns readable when the server stops; never read here). An idle period of
/// `idle` (zero: none) ends it with idle_timeout; once stop_fd is readable it may go on until the server's
/// stop deadline (`stop_at`, steady-clock nanoseconds, when already set) or else for `grace`, then ends
/// with server_stop. `on_stop_seen` (may be empty) runs once when the stop is first noticed (uniplex:
/// close the listeners now, not after this connection). Retries EINTR. Blocks the calling thread;
/// returns how it ended.
close_reason run_blocking(stream_connection& conn, int stop_fd, std::chrono::milliseconds idle,
                          std::chrono::milliseconds grace, const std::atomic<std::int64_t>& stop_at,
                          const std::function<void()>& on_stop_seen) noexcept;

}  // namespace sockit::serve::detail
