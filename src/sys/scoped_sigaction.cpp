// SPDX-License-Identifier: MIT
// scoped_sigaction: sigaction(2) with an explicit SA_RESTART choice, undone on destruction.
#include "sockit/sys/scoped_sigaction.hpp"

#include <utility>

#include "sockit/sys/sys_error.hpp"

namespace sockit {

result<scoped_sigaction> scoped_sigaction::install(int signo, void (*handler)(int),
                                                   syscall_restart restart) noexcept {
    if (signo <= 0 || signo >= NSIG || signo == SIGKILL || signo == SIGSTOP || handler == nullptr)
        return fail(sys_error(EINVAL));
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = restart == syscall_restart::yes ? SA_RESTART : 0;
    struct sigaction previous {};
    if (::sigaction(signo, &action, &previous) != 0) return fail(last_error());
    return scoped_sigaction(signo, previous);
}

scoped_sigaction::scoped_sigaction(scoped_sigaction&& other) noexcept
    : signo_(std::exchange(other.signo_, 0)), previous_(other.previous_) {}

scoped_sigaction& scoped_sigaction::operator=(scoped_sigaction&& other) noexcept {
    if (this != &other) {
        restore();
        signo_ = std::exchange(other.signo_, 0);
        previous_ = other.previous_;
    }
    return *this;
}

scoped_sigaction::~scoped_sigaction() { restore(); }

void scoped_sigaction::restore() noexcept {
    if (signo_ == 0) return;
    (void)::sigaction(signo_, &previous_, nullptr);
    signo_ = 0;
}

}  // namespace sockit
