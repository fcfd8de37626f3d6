// SPDX-License-Identifier: MIT
// Unit tests for signal_fd (signals as pollable reads, SIGCHLD with the child's pid, mask restored and
// pending signals drained on destruction) and scoped_sigaction (EINTR with and without SA_RESTART).
#include <gtest/gtest.h>
#include <poll.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sockit/sys/scoped_sigaction.hpp"
#include "sockit/sys/signal_fd.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;

bool is_blocked(int signo) {
    sigset_t now;
    ::pthread_sigmask(SIG_BLOCK, nullptr, &now);
    return sigismember(&now, signo) == 1;
}

TEST(SignalFd, ReportsRaisedSignalsThroughAPollableDescriptor) {
    ASSERT_FALSE(is_blocked(SIGUSR1));
    {
        auto sfd = signal_fd::open({SIGUSR1, SIGUSR2});
        ASSERT_TRUE(sfd) << sfd.error().message();
        EXPECT_TRUE(is_blocked(SIGUSR1));
        auto none = sfd->read();
        ASSERT_TRUE(none);
        EXPECT_FALSE(*none);  // nothing pending: no block, no error

        ::pthread_kill(::pthread_self(), SIGUSR2);
        pollfd p{sfd->fd(), POLLIN, 0};
        ASSERT_EQ(::poll(&p, 1, 1000), 1);  // the descriptor polls readable
        auto got = sfd->read();
        ASSERT_TRUE(got && *got);
        EXPECT_EQ((*got)->signo, SIGUSR2);
        EXPECT_EQ((*got)->pid, ::getpid());

        auto timeout = sfd->wait(30ms);  // nothing more: times out
        ASSERT_TRUE(timeout);
        EXPECT_FALSE(*timeout);
    }
    EXPECT_FALSE(is_blocked(SIGUSR1));  // the previous mask is back
    EXPECT_FALSE(is_blocked(SIGUSR2));
}

TEST(SignalFd, ReportsChildExitWithPidAndStatus) {
    auto sfd = signal_fd::open();  // the default set: SIGINT, SIGTERM, SIGCHLD
    ASSERT_TRUE(sfd);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) ::_exit(7);
    auto got = sfd->wait(5000ms);
    ASSERT_TRUE(got && *got);
    EXPECT_EQ((*got)->signo, SIGCHLD);
    EXPECT_EQ((*got)->pid, child);
    EXPECT_EQ((*got)->code, CLD_EXITED);
    EXPECT_EQ((*got)->status, 7);
    int status = 0;
    EXPECT_EQ(::waitpid(child, &status, 0), child);
}

TEST(SignalFd, DestructionDiscardsPendingInsteadOfDying) {
    // SIGTERM's default action kills the process: after the signal_fd goes away with one pending, the
    // test is still running only if the destructor consumed it before unblocking.
    {
        auto sfd = signal_fd::open({SIGTERM});
        ASSERT_TRUE(sfd);
        ::pthread_kill(::pthread_self(), SIGTERM);
    }
    EXPECT_FALSE(is_blocked(SIGTERM));
    sigset_t pending;
    sigpending(&pending);
    EXPECT_EQ(sigismember(&pending, SIGTERM), 0);
}

TEST(SignalFd, KeepsSignalsThatWereAlreadyBlocked) {
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    ASSERT_EQ(::pthread_sigmask(SIG_BLOCK, &usr1, nullptr), 0);
    {
        auto sfd = signal_fd::open({SIGUSR1});
        ASSERT_TRUE(sfd);
    }
    EXPECT_TRUE(is_blocked(SIGUSR1));  // blocked before, blocked after
    ASSERT_EQ(::pthread_sigmask(SIG_UNBLOCK, &usr1, nullptr), 0);
}

TEST(SignalFd, MoveTransfersOwnership) {
    auto a = signal_fd::open({SIGUSR1});
    ASSERT_TRUE(a);
    signal_fd b = std::move(*a);
    EXPECT_TRUE(is_blocked(SIGUSR1));  // the moved-from object did not restore the mask
    ::pthread_kill(::pthread_self(), SIGUSR1);
    auto got = b.read();
    ASSERT_TRUE(got && *got);
    EXPECT_EQ((*got)->signo, SIGUSR1);
}

TEST(SignalFd, RejectsUncatchableSignals) {
    struct row {
        int signo;
    };
    const row rows[] = {{SIGKILL}, {SIGSTOP}, {0}, {NSIG + 5}};  // uncatchable, zero, out of range
    for (const auto& r : rows) {
        auto sfd = signal_fd::open({SIGUSR1, r.signo});
        ASSERT_FALSE(sfd) << r.signo;
        EXPECT_EQ(sfd.error(), std::errc::invalid_argument);
        EXPECT_FALSE(is_blocked(SIGUSR1));  // nothing changed on error
    }
}

std::atomic<int> handled{0};
void on_signal(int) { handled.fetch_add(1); }

/// Blocks in read(2) on an empty pipe while another thread signals this one after 50 ms; returns read's
/// errno (EINTR when interrupted) or 0 when read returned data (written by the helper at 300 ms).
int interrupted_read() {
    int fds[2];
    if (::pipe(fds) != 0) return -1;
    unique_fd r(fds[0]);
    unique_fd w(fds[1]);
    const pthread_t self = ::pthread_self();
    std::thread helper([&] {
        std::this_thread::sleep_for(50ms);
        ::pthread_kill(self, SIGUSR1);
        std::this_thread::sleep_for(250ms);
        (void)!::write(w.get(), "x", 1);  // ends a restarted read
    });
    char c = 0;
    ssize_t n = ::read(r.get(), &c, 1);
    int err = n < 0 ? errno : 0;
    helper.join();
    return err;
}

TEST(ScopedSigaction, WithoutRestartABlockingCallSeesEintr) {
    struct row {
        syscall_restart restart;
        int want_errno;  // what read(2) reports after the signal
    };
    const row rows[] = {
        {syscall_restart::no, EINTR},  // interrupted: the caller notices the signal
        {syscall_restart::yes, 0},     // SA_RESTART: read resumes and gets the byte
    };
    for (const auto& r : rows) {
        handled = 0;
        auto h = scoped_sigaction::install(SIGUSR1, on_signal, r.restart);
        ASSERT_TRUE(h);
        EXPECT_EQ(h->signo(), SIGUSR1);
        EXPECT_EQ(interrupted_read(), r.want_errno);
        EXPECT_EQ(handled.load(), 1);
    }
}

TEST(ScopedSigaction, RestoresThePreviousAction) {
    struct sigaction before {};
    ::sigaction(SIGUSR2, nullptr, &before);
    {
        auto h = scoped_sigaction::install(SIGUSR2, on_signal);
        ASSERT_TRUE(h);
        struct sigaction during {};
        ::sigaction(SIGUSR2, nullptr, &during);
        EXPECT_EQ(during.sa_handler, &on_signal);
        EXPECT_EQ(during.sa_flags & SA_RESTART, 0);
        scoped_sigaction moved = std::move(*h);  // ownership moves; restore happens once
        EXPECT_EQ(h->signo(), 0);
    }
    struct sigaction after {};
    ::sigaction(SIGUSR2, nullptr, &after);
    EXPECT_EQ(after.sa_handler, before.sa_handler);
    EXPECT_EQ(scoped_sigaction::install(SIGKILL, on_signal).error(), std::errc::invalid_argument);
    EXPECT_EQ(scoped_sigaction::install(SIGUSR1, nullptr).error(), std::errc::invalid_argument);
}

TEST(ScopedSigaction, KeepInstalledOutlivesTheObject) {
    struct sigaction before {};
    ::sigaction(SIGUSR2, nullptr, &before);
    {
        auto h = scoped_sigaction::install(SIGUSR2, on_signal);
        ASSERT_TRUE(h);
        h->keep_installed();
        EXPECT_EQ(h->signo(), 0);
    }
    struct sigaction after {};
    ::sigaction(SIGUSR2, nullptr, &after);
    EXPECT_EQ(after.sa_handler, &on_signal);  // still ours after the destructor
    ::sigaction(SIGUSR2, &before, nullptr);
}

}  // namespace
}  // namespace sockit
