// SPDX-License-Identifier: MIT
// signal_fd: blocking a signal set in the thread and reading it from signalfd(2).
#include "sockit/sys/signal_fd.hpp"

#include <poll.h>
#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <utility>

#include "sockit/sys/sys_error.hpp"

namespace sockit {

result<signal_fd> signal_fd::open(std::span<const int> signals) noexcept {
    sigset_t set;
    sigemptyset(&set);
    for (int s : signals) {
        if (s == SIGKILL || s == SIGSTOP || sigaddset(&set, s) != 0) return fail(sys_error(EINVAL));
    }
    sigset_t previous;
    if (int err = ::pthread_sigmask(SIG_BLOCK, &set, &previous); err != 0) return fail(sys_error(err));
    int fd = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) {
        auto ec = last_error();
        (void)::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        return fail(ec);
    }
    return signal_fd(unique_fd(fd), set, previous);
}

signal_fd::signal_fd(unique_fd fd, const sigset_t& set, const sigset_t& previous) noexcept
    : fd_(std::move(fd)), set_(set), previous_(previous), owns_mask_(true) {}

signal_fd::signal_fd(signal_fd&& other) noexcept
    : fd_(std::move(other.fd_)),
      set_(other.set_),
      previous_(other.previous_),
      owns_mask_(std::exchange(other.owns_mask_, false)) {}

signal_fd& signal_fd::operator=(signal_fd&& other) noexcept {
    if (this != &other) {
        restore();
        fd_ = std::move(other.fd_);
        set_ = other.set_;
        previous_ = other.previous_;
        owns_mask_ = std::exchange(other.owns_mask_, false);
    }
    return *this;
}

signal_fd::~signal_fd() { restore(); }

void signal_fd::restore() noexcept {
    if (!owns_mask_) return;
    owns_mask_ = false;
    fd_.reset();
    // Consume what is still pending of the signals we blocked (and that were not blocked before us), so
    // that unblocking them does not run their default action: a SIGINT already reported, or queued after
    // the owner stopped reading, must not kill the process at this point.
    sigset_t drain;
    sigemptyset(&drain);
    sigset_t pending;
    sigpending(&pending);
    for (int s = 1; s < NSIG; ++s) {
        if (sigismember(&set_, s) == 1 && sigismember(&previous_, s) == 0 && sigismember(&pending, s) == 1)
            sigaddset(&drain, s);
    }
    const timespec zero{0, 0};
    for (int i = 0; i<NSIG&& ::sigtimedwait(&drain, nullptr, &zero)> 0; ++i) {
    }
    (void)::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

result<std::optional<signal_info>> signal_fd::read() noexcept {
    signalfd_siginfo si{};
    for (;;) {
        ssize_t n = ::read(fd_.get(), &si, sizeof si);
        if (n == static_cast<ssize_t>(sizeof si)) break;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return std::optional<signal_info>{};
        if (n < 0) return fail(last_error());
        return fail(sys_error(EIO));  // signalfd reads whole records; a short one means a broken kernel
    }
    signal_info info;
    info.signo = static_cast<int>(si.ssi_signo);
    info.code = si.ssi_code;
    info.pid = static_cast<pid_t>(si.ssi_pid);
    info.uid = static_cast<uid_t>(si.ssi_uid);
    info.status = si.ssi_status;
    return std::optional<signal_info>(info);
}

result<std::optional<signal_info>> signal_fd::wait(
    std::optional<std::chrono::milliseconds> timeout) noexcept {
    using clock = std::chrono::steady_clock;
    const auto deadline = timeout ? clock::now() + *timeout : clock::time_point::max();
    for (;;) {
        auto got = read();
        if (!got || *got) return got;
        int wait_ms = -1;
        if (timeout) {
            auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now()).count();
            if (left <= 0) return std::optional<signal_info>{};
            wait_ms = left > 1'000'000 ? 1'000'000 : static_cast<int>(left);
        }
        pollfd p{fd_.get(), POLLIN, 0};
        if (::poll(&p, 1, wait_ms) < 0 && errno != EINTR) return fail(last_error());
    }
}

}  // namespace sockit
