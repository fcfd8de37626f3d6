// SPDX-License-Identifier: MIT
// blocking_driver: one connection, one flow of control, poll(2) for readiness, idle timeout and stop.
#include "blocking_driver.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <optional>

namespace sockit::serve::detail {

close_reason run_blocking(stream_connection& conn, int stop_fd, std::chrono::milliseconds idle,
                          std::chrono::milliseconds grace, const std::atomic<std::int64_t>& stop_at,
                          const std::function<void()>& on_stop_seen) noexcept {
    using clock = std::chrono::steady_clock;
    auto idle_deadline = idle.count() > 0 ? std::optional(clock::now() + idle) : std::nullopt;
    std::optional<clock::time_point> stop_deadline;
    (void)conn.take_progress();
    while (!conn.finished()) {
        const io_mask want = conn.interest();
        pollfd fds[2] = {};
        fds[0].fd = conn.fd();
        fds[0].events = static_cast<short>((has_any(want, io_mask::readable) ? POLLIN : 0) |
                                           (has_any(want, io_mask::writable) ? POLLOUT : 0));
        fds[1].fd = stop_deadline ? -1 : stop_fd;  // a negative fd is ignored by poll
        fds[1].events = POLLIN;

        int timeout_ms = -1;
        auto deadline = idle_deadline;
        if (stop_deadline && (!deadline || *stop_deadline < *deadline)) deadline = stop_deadline;
        const auto handler_deadline = conn.deadline();
        if (handler_deadline && (!deadline || *handler_deadline < *deadline)) deadline = handler_deadline;
        const auto now = clock::now();
        if (deadline) {
            if (*deadline <= now) {
                const bool by_stop = stop_deadline && *stop_deadline <= now;
                const bool by_handler = handler_deadline && *handler_deadline <= now;
                conn.abort(by_stop      ? close_reason::server_stop
                           : by_handler ? close_reason::deadline
                                        : close_reason::idle_timeout);
                break;
            }
            // Round up so that the wake-up is never early (an early one would just wait again).
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - now).count();
            timeout_ms = static_cast<int>(std::min<long long>(left, 60'000));
        }
        const int n = ::poll(fds, 2, timeout_ms);
        if (n < 0) {
            if (errno == EINTR) continue;
            conn.abort(close_reason::error);
            break;
        }
        if (n == 0) continue;  // a deadline: checked at the top
        if (fds[1].revents != 0) {
            const auto at = stop_at.load(std::memory_order_relaxed);
            stop_deadline = at != 0 ? clock::time_point(clock::duration(at)) : clock::now() + grace;
            if (on_stop_seen) {
                try {
                    on_stop_seen();
                } catch (...) {
                }
            }
        }
        const short ev = fds[0].revents;
        if (ev & (POLLIN | POLLERR | POLLHUP)) {
            if (has_any(want, io_mask::readable))
                conn.on_readable();
            else if (ev & (POLLERR | POLLHUP) && !(ev & POLLOUT))
                conn.on_writable();  // surfaces the error
        }
        if (!conn.finished() && (ev & (POLLOUT | POLLERR))) conn.on_writable();
        if (conn.take_progress() && idle.count() > 0) idle_deadline = clock::now() + idle;
    }
    return conn.reason();
}

}  // namespace sockit::serve::detail
