// SPDX-License-Identifier: MIT
// poller: the readiness-notification interface under event_loop, with epoll(7), poll(2) and select(2)
// backends.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "sockit/core/result.hpp"
#include "sockit/event/io_mask.hpp"

namespace sockit {

/// The kernel interface a poller uses. epoll is the default; poll and select exist because the seeds
/// compare them, and they behave identically (level-triggered, same reports) through this interface.
enum class poller_backend { epoll, poll, select };

/// "epoll", "poll" or "select".
[[nodiscard]] std::string_view to_string(poller_backend b) noexcept;

/// Parses "epoll", "poll" or "select". Errors: event_errc::unknown_backend.
[[nodiscard]] result<poller_backend> parse_poller_backend(std::string_view name) noexcept;

/// One readiness report: the descriptor and what it is ready for (a subset of its interest, plus error
/// and hangup when the kernel reports them).
struct poller_event {
    int fd = -1;
    io_mask events = io_mask::none;
};

/// Level-triggered readiness for a set of descriptors, each with an interest of readable and/or writable.
/// A descriptor with interest none stays registered but is never reported (not even for hangup), so a
/// paused connection costs no wake-ups. Not thread-safe: one thread owns a poller.
class poller {
public:
    virtual ~poller() = default;
    poller() = default;
    poller(const poller&) = delete;
    poller& operator=(const poller&) = delete;

    /// Creates a poller of the given backend. Errors: from epoll_create1 (EMFILE, ENFILE, ENOMEM).
    [[nodiscard]] static result<std::unique_ptr<poller>> create(poller_backend backend) noexcept;

    /// Which backend this is.
    [[nodiscard]] virtual poller_backend backend() const noexcept = 0;

    /// Starts watching fd with `interest` (readable/writable bits; others ignored). Errors:
    /// event_errc::bad_descriptor (fd < 0), event_errc::already_watched, event_errc::fd_too_large_for_select
    /// (select backend, fd >= FD_SETSIZE), epoll_ctl's errors (EBADF, EPERM for regular files, ENOMEM).
    virtual result<void> add(int fd, io_mask interest) noexcept = 0;

    /// Changes the interest of a watched descriptor. Errors: event_errc::not_watched, epoll_ctl's errors.
    virtual result<void> modify(int fd, io_mask interest) noexcept = 0;

    /// Stops watching fd. Works whether or not fd is still open (so close-then-remove is harmless).
    /// Errors: event_errc::not_watched.
    virtual result<void> remove(int fd) noexcept = 0;

    /// Waits until a watched descriptor is ready or `timeout` passes (nullopt: no limit; zero: just look),
    /// and writes up to out.size() reports into `out`; returns how many. Descriptors not reported because
    /// `out` was full are reported by the next call (level-triggered), and poll/select rotate where they
    /// start so none starves. Returns 0 on timeout and when a signal interrupted the wait (EINTR). Blocks.
    /// Errors: from epoll_wait/ppoll/pselect (EINVAL, ENOMEM); a descriptor closed while watched is
    /// reported as error|hangup by poll and select (epoll forgets it silently, as the kernel does).
    virtual result<std::size_t> wait(std::span<poller_event> out,
                                     std::optional<std::chrono::nanoseconds> timeout) noexcept = 0;

    /// How many descriptors are watched (whatever their interest).
    [[nodiscard]] virtual std::size_t size() const noexcept = 0;
};

}  // namespace sockit
