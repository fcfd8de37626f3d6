// SPDX-License-Identifier: MIT
// process: start a program (argv, or `/bin/sh -c CMD`) with chosen descriptors as its stdin/stdout/stderr,
// then wait for it, reap it without waiting, or signal it (posix_spawn(3), waitpid(2), kill(2)).
#pragma once

#include <sys/types.h>

#include <csignal>
#include <optional>
#include <string>
#include <vector>

#include "sockit/core/result.hpp"

namespace sockit::sys {

/// What to start and how to wire it.
struct spawn_options {
    /// The program and its arguments; argv[0] is searched in PATH when it has no slash (execvp's rule).
    std::vector<std::string> argv;
    int stdin_fd = -1;   ///< the child's descriptor 0 (-1: inherit the parent's)
    int stdout_fd = -1;  ///< the child's descriptor 1 (-1: inherit)
    int stderr_fd = -1;  ///< the child's descriptor 2 (-1: inherit)
    /// Signals reset to their default action in the child: a parent that ignores SIGPIPE for its own
    /// writes must not hand that to a shell pipeline. The child's signal mask is always emptied.
    std::vector<int> default_signals = {SIGPIPE};

    /// `/bin/sh -c command`.
    static spawn_options shell(std::string command) {
        spawn_options o;
        o.argv = {"/bin/sh", "-c", std::move(command)};
        return o;
    }
};

/// How a child ended.
struct exit_status {
    int code = 0;    ///< the exit code when it exited (0..255), else 0
    int signal = 0;  ///< the signal that killed it, else 0
    /// Exited with status 0.
    [[nodiscard]] bool success() const noexcept { return signal == 0 && code == 0; }
};

/// A started child process, owned until it is reaped. Move-only. The destructor neither waits nor kills:
/// a child still running when its object goes away stays a zombie after it ends until the process
/// exits (which is what a command that exits right after wants; call wait() otherwise).
class child_process {
public:
    child_process() noexcept = default;
    child_process(child_process&& other) noexcept;
    child_process& operator=(child_process&& other) noexcept;
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;
    ~child_process() = default;

    /// The child's pid (0 when none or already reaped).
    [[nodiscard]] pid_t pid() const noexcept { return pid_; }
    /// Whether there is a child not yet reaped.
    [[nodiscard]] bool running() const noexcept { return pid_ > 0; }

    /// Waits for the child to end and reaps it. EINTR retried. Errors: ECHILD (none, or already reaped).
    /// Blocks until the child exits.
    result<exit_status> wait() noexcept;
    /// Reaps the child when it has ended: its status, or nullopt while it runs. Errors: ECHILD. Never blocks.
    result<std::optional<exit_status>> try_wait() noexcept;
    /// Sends `signo` to the child. Errors: ESRCH when it is gone (reaped), EPERM. Never blocks.
    result<void> kill(int signo = SIGTERM) noexcept;

private:
    friend result<child_process> spawn(const spawn_options& options) noexcept;
    explicit child_process(pid_t pid) noexcept : pid_(pid) {}
    pid_t pid_ = 0;
};

/// Starts options.argv with the given descriptors dup'ed onto 0, 1 and 2 (the originals stay open in the
/// parent; close-on-exec descriptors do not reach the child). Errors: EINVAL for an empty argv; ENOENT or
/// EACCES when the program cannot be executed (reported by the spawn itself, no child is left behind);
/// EAGAIN/ENOMEM when no process can be created. Does not wait for the child. Thread-safe (posix_spawn).
result<child_process> spawn(const spawn_options& options) noexcept;

}  // namespace sockit::sys
