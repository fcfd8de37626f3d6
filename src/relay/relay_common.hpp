// SPDX-License-Identifier: MIT
// What the stream and datagram relays share (private to src/relay): time in seconds, the poll set over
// stdin/stdout/socket on sys::poll_until, and the -q/-w limits.
#pragma once

#include <poll.h>
#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>

#include "sockit/relay/relay_settings.hpp"
#include "sockit/sys/deadline.hpp"
#include "sockit/sys/poll_until.hpp"

namespace sockit::relay::detail {

using steady = sys::steady_clock;
using sys::earliest;

inline steady::duration seconds(double s) {
    return std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(s));
}

inline bool is_socket(int fd) {
    struct stat st {};
    return fd >= 0 && fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

inline bool would_block(int err) { return err == EAGAIN || err == EWOULDBLOCK || err == EINTR; }

/// The poll set: one entry per distinct descriptor, events merged (stdin and stdout may be one fd).
class poll_set {
public:
    void clear() { count_ = 0; }
    void want(int fd, short events) {
        if (fd < 0 || events == 0) return;
        for (std::size_t i = 0; i < count_; ++i)
            if (fds_[i].fd == fd) {
                fds_[i].events = static_cast<short>(fds_[i].events | events);
                return;
            }
        fds_[count_++] = pollfd{fd, events, 0};
    }
    /// Waits at most until deadline (none: no bound); signals do not end the wait. Errors: poll(2)'s.
    result<std::size_t> wait(std::optional<steady::time_point> deadline) {
        return sys::poll_until(std::span<pollfd>(fds_.data(), count_), deadline);
    }
    /// True when fd asked for `events` and got them (or an error/hang-up, which the next call reports).
    [[nodiscard]] bool ready(int fd, short events) const {
        for (std::size_t i = 0; i < count_; ++i)
            if (fds_[i].fd == fd)
                return (fds_[i].events & events) != 0 &&
                       (fds_[i].revents & (events | POLLERR | POLLHUP | POLLNVAL)) != 0;
        return false;
    }

private:
    std::array<pollfd, 4> fds_{};
    std::size_t count_ = 0;
};

// The -q (after EOF) and -w (idle) limits at `now`: whether one has passed, else the earliest to come.
struct timeout_check {
    bool expired = false;
    std::optional<steady::time_point> deadline;
};
inline timeout_check timeouts(const relay_settings& s, steady::time_point now,
                              std::optional<steady::time_point> eof_at, steady::time_point last_activity) {
    timeout_check t;
    if (eof_at && s.quit_after_eof) {
        auto quit = *eof_at + seconds(*s.quit_after_eof);
        if (now >= quit) return {true, {}};
        t.deadline = quit;
    }
    if (s.idle_timeout) {
        auto idle = last_activity + seconds(*s.idle_timeout);
        if (now >= idle) return {true, {}};
        t.deadline = earliest(t.deadline, idle);
    }
    return t;
}

}  // namespace sockit::relay::detail
