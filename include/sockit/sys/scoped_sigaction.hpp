// SPDX-License-Identifier: MIT
// scoped_sigaction: installs a signal handler with sigaction(2), choosing explicitly whether interrupted
// system calls restart (SA_RESTART), and puts the previous action back on destruction.
#pragma once

#include <csignal>

#include "sockit/core/result.hpp"

namespace sockit {

/// Whether a system call interrupted by the handled signal is restarted by the kernel (SA_RESTART) or
/// fails with EINTR so the caller notices (what a program wants when a signal must stop a blocking call).
enum class syscall_restart { no, yes };

/// The RAII owner of one signal's disposition. signal(3) on glibc implies SA_RESTART, so a blocking
/// connect(2) or recv(2) never sees a Ctrl-C; installing with syscall_restart::no makes them return EINTR.
/// Move-only; the destructor restores the action that was in place before install(). The disposition is
/// process-wide: install from one thread (usually main) and keep the object alive while the handler is
/// needed.
class scoped_sigaction {
public:
    /// Installs `handler` (which must be async-signal-safe) for `signo`, with an empty sa_mask and
    /// SA_RESTART only when asked. Errors: EINVAL for SIGKILL, SIGSTOP or an invalid number. Does not block.
    static result<scoped_sigaction> install(int signo, void (*handler)(int),
                                            syscall_restart restart = syscall_restart::no) noexcept;

    scoped_sigaction(scoped_sigaction&& other) noexcept;
    scoped_sigaction& operator=(scoped_sigaction&& other) noexcept;
    scoped_sigaction(const scoped_sigaction&) = delete;
    scoped_sigaction& operator=(const scoped_sigaction&) = delete;
    ~scoped_sigaction();

    /// Leaves the handler installed for the rest of the process: a daemon's stop handler must outlive its
    /// main loop, or a second SIGTERM that arrives while it exits kills it with the default action.
    void keep_installed() noexcept { signo_ = 0; }

    /// The signal this object handles (0 after a move or keep_installed()).
    [[nodiscard]] int signo() const noexcept { return signo_; }

private:
    scoped_sigaction(int signo, const struct sigaction& previous) noexcept
        : signo_(signo), previous_(previous) {}
    void restore() noexcept;

    int signo_ = 0;
    struct sigaction previous_ {};
};

}  // namespace sockit
