// SPDX-License-Identifier: MIT
// event_loop: one reactor per thread — descriptor watches, timers, signals (signalfd) and cross-thread
// post().
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/event/io_mask.hpp"
#include "sockit/event/poller.hpp"
#include "sockit/event/timer_heap.hpp"
#include "sockit/sys/signal_fd.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {

/// Names one descriptor watch of an event_loop. Stale once unwatched, even if the descriptor number is
/// reused by a later watch.
struct watch_handle {
    int fd = -1;
    std::uint64_t generation = 0;  ///< 0 never names a watch
    constexpr explicit operator bool() const noexcept { return generation != 0; }
    friend constexpr bool operator==(watch_handle, watch_handle) noexcept = default;
};

/// A single-threaded reactor: waits on a poller (epoll by default, poll or select), then for each ready
/// descriptor calls its readable callback before its writable one, then runs due timers, then functions
/// posted from other threads. Never busy-waits: an idle loop sleeps in the kernel until a descriptor, a
/// timer, post() or stop() wakes it.
///
/// Thread affinity: every member function must be called on the thread running the loop (or, before
/// run(), the thread that owns it), except post() and stop(), which any thread may call. Callbacks may
/// watch, unwatch, re-arm, cancel and close anything, including their own watch or timer: a watch removed
/// during a dispatch round receives no further callbacks, even if its descriptor number is reused at once.
/// Exceptions thrown by callbacks propagate out of run()/run_once(); the loop stays usable.
class event_loop {
public:
    using clock = std::chrono::steady_clock;
    using callback = std::function<void()>;

    /// The two callbacks of a descriptor watch. Error and hangup reports go to whichever of them the
    /// interest includes (a read or write then returns the error or EOF).
    struct io_handlers {
        callback on_readable;
        callback on_writable;
    };

    /// Creates a loop with the given backend, its eventfd (for post/stop) and its poller. Errors: from
    /// epoll_create1 and eventfd (EMFILE, ENFILE, ENOMEM). Does not block.
    [[nodiscard]] static result<std::unique_ptr<event_loop>> create(
        poller_backend backend = poller_backend::epoll) noexcept;

    ~event_loop();
    event_loop(const event_loop&) = delete;
    event_loop& operator=(const event_loop&) = delete;

    /// Watches fd (which stays owned by the caller) for `interest`. Errors: those of poller::add
    /// (already_watched, bad_descriptor, fd_too_large_for_select, EBADF, EPERM). Loop thread only.
    result<watch_handle> watch(int fd, io_mask interest, io_handlers handlers);

    /// Changes what a watch waits for (none pauses it). Errors: event_errc::not_watched for a stale handle;
    /// epoll_ctl's errors. Loop thread only.
    result<void> set_interest(watch_handle h, io_mask interest) noexcept;

    /// The interest of a live watch (none for a stale handle).
    [[nodiscard]] io_mask interest(watch_handle h) const noexcept;

    /// Removes a watch; its callbacks are never called again (they are destroyed once no callback of
    /// the current round runs any more). The descriptor may be closed right after. Returns false for a
    /// stale handle. Loop thread only.
    bool unwatch(watch_handle h) noexcept;

    /// True when the handle names a live watch.
    [[nodiscard]] bool is_watched(watch_handle h) const noexcept;

    /// Calls `cb` once, `delay` from now (steady clock). Loop thread only. Throws std::bad_alloc only.
    timer_handle add_timer(clock::duration delay, callback cb);

    /// Calls `cb` every `period`, first `period` from now. Loop thread only.
    timer_handle add_periodic(clock::duration period, callback cb);

    /// Moves a live timer's next firing to `delay` from now (a fired one-shot timer is live again only when
    /// re-armed from inside its own callback). Returns false for a stale handle. Loop thread only.
    bool rearm_timer(timer_handle h, clock::duration delay);

    /// Cancels a live timer (also from inside its callback). Returns false for a stale handle.
    bool cancel_timer(timer_handle h) noexcept;

    /// True when the handle names a live timer.
    [[nodiscard]] bool is_timer_live(timer_handle h) const noexcept { return timers_.is_live(h); }

    /// Reports `signals` through `cb` on this loop (signalfd): the signals are blocked in the calling
    /// thread — call it before starting other threads, which inherit the mask — and unblocked again (with
    /// pending instances discarded) by unwatch() on the returned handle or by the loop's destruction.
    /// Errors: EINVAL (SIGKILL, SIGSTOP, bad number), signalfd's errors, poller::add's. Loop thread only.
    result<watch_handle> watch_signals(std::span<const int> signals,
                                       std::function<void(const signal_info&)> cb);

    /// Runs `fn` on the loop thread at its next iteration (in posting order), waking the loop if it
    /// sleeps. Thread-safe; never blocks on the loop. Throws std::bad_alloc only. Functions still queued
    /// when the loop is destroyed are destroyed without being called.
    void post(callback fn);

    /// Makes run() return after the current iteration (if called before run(), run() returns at once).
    /// Thread-safe, async-signal-unsafe.
    void stop() noexcept;

    /// Iterates until stop(). Blocks the calling thread, which becomes the loop thread. Errors: from the
    /// poller's wait (EINVAL, ENOMEM) and from reading the eventfd; EINTR is not an error.
    result<void> run();

    /// One iteration: waits at most `timeout` (nullopt: until something happens; zero: just look) or
    /// until the next timer, then dispatches. Returns how many callbacks ran. Same errors as run().
    result<std::size_t> run_once(std::optional<clock::duration> timeout = std::nullopt);

    /// The steady-clock time read at the start of the current iteration's dispatch.
    [[nodiscard]] clock::time_point now() const noexcept { return now_; }

    [[nodiscard]] poller_backend backend() const noexcept { return poller_->backend(); }
    /// Live descriptor watches made by the caller (the internal eventfd is not counted).
    [[nodiscard]] std::size_t watch_count() const noexcept { return watch_count_; }
    /// Live timers.
    [[nodiscard]] std::size_t timer_count() const noexcept { return timers_.size(); }

private:
    struct watch_rec {
        std::uint64_t generation = 0;
        io_mask interest = io_mask::none;
        io_handlers handlers;
        std::unique_ptr<signal_fd> signals;  // set for watch_signals()
    };
    struct pending_event {
        int fd;
        std::uint64_t generation;
        io_mask events;
    };

    event_loop(std::unique_ptr<poller> p, unique_fd wake) noexcept;
    watch_rec* find(watch_handle h) noexcept;
    const watch_rec* find(watch_handle h) const noexcept;
    watch_rec* find(int fd, std::uint64_t generation) noexcept;
    void drain_wake();
    std::size_t run_posted();
    void wake() noexcept;

    std::unique_ptr<poller> poller_;
    unique_fd wake_fd_;                                  // eventfd: post() and stop() from other threads
    std::vector<std::unique_ptr<watch_rec>> watches_;    // indexed by descriptor
    std::vector<std::unique_ptr<watch_rec>> graveyard_;  // unwatched during a round, destroyed after it
    std::vector<poller_event> ready_;
    std::vector<pending_event> round_;
    timer_heap timers_;
    std::uint64_t next_generation_ = 1;
    std::size_t watch_count_ = 0;
    int dispatching_ = 0;  // > 0 while callbacks may be running
    clock::time_point now_ = clock::now();

    std::mutex post_mu_;
    std::vector<callback> posted_;   // guarded by post_mu_
    std::vector<callback> running_;  // loop thread only
    std::atomic<bool> wake_pending_{false};
    std::atomic<bool> stop_{false};
};

}  // namespace sockit
