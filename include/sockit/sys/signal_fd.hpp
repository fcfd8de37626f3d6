// SPDX-License-Identifier: MIT
// signal_fd: signals (SIGINT, SIGTERM, SIGCHLD, ...) delivered as readable events on a pollable descriptor
// (Linux signalfd(2)), for event loops that must not run code inside asynchronous signal handlers.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <initializer_list>
#include <optional>
#include <span>

#include "sockit/core/result.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {

/// One signal read from a signal_fd (the useful fields of signalfd_siginfo).
struct signal_info {
    int signo = 0;   ///< the signal number (SIGINT, ...)
    int code = 0;    ///< si_code (SI_USER, CLD_EXITED, ...)
    pid_t pid = 0;   ///< the sender, or for SIGCHLD the child that changed state
    uid_t uid = 0;   ///< the sender's real user id
    int status = 0;  ///< SIGCHLD: the exit status or the signal that ended the child
};

/// Blocks a set of signals in the creating thread and reports them through a non-blocking, close-on-exec
/// signalfd that can be polled for POLLIN. Move-only. The destructor discards instances of the set that are
/// still pending (so that, say, a SIGINT queued while blocked does not kill the process on unblocking) and
/// restores the thread's previous signal mask.
///
/// Thread affinity: create, use and destroy it on one thread. For the signals to reach the descriptor in a
/// multi-threaded program, create it before starting other threads (they inherit the mask) or block the set
/// in every thread; otherwise the kernel may deliver a signal to a thread that has it unblocked.
class signal_fd {
public:
    /// The set an event loop usually wants: SIGINT, SIGTERM, SIGCHLD.
    static constexpr int default_signals[] = {SIGINT, SIGTERM, SIGCHLD};

    /// Blocks `signals` in the calling thread and opens the descriptor. Errors: EINVAL for a signal number
    /// that cannot be caught (SIGKILL, SIGSTOP) or out of range; EMFILE/ENFILE/ENOMEM from signalfd(2).
    /// On error the thread's mask is left as it was. Does not block.
    static result<signal_fd> open(std::span<const int> signals = default_signals) noexcept;
    /// Same, for a braced list: signal_fd::open({SIGINT, SIGTERM}).
    static result<signal_fd> open(std::initializer_list<int> signals) noexcept {
        return open(std::span<const int>(signals.begin(), signals.size()));
    }

    signal_fd(signal_fd&& other) noexcept;
    signal_fd& operator=(signal_fd&& other) noexcept;
    signal_fd(const signal_fd&) = delete;
    signal_fd& operator=(const signal_fd&) = delete;
    ~signal_fd();

    /// The descriptor to poll for POLLIN (owned by this object).
    [[nodiscard]] int fd() const noexcept { return fd_.get(); }

    /// Reads one pending signal without blocking: nullopt when none is pending. Retries EINTR; other
    /// errors come from read(2).
    result<std::optional<signal_info>> read() noexcept;

    /// Waits up to `timeout` (forever when nullopt) for one signal of the set; nullopt on timeout.
    /// Blocks the calling thread; retries EINTR with the remaining time.
    result<std::optional<signal_info>> wait(std::optional<std::chrono::milliseconds> timeout) noexcept;

private:
    signal_fd(unique_fd fd, const sigset_t& set, const sigset_t& previous) noexcept;
    void restore() noexcept;

    unique_fd fd_;
    sigset_t set_{};       // the signals this object reports
    sigset_t previous_{};  // the thread's mask before open()
    bool owns_mask_ = false;
};

}  // namespace sockit
