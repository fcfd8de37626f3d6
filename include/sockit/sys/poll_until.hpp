// SPDX-License-Identifier: MIT
// poll_until: poll(2) on a set of descriptors with a steady_clock deadline, EINTR retried with the time left.
#pragma once

#include <poll.h>

#include <cstddef>
#include <optional>
#include <span>

#include "sockit/core/result.hpp"
#include "sockit/sys/deadline.hpp"

namespace sockit::sys {

/// Clears every revents, then waits until one descriptor of `fds` is ready (its events, or POLLERR,
/// POLLHUP, POLLNVAL) or `deadline` passes (never when nullopt; a deadline in the past polls once without
/// waiting). A signal (EINTR) does not end the wait: it goes on with the time left. Returns how many
/// entries have a non-zero revents (0: the deadline passed). Errors: poll(2)'s (EINVAL for too many fds,
/// ENOMEM). Blocks the calling thread; no thread affinity.
result<std::size_t> poll_until(std::span<pollfd> fds,
                               std::optional<steady_clock::time_point> deadline) noexcept;

}  // namespace sockit::sys
