// SPDX-License-Identifier: MIT
// Private: the factories of the three poller backends, and a timeout conversion they share.
#pragma once

#include <time.h>

#include <chrono>
#include <memory>
#include <optional>

#include "sockit/core/result.hpp"
#include "sockit/event/poller.hpp"

namespace sockit::detail {

result<std::unique_ptr<poller>> make_epoll_poller() noexcept;
std::unique_ptr<poller> make_poll_poller();
std::unique_ptr<poller> make_select_poller();

/// A timeout as the timespec that ppoll/pselect/epoll_pwait2 take (negative durations become zero).
inline timespec to_timespec(std::chrono::nanoseconds d) noexcept {
    if (d.count() < 0) d = std::chrono::nanoseconds(0);
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(d);
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(secs.count());
    ts.tv_nsec = static_cast<long>((d - secs).count());
    return ts;
}

/// Advances a rotating start index so that a full output buffer does not starve the same descriptors.
inline std::size_t next_cursor(std::size_t cursor, std::size_t n) noexcept {
    return n == 0 ? 0 : (cursor + 1) % n;
}

}  // namespace sockit::detail
