// SPDX-License-Identifier: MIT
// Unit tests for poller and event_loop, every test run on every backend (epoll, poll, select).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <string>
#include <thread>
#include <vector>

#include "sockit/event/event_errc.hpp"
#include "sockit/event/event_loop.hpp"
#include "sockit/event/poller.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;

struct fd_pair {
    unique_fd a;
    unique_fd b;
};

fd_pair make_socketpair() {
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
    return {unique_fd(sv[0]), unique_fd(sv[1])};
}

fd_pair make_pipe() {
    int p[2];
    EXPECT_EQ(::pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
    return {unique_fd(p[0]), unique_fd(p[1])};  // a: read end, b: write end
}

void put(int fd, std::string_view s) {
    ASSERT_EQ(::write(fd, s.data(), s.size()), static_cast<ssize_t>(s.size()));
}

double thread_cpu_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string backend_name(const ::testing::TestParamInfo<poller_backend>& p) {
    return std::string(to_string(p.param));
}

class EventLoop : public ::testing::TestWithParam<poller_backend> {
protected:
    std::unique_ptr<event_loop> make() {
        auto r = event_loop::create(GetParam());
        EXPECT_TRUE(r) << r.error().message();
        return std::move(*r);
    }
    // Runs iterations until `done` or a 5 s deadline (never hangs a test).
    static void run_until(event_loop& loop, const std::function<bool()>& done) {
        auto deadline = std::chrono::steady_clock::now() + 5s;
        while (!done() && std::chrono::steady_clock::now() < deadline) ASSERT_TRUE(loop.run_once(50ms));
        ASSERT_TRUE(done()) << "condition not reached within 5 s";
    }
};

TEST_P(EventLoop, ReadableOnlyWhenDataArrives) {
    auto loop = make();
    auto p = make_pipe();
    int calls = 0;
    std::string got;
    auto h = loop->watch(p.a.get(), io_mask::readable,
                         {[&] {
                              ++calls;
                              char buf[64];
                              auto n = ::read(p.a.get(), buf, sizeof buf);
                              if (n > 0) got.append(buf, static_cast<std::size_t>(n));
                          },
                          {}});
    ASSERT_TRUE(h);
    EXPECT_EQ(*loop->run_once(0ms), 0u);  // nothing written yet: no callback
    EXPECT_EQ(calls, 0);
    put(p.b.get(), "ping");
    EXPECT_EQ(*loop->run_once(1s), 1u);
    EXPECT_EQ(got, "ping");
    EXPECT_EQ(*loop->run_once(0ms), 0u);  // drained: level-triggered, nothing more
    EXPECT_EQ(loop->watch_count(), 1u);
    EXPECT_EQ(loop->backend(), GetParam());
}

TEST_P(EventLoop, ReadableIsDispatchedBeforeWritable) {
    auto loop = make();
    auto s = make_socketpair();
    put(s.b.get(), "x");  // a is now readable and writable
    std::string order;
    auto h = loop->watch(s.a.get(), io_mask::read_write, {[&] { order += 'r'; }, [&] { order += 'w'; }});
    ASSERT_TRUE(h);
    EXPECT_EQ(*loop->run_once(1s), 2u);
    EXPECT_EQ(order, "rw");
}

TEST_P(EventLoop, InterestChangesAndPausedHangupDoesNotSpin) {
    auto loop = make();
    auto s = make_socketpair();
    int reads = 0, writes = 0;
    auto h = loop->watch(s.a.get(), io_mask::writable, {[&] { ++reads; }, [&] { ++writes; }});
    ASSERT_TRUE(h);
    EXPECT_EQ(*loop->run_once(1s), 1u);
    EXPECT_EQ(writes, 1);
    ASSERT_TRUE(loop->set_interest(*h, io_mask::none));
    EXPECT_EQ(loop->interest(*h), io_mask::none);
    s.b.reset();  // peer hangs up: epoll and poll would report HUP even without interest
    EXPECT_EQ(*loop->run_once(20ms), 0u);  // paused: no report, and no immediate return either
    EXPECT_EQ(reads + writes, 1);
    ASSERT_TRUE(loop->set_interest(*h, io_mask::readable));
    EXPECT_EQ(*loop->run_once(1s), 1u);  // the hangup shows as readable (read returns 0)
    EXPECT_EQ(reads, 1);
    char c;
    EXPECT_EQ(::read(s.a.get(), &c, 1), 0);
}

TEST_P(EventLoop, UnwatchAndCloseOwnWatchInsideCallback) {
    auto loop = make();
    auto s = make_socketpair();
    put(s.b.get(), "x");
    int reads = 0, writes = 0;
    watch_handle h{};
    auto r = loop->watch(s.a.get(), io_mask::read_write,
                         {[&] {
                              ++reads;
                              EXPECT_TRUE(loop->unwatch(h));
                              s.a.reset();  // close the descriptor right away
                          },
                          [&] { ++writes; }});
    ASSERT_TRUE(r);
    h = *r;
    EXPECT_EQ(*loop->run_once(1s), 1u);
    EXPECT_EQ(reads, 1);
    EXPECT_EQ(writes, 0);  // removed by the readable callback: no writable callback this round
    EXPECT_FALSE(loop->is_watched(h));
    EXPECT_FALSE(loop->unwatch(h));  // stale
    EXPECT_EQ(loop->watch_count(), 0u);
    EXPECT_EQ(*loop->run_once(10ms), 0u);
}

TEST_P(EventLoop, StaleReportNeverReachesAReusedDescriptorNumber) {
    // Two ready watches. Whichever runs first unwatches and closes the other, then reuses its descriptor
    // number (dup2) for a new, idle watch. The round's report for the old watch must not reach the new one.
    auto loop = make();
    auto x = make_socketpair();
    auto y = make_socketpair();
    put(x.b.get(), "1");
    put(y.b.get(), "2");
    watch_handle hx{}, hy{};
    int first_calls = 0, intruder_calls = 0;
    auto idle = make_pipe();
    bool done = false;
    auto take_over = [&](watch_handle other, unique_fd& other_fd) {
        ++first_calls;
        if (done) return;
        done = true;
        int number = other_fd.get();
        EXPECT_TRUE(loop->unwatch(other));
        other_fd.reset();
        ASSERT_EQ(::dup2(idle.a.get(), number), number);  // same number, an empty pipe: never readable
        other_fd.reset(number);
        auto nh = loop->watch(number, io_mask::readable, {[&] { ++intruder_calls; }, {}});
        ASSERT_TRUE(nh);
    };
    hx = *loop->watch(x.a.get(), io_mask::readable, {[&] { take_over(hy, y.a); }, {}});
    hy = *loop->watch(y.a.get(), io_mask::readable, {[&] { take_over(hx, x.a); }, {}});
    ASSERT_TRUE(loop->run_once(1s));
    EXPECT_EQ(first_calls, 1);
    EXPECT_EQ(intruder_calls, 0);
    ASSERT_TRUE(loop->run_once(10ms));
    EXPECT_EQ(intruder_calls, 0);
}

TEST_P(EventLoop, WatchErrors) {
    auto loop = make();
    auto p = make_pipe();
    struct row {
        const char* why;
        int fd;
        std::error_code expected;
    };
    ASSERT_TRUE(loop->watch(p.a.get(), io_mask::readable, {}));
    int closed = ::dup(p.b.get());
    ::close(closed);
    const row rows[] = {
        {"negative descriptor", -1, event_errc::bad_descriptor},
        {"already watched", p.a.get(), event_errc::already_watched},
        {"closed descriptor", closed, std::error_code(EBADF, std::system_category())},
    };
    for (const auto& r : rows) {
        auto got = loop->watch(r.fd, io_mask::readable, {});
        ASSERT_FALSE(got) << r.why;
        EXPECT_EQ(got.error(), r.expected) << r.why << ": " << got.error().message();
    }
    EXPECT_EQ(loop->set_interest(watch_handle{}, io_mask::readable).error(), event_errc::not_watched);
    EXPECT_EQ(loop->watch_count(), 1u);
}

TEST_P(EventLoop, DescriptorAboveFdSetsize) {
    // select must refuse (not overflow its fd_set); epoll and poll must work.
    rlimit lim{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &lim), 0);
    const rlim_t want = FD_SETSIZE + 100;
    if (lim.rlim_cur < want) {
        if (lim.rlim_max < want) GTEST_SKIP() << "RLIMIT_NOFILE hard limit below " << want;
        rlimit raised = lim;
        raised.rlim_cur = want;
        ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &raised), 0);
    }
    auto loop = make();
    auto p = make_pipe();
    unique_fd high(::fcntl(p.a.get(), F_DUPFD_CLOEXEC, FD_SETSIZE + 10));
    ASSERT_GE(high.get(), FD_SETSIZE);
    int reads = 0;
    auto h = loop->watch(high.get(), io_mask::readable, {[&] { ++reads; }, {}});
    if (GetParam() == poller_backend::select) {
        ASSERT_FALSE(h);
        EXPECT_EQ(h.error(), event_errc::fd_too_large_for_select);
        EXPECT_NE(h.error().message().find("FD_SETSIZE"), std::string::npos);
    } else {
        ASSERT_TRUE(h) << h.error().message();
        put(p.b.get(), "x");
        EXPECT_EQ(*loop->run_once(1s), 1u);
        EXPECT_EQ(reads, 1);
    }
    high.reset();
    if (lim.rlim_cur < want) {
        ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lim), 0);
    }
}

TEST_P(EventLoop, TimersFireInOrderAndNotEarly) {
    auto loop = make();
    std::string order;
    auto start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration fired_after{};
    (void)loop->add_timer(30ms, [&] {
        order += 'c';
        fired_after = std::chrono::steady_clock::now() - start;
    });
    (void)loop->add_timer(10ms, [&] { order += 'a'; });
    auto b = loop->add_timer(20ms, [&] { order += 'b'; });
    auto x = loop->add_timer(15ms, [&] { order += 'x'; });
    EXPECT_TRUE(loop->cancel_timer(x));
    EXPECT_TRUE(loop->rearm_timer(b, 25ms));
    run_until(*loop, [&] { return order.size() == 3; });
    EXPECT_EQ(order, "abc");
    EXPECT_GE(fired_after, 30ms);    // never early
    EXPECT_LT(fired_after, 1000ms);  // and not absurdly late
    EXPECT_EQ(loop->timer_count(), 0u);
}

TEST_P(EventLoop, PeriodicTimerAndRearmFromCallback) {
    auto loop = make();
    int ticks = 0;
    timer_handle periodic = loop->add_periodic(5ms, [&] { ++ticks; });
    int again = 0;
    timer_handle once{};
    once = loop->add_timer(1ms, [&] {
        if (++again < 3) {
            EXPECT_TRUE(loop->rearm_timer(once, 2ms));  // keeps a one-shot alive
        }
    });
    run_until(*loop, [&] { return ticks >= 4 && again == 3; });
    EXPECT_FALSE(loop->is_timer_live(once));
    EXPECT_TRUE(loop->is_timer_live(periodic));
    EXPECT_TRUE(loop->cancel_timer(periodic));
    EXPECT_EQ(loop->timer_count(), 0u);
}

TEST_P(EventLoop, PostFromManyThreadsRunsOnLoopThreadInOrder) {
    auto loop = make();
    constexpr int threads = 4, per_thread = 2000;
    std::vector<std::vector<int>> seen(threads);
    std::atomic<int> total{0};
    const auto loop_thread = std::this_thread::get_id();
    std::atomic<bool> wrong_thread{false};
    std::vector<std::thread> posters;
    for (int t = 0; t < threads; ++t) {
        posters.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                loop->post([&, t, i] {
                    if (std::this_thread::get_id() != loop_thread) wrong_thread = true;
                    seen[static_cast<std::size_t>(t)].push_back(i);
                    ++total;
                });
            }
        });
    }
    run_until(*loop, [&] { return total == threads * per_thread; });
    for (auto& th : posters) th.join();
    EXPECT_FALSE(wrong_thread);
    for (const auto& v : seen) EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
}

TEST_P(EventLoop, StopFromAnotherThreadWakesBlockedRun) {
    auto loop = make();
    std::thread stopper([&] {
        std::this_thread::sleep_for(50ms);  // let run() block in the kernel first
        loop->stop();
    });
    auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(loop->run());  // no watches, no timers: only stop() can end this
    stopper.join();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    loop->stop();  // before run(): run() returns at once
    ASSERT_TRUE(loop->run());
}

TEST_P(EventLoop, StopFromCallbackAndRunAgain) {
    auto loop = make();
    int n = 0;
    (void)loop->add_periodic(1ms, [&] {
        if (++n % 3 == 0) loop->stop();
    });
    ASSERT_TRUE(loop->run());
    EXPECT_EQ(n, 3);
    ASSERT_TRUE(loop->run());  // the stop request was consumed
    EXPECT_EQ(n, 6);
}

TEST_P(EventLoop, SignalsArriveAsCallbacks) {
    auto loop = make();
    std::vector<int> got;
    const int sigs[] = {SIGUSR1, SIGUSR2};
    auto h = loop->watch_signals(sigs, [&](const signal_info& si) { got.push_back(si.signo); });
    ASSERT_TRUE(h) << h.error().message();
    ASSERT_EQ(::pthread_kill(::pthread_self(), SIGUSR1), 0);  // blocked now: queued for the signalfd
    run_until(*loop, [&] { return got.size() == 1; });
    ASSERT_EQ(::pthread_kill(::pthread_self(), SIGUSR2), 0);
    run_until(*loop, [&] { return got.size() == 2; });
    EXPECT_EQ(got, (std::vector<int>{SIGUSR1, SIGUSR2}));
    EXPECT_TRUE(loop->unwatch(*h));  // restores the mask
    sigset_t now;
    ASSERT_EQ(::pthread_sigmask(SIG_SETMASK, nullptr, &now), 0);
    EXPECT_EQ(sigismember(&now, SIGUSR1), 0);
    const int bad[] = {SIGKILL};
    EXPECT_FALSE(loop->watch_signals(bad, [](const signal_info&) {}));
}

TEST_P(EventLoop, CallbackExceptionPropagatesAndLoopStaysUsable) {
    auto loop = make();
    (void)loop->add_timer(0ms, [] { throw std::runtime_error("boom"); });
    int later = 0;
    (void)loop->add_timer(1ms, [&] { ++later; });
    EXPECT_THROW((void)loop->run_once(1s), std::runtime_error);
    run_until(*loop, [&] { return later == 1; });
}

TEST_P(EventLoop, IdleLoopWithTimerUsesAlmostNoCpu) {
    // 400 ms of a loop with a 10 ms periodic timer, an idle pipe and a paused hung-up socket: a busy loop
    // would burn ~400 ms of CPU; a correct one sleeps in the kernel between 40 wake-ups.
    auto loop = make();
    auto p = make_pipe();
    auto s = make_socketpair();
    ASSERT_TRUE(loop->watch(p.a.get(), io_mask::readable, {[] {}, {}}));
    auto hs = loop->watch(s.a.get(), io_mask::none, {[] {}, [] {}});
    ASSERT_TRUE(hs);
    s.b.reset();
    int ticks = 0;
    (void)loop->add_periodic(10ms, [&] { ++ticks; });
    (void)loop->add_timer(400ms, [&] { loop->stop(); });
    const double cpu0 = thread_cpu_seconds();
    ASSERT_TRUE(loop->run());
    const double cpu = thread_cpu_seconds() - cpu0;
    EXPECT_GE(ticks, 20);
    EXPECT_LE(ticks, 41);
    EXPECT_LT(cpu, 0.05) << "CPU seconds used by an idle loop";
}

TEST_P(EventLoop, ManyReadyDescriptorsAllServed) {
    // More ready descriptors than the loop's first report buffer: every one is served within a few rounds.
    auto loop = make();
    constexpr int n = 200;
    std::vector<fd_pair> pipes;
    std::vector<int> hits(n, 0);
    for (int i = 0; i < n; ++i) {
        pipes.push_back(make_pipe());
        put(pipes.back().b.get(), "x");
        auto* rd = &pipes.back();
        ASSERT_TRUE(loop->watch(pipes.back().a.get(), io_mask::readable,
                                {[&hits, i, &pipes] {
                                     char c;
                                     (void)!::read(pipes[static_cast<std::size_t>(i)].a.get(), &c, 1);
                                     ++hits[static_cast<std::size_t>(i)];
                                 },
                                 {}}));
        (void)rd;
    }
    run_until(*loop, [&] { return std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }); });
}

INSTANTIATE_TEST_SUITE_P(Backends, EventLoop,
                         ::testing::Values(poller_backend::epoll, poller_backend::poll,
                                           poller_backend::select),
                         backend_name);

// --- the poller interface directly -------------------------------------------------------------------

class Poller : public ::testing::TestWithParam<poller_backend> {};

TEST_P(Poller, RegistrationErrors) {
    auto p = poller::create(GetParam());
    ASSERT_TRUE(p);
    auto fds = make_pipe();
    EXPECT_EQ((*p)->backend(), GetParam());
    ASSERT_TRUE((*p)->add(fds.a.get(), io_mask::readable));
    struct row {
        const char* why;
        result<void> got;
        event_errc expected;
    };
    const row rows[] = {
        {"add twice", (*p)->add(fds.a.get(), io_mask::readable), event_errc::already_watched},
        {"modify unknown", (*p)->modify(fds.b.get(), io_mask::writable), event_errc::not_watched},
        {"remove unknown", (*p)->remove(fds.b.get()), event_errc::not_watched},
        {"add negative", (*p)->add(-5, io_mask::readable), event_errc::bad_descriptor},
    };
    for (const auto& r : rows) {
        ASSERT_FALSE(r.got) << r.why;
        EXPECT_EQ(r.got.error(), r.expected) << r.why;
    }
    EXPECT_EQ((*p)->size(), 1u);
    ASSERT_TRUE((*p)->remove(fds.a.get()));
    EXPECT_EQ((*p)->size(), 0u);
}

TEST_P(Poller, SmallOutputBufferRotatesSoNoneStarves) {
    auto p = poller::create(GetParam());
    ASSERT_TRUE(p);
    std::vector<fd_pair> pipes;
    for (int i = 0; i < 10; ++i) {
        pipes.push_back(make_pipe());
        put(pipes.back().b.get(), "x");
        ASSERT_TRUE((*p)->add(pipes.back().a.get(), io_mask::readable));
    }
    std::vector<int> seen;
    poller_event out[3];
    for (int round = 0; round < 10; ++round) {
        auto n = (*p)->wait(out, std::chrono::nanoseconds(0));
        ASSERT_TRUE(n);
        ASSERT_LE(*n, 3u);
        for (std::size_t i = 0; i < *n; ++i) seen.push_back(out[i].fd);
    }
    for (const auto& fp : pipes)
        EXPECT_NE(std::find(seen.begin(), seen.end(), fp.a.get()), seen.end()) << fp.a.get();
}

TEST_P(Poller, TimeoutIsHonoured) {
    auto p = poller::create(GetParam());
    ASSERT_TRUE(p);
    poller_event out[4];
    auto start = std::chrono::steady_clock::now();
    auto n = (*p)->wait(out, std::chrono::nanoseconds(20ms));
    auto took = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 0u);
    EXPECT_GE(took, 20ms);
    EXPECT_LT(took, 2s);
}

TEST_P(Poller, ClosedWhileWatched) {
    // poll reports POLLNVAL and select EBADF; both become error|hangup on that descriptor. epoll forgets a
    // closed descriptor (the kernel drops it from the set), so it reports nothing.
    auto p = poller::create(GetParam());
    ASSERT_TRUE(p);
    auto fds = make_pipe();
    int fd = fds.a.get();
    ASSERT_TRUE((*p)->add(fd, io_mask::readable));
    fds.a.reset();
    poller_event out[4];
    auto n = (*p)->wait(out, std::chrono::nanoseconds(0));
    ASSERT_TRUE(n);
    if (GetParam() == poller_backend::epoll) {
        EXPECT_EQ(*n, 0u);
    } else {
        ASSERT_EQ(*n, 1u);
        EXPECT_EQ(out[0].fd, fd);
        EXPECT_TRUE(has_any(out[0].events, io_mask::error));
    }
    EXPECT_TRUE((*p)->remove(fd));  // removing after close is harmless
}

INSTANTIATE_TEST_SUITE_P(Backends, Poller,
                         ::testing::Values(poller_backend::epoll, poller_backend::poll,
                                           poller_backend::select),
                         backend_name);

TEST(PollerBackend, Names) {
    struct row {
        std::string_view text;
        bool ok;
        poller_backend backend;
    };
    const row rows[] = {
        {"epoll", true, poller_backend::epoll},    // default backend
        {"poll", true, poller_backend::poll},      // the seeds' poll(2)
        {"select", true, poller_backend::select},  // the seeds' select(2)
        {"EPOLL", false, {}},                      // case matters
        {"", false, {}},                           // empty
        {"kqueue", false, {}},                     // not on Linux
    };
    for (const auto& r : rows) {
        auto got = parse_poller_backend(r.text);
        ASSERT_EQ(got.has_value(), r.ok) << r.text;
        if (r.ok) {
            EXPECT_EQ(*got, r.backend);
            EXPECT_EQ(to_string(*got), r.text);
        } else {
            EXPECT_EQ(got.error(), event_errc::unknown_backend);
        }
    }
}

}  // namespace
}  // namespace sockit
