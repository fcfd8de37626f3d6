// SPDX-License-Identifier: MIT
// Unit tests for sys::poll_until (deadline honoured, readiness reported, signals absorbed) and the
// deadline helpers (ms_until rounding and clamping, poll_timeout, earliest).
#include <gtest/gtest.h>
#include <pthread.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <thread>

#include "fd_test_util.hpp"
#include "sockit/sys/deadline.hpp"
#include "sockit/sys/poll_until.hpp"
#include "sockit/sys/scoped_sigaction.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

using test::make_pipe;

using namespace std::chrono_literals;
using sys::steady_clock;

TEST(Deadline, MsUntilRoundsUpAndClamps) {
    auto now = steady_clock::now();
    EXPECT_EQ(sys::ms_until(now + 10ms, now), 10);
    EXPECT_EQ(sys::ms_until(now + 1us, now), 1);  // rounded up: never wake a hair early and spin
    EXPECT_EQ(sys::ms_until(now - 5ms, now), 0);  // passed
    EXPECT_EQ(sys::ms_until(now + std::chrono::hours(24 * 365), now), sys::max_poll_ms);
    EXPECT_EQ(sys::poll_timeout(std::nullopt, now), -1);
    EXPECT_EQ(sys::poll_timeout(now + 3ms, now), 3);
}

TEST(Deadline, EarliestTreatsNoneAsNever) {
    auto now = steady_clock::now();
    EXPECT_EQ(sys::earliest(std::nullopt, std::nullopt), std::nullopt);
    EXPECT_EQ(sys::earliest(now, std::nullopt), now);
    EXPECT_EQ(sys::earliest(std::nullopt, now), now);
    EXPECT_EQ(sys::earliest(now + 1ms, now), now);
}

TEST(PollUntil, ReturnsZeroWhenTheDeadlinePasses) {
    auto p = make_pipe();
    pollfd fd{p.read_end.get(), POLLIN, 0};
    auto start = steady_clock::now();
    auto n = sys::poll_until({&fd, 1}, start + 50ms);
    ASSERT_TRUE(n) << n.error().message();
    EXPECT_EQ(*n, 0u);
    auto waited = steady_clock::now() - start;
    EXPECT_GE(waited, 50ms);
    EXPECT_LT(waited, 2s);
}

TEST(PollUntil, APastDeadlinePollsOnceWithoutWaiting) {
    auto p = make_pipe();
    ASSERT_EQ(::write(p.write_end.get(), "x", 1), 1);
    std::array<pollfd, 2> fds{pollfd{p.read_end.get(), POLLIN, 0}, pollfd{p.write_end.get(), POLLOUT, 0}};
    fds[0].revents = 99;  // cleared by the call
    auto n = sys::poll_until(fds, steady_clock::now() - 1s);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 2u);
    EXPECT_TRUE(fds[0].revents & POLLIN);
    EXPECT_TRUE(fds[1].revents & POLLOUT);
}

TEST(PollUntil, ReportsReadinessBeforeTheDeadline) {
    auto p = make_pipe();
    std::thread writer([&] {
        std::this_thread::sleep_for(20ms);
        (void)::write(p.write_end.get(), "x", 1);
    });
    pollfd fd{p.read_end.get(), POLLIN, 0};
    auto start = steady_clock::now();
    auto n = sys::poll_until({&fd, 1}, std::nullopt);  // no deadline: until ready
    writer.join();
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 1u);
    EXPECT_LT(steady_clock::now() - start, 5s);
}

void ignore_signal(int) {}

TEST(PollUntil, ASignalDoesNotEndTheWaitEarly) {
    // A handler without SA_RESTART makes poll(2) fail with EINTR; poll_until must go on with the time left.
    auto handler = scoped_sigaction::install(SIGUSR1, ignore_signal, syscall_restart::no);
    ASSERT_TRUE(handler);
    auto p = make_pipe();
    pollfd fd{p.read_end.get(), POLLIN, 0};
    const pthread_t self = ::pthread_self();
    std::thread kicker([self] {
        for (int i = 0; i < 3; ++i) {
            std::this_thread::sleep_for(15ms);
            ::pthread_kill(self, SIGUSR1);
        }
    });
    auto start = steady_clock::now();
    auto n = sys::poll_until({&fd, 1}, start + 120ms);
    kicker.join();
    ASSERT_TRUE(n) << n.error().message();
    EXPECT_EQ(*n, 0u);
    EXPECT_GE(steady_clock::now() - start, 120ms);
}

TEST(PollUntil, ABadDescriptorIsReportedAsPollNval) {
    pollfd fd{-1, POLLIN, 0};  // negative: ignored by poll(2)
    auto n = sys::poll_until({&fd, 1}, steady_clock::now());
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 0u);
    auto p = make_pipe();
    int closed = p.read_end.release();
    ::close(closed);
    pollfd gone{closed, POLLIN, 0};
    n = sys::poll_until({&gone, 1}, steady_clock::now() + 1s);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 1u);
    EXPECT_TRUE(gone.revents & POLLNVAL);
}

}  // namespace
}  // namespace sockit
