// SPDX-License-Identifier: MIT
// connect_multiplexer on loopback: open, refused, deadline (a blackholed local port), a bounded window,
// ids in start order, cancel_all closing what is in flight, and UDP probes (refused, silent, answered).
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <map>
#include <vector>

#include "fd_test_util.hpp"
#include "sock_test_util.hpp"
#include "sockit/sock/connect_multiplexer.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;
using test::ep;
using test::make_blackhole;
using test::open_fds;
using clock = std::chrono::steady_clock;

/// A port on 127.0.0.1 nobody listens on (bound once, then closed): connects there are refused.
endpoint refused_port(int type = SOCK_STREAM) {
    auto s = socket::open(AF_INET, type);
    EXPECT_TRUE(s && s->bind(ep("127.0.0.1:0")));
    return *s->local_endpoint();
}

/// Waits (bounded) until every attempt in flight has reported; outcomes by id.
std::map<std::size_t, connect_outcome> drain(connect_multiplexer& m, std::chrono::milliseconds limit = 5s) {
    std::map<std::size_t, connect_outcome> out;
    auto until = clock::now() + limit;
    while (!m.empty() && clock::now() < until) {
        auto got = m.wait(until);
        EXPECT_TRUE(got) << got.error().message();
        if (!got) break;
        for (auto& o : *got) out.emplace(o.id, std::move(o));
    }
    return out;
}

TEST(ConnectMultiplexer, OpenAndRefused) {
    auto server = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(server->bind(ep("127.0.0.1:0")) && server->listen());
    auto open = *server->local_endpoint();
    auto closed = refused_port();

    connect_multiplexer m(8);
    auto a = m.start(open);
    auto b = m.start(closed);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, 0u);
    EXPECT_EQ(*b, 1u);
    EXPECT_EQ(m.in_flight(), 2u);
    auto out = drain(m);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_FALSE(out[0].error) << out[0].error.message();
    EXPECT_TRUE(out[0].sock.is_open());
    EXPECT_EQ(out[0].target, open);
    EXPECT_EQ(*out[0].sock.peer_endpoint(), open);
    EXPECT_EQ(out[1].error, std::errc::connection_refused);
    EXPECT_FALSE(out[1].sock.is_open());
    EXPECT_TRUE(m.empty());
}

TEST(ConnectMultiplexer, ADeadlineEndsAnUnansweredAttempt) {
    auto hole = make_blackhole();
    if (!hole) GTEST_SKIP() << "could not build a blackholed port";
    connect_multiplexer m;
    connect_attempt_options how;
    auto start = clock::now();
    how.deadline = start + 150ms;
    ASSERT_TRUE(m.start(hole->address, how));
    auto out = drain(m);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].error, std::errc::timed_out);
    auto took = clock::now() - start;
    EXPECT_GE(took, 150ms);
    EXPECT_LT(took, 3s);
}

TEST(ConnectMultiplexer, WaitReturnsEmptyWhenItsOwnLimitPassesFirst) {
    auto hole = make_blackhole();
    if (!hole) GTEST_SKIP() << "could not build a blackholed port";
    connect_multiplexer m;
    ASSERT_TRUE(m.start(hole->address));  // no deadline of its own
    auto start = clock::now();
    auto got = m.wait(start + 50ms);
    ASSERT_TRUE(got);
    EXPECT_TRUE(got->empty());
    EXPECT_GE(clock::now() - start, 50ms);
    EXPECT_EQ(m.in_flight(), 1u);
    m.cancel_all();
    EXPECT_TRUE(m.empty());
}

TEST(ConnectMultiplexer, TheWindowIsBounded) {
    auto hole = make_blackhole();
    if (!hole) GTEST_SKIP() << "could not build a blackholed port";
    connect_multiplexer m(2);
    EXPECT_EQ(m.capacity(), 2u);
    ASSERT_TRUE(m.start(hole->address));
    ASSERT_TRUE(m.start(hole->address));
    EXPECT_FALSE(m.has_room());
    auto third = m.start(hole->address);
    ASSERT_FALSE(third);
    EXPECT_EQ(third.error(), std::errc::resource_unavailable_try_again);
    EXPECT_EQ(m.in_flight(), 2u);
    EXPECT_EQ(connect_multiplexer(0).capacity(), 1u);  // clamped up
}

TEST(ConnectMultiplexer, CancelAllClosesWhatIsInFlight) {
    auto hole = make_blackhole();
    if (!hole) GTEST_SKIP() << "could not build a blackholed port";
    const int before = open_fds();
    {
        connect_multiplexer m;
        for (int i = 0; i < 4; ++i) ASSERT_TRUE(m.start(hole->address));
        EXPECT_EQ(open_fds(), before + 4);
        m.cancel_all();
        EXPECT_EQ(open_fds(), before);
        ASSERT_TRUE(m.start(hole->address));  // usable again; closed by the destructor
    }
    EXPECT_EQ(open_fds(), before);
}

TEST(ConnectMultiplexer, ManyAttemptsEachReportOnce) {
    auto server = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(server->bind(ep("127.0.0.1:0")) && server->listen(64));
    auto open = *server->local_endpoint();
    auto closed = refused_port();
    connect_multiplexer m(4);
    std::size_t started = 0, reported = 0, refused = 0;
    auto until = clock::now() + 5s;
    while ((started < 40 || !m.empty()) && clock::now() < until) {
        while (started < 40 && m.has_room()) {
            ASSERT_TRUE(m.start(started % 2 == 0 ? open : closed));
            ++started;
        }
        auto got = m.wait(until);
        ASSERT_TRUE(got);
        for (const auto& o : *got) {
            ++reported;
            EXPECT_EQ(o.error ? 1u : 0u, o.id % 2);
            if (o.error == std::errc::connection_refused) ++refused;
        }
    }
    EXPECT_EQ(reported, 40u);
    EXPECT_EQ(refused, 20u);
}

TEST(ConnectMultiplexer, AnImmediateFailureIsReportedWithoutWaiting) {
    connect_multiplexer m;
    connect_attempt_options how;
    how.source = ep("192.0.2.1:0");  // not ours: bind fails at once (EADDRNOTAVAIL)
    ASSERT_TRUE(m.start(ep("127.0.0.1:9"), how));
    auto start = clock::now();
    auto got = m.wait(std::nullopt);  // no limit: must not block
    ASSERT_TRUE(got);
    ASSERT_EQ(got->size(), 1u);
    EXPECT_EQ((*got)[0].error, std::errc::address_not_available);
    EXPECT_LT(clock::now() - start, 1s);
}

TEST(ConnectMultiplexer, UdpProbes) {
    auto closed = refused_port(SOCK_DGRAM);
    auto silent = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(silent->bind(ep("127.0.0.1:0")));
    auto answering = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(answering->bind(ep("127.0.0.1:0")));

    connect_multiplexer m;
    connect_attempt_options how;
    how.socktype = SOCK_DGRAM;
    how.deadline = clock::now() + 300ms;
    ASSERT_TRUE(m.start(closed, how));
    ASSERT_TRUE(m.start(*silent->local_endpoint(), how));
    ASSERT_TRUE(m.start(*answering->local_endpoint(), how));

    // The answering port replies to the empty probe.
    std::array<std::uint8_t, 16> buf{};
    ASSERT_TRUE(answering->wait_readable(2000ms));
    auto probe = answering->recvfrom(buf);
    ASSERT_TRUE(probe);
    EXPECT_EQ(probe->size, 0u);
    ASSERT_TRUE(answering->sendto(as_bytes("hi"), probe->from));

    auto out = drain(m);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].error, std::errc::connection_refused);
    EXPECT_EQ(out[1].error, std::errc::timed_out);  // "open or filtered"
    EXPECT_FALSE(out[2].error) << out[2].error.message();
}

}  // namespace
}  // namespace sockit
