// SPDX-License-Identifier: MIT
// Tests of the server engine (serve/) on loopback, with tiny handlers of the test's own: every model
// serves, limits hold (max connections, UDP reply bound, source ports, per-source rate), errors are precise,
// and reactors share one socket per port among their loops and with no other process.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sockit/serve/rate_limiter.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::serve {
namespace {

using namespace std::chrono_literals;

// Echo: sends back what it gets; "boom" throws (the engine must end only that connection).
class test_echo final : public stream_handler {
public:
    void on_data(stream_context& ctx, bytes_view data) override {
        if (as_chars(data).find("boom") != std::string_view::npos) throw std::runtime_error("boom");
        ctx.write(data);
    }
};

// Answers each datagram with `factor` times its size of 'a' (an amplifier the policy must bound).
class test_amplifier final : public datagram_handler {
public:
    std::size_t on_datagram(bytes_view request, const endpoint&, std::span<std::uint8_t> reply) override {
        const std::size_t n = std::min(reply.size(), request.size() * 100);
        std::memset(reply.data(), 'a', n);
        return n;
    }
};

endpoint loopback(std::uint16_t port = 0) { return endpoint(*ip_address::parse("127.0.0.1"), port); }

listener_spec tcp_echo() {
    listener_spec l;
    l.service = "echo";
    l.proto = transport::tcp;
    l.address = loopback();
    l.make_stream = [] { return std::make_unique<test_echo>(); };
    return l;
}

listener_spec udp_amp(datagram_policy p) {
    listener_spec l;
    l.service = "amp";
    l.proto = transport::udp;
    l.address = loopback();
    l.make_datagram = [] { return std::make_unique<test_amplifier>(); };
    l.policy = p;
    return l;
}

// A server running on a thread of the test; stops and joins on destruction.
struct running {
    std::unique_ptr<server> srv;
    std::thread thread;
    result<void> outcome;
    explicit running(std::unique_ptr<server> s) : srv(std::move(s)) {
        thread = std::thread([this] { outcome = srv->run(); });
    }
    ~running() {
        srv->request_stop();
        thread.join();
    }
    std::uint16_t port(std::size_t i) const { return srv->listeners().at(i).local.port(); }
};

socket connect_to(std::uint16_t port) {
    auto s = socket::open(AF_INET, SOCK_STREAM);
    EXPECT_TRUE(s);
    EXPECT_TRUE(s->connect(loopback(port), 5000ms));
    return std::move(*s);
}

std::string read_until_eof(socket& s) {
    std::string got;
    std::uint8_t buf[4096];
    for (;;) {
        auto ready = s.wait_readable(5000ms);
        if (!ready || !*ready) return got + "<timeout>";
        auto n = s.recv(buf);
        if (!n) return got + "<" + n.error().message() + ">";
        if (*n == 0) return got;
        got.append(reinterpret_cast<const char*>(buf), *n);
    }
}

class every_model : public ::testing::TestWithParam<server_model> {};

TEST_P(every_model, echoes_and_isolates_a_throwing_handler) {
    server_options o;
    o.model = GetParam();
    o.workers = 2;
    o.idle_timeout = 5s;
    o.grace = 200ms;
    auto s = server::create(o, {tcp_echo()});
    ASSERT_TRUE(s) << s.error().message();
    ASSERT_EQ((*s)->listeners().size(), 1u);
    EXPECT_NE((*s)->listeners()[0].local.port(), 0) << "port 0 must be reported as the bound port";
    running r(std::move(*s));

    struct row {
        const char* send;
        const char* want;
    };
    const row rows[] = {
        {"hello\r\n", "hello\r\n"},  // a line comes back as is
        {"boom", ""},                // the handler throws: the connection ends, nothing echoed
        {"x", "x"},                  // and the server still serves the next one
    };
    for (const auto& row : rows) {
        auto c = connect_to(r.port(0));
        ASSERT_TRUE(c.send_all(as_bytes(row.send)));
        ASSERT_TRUE(c.shutdown(shutdown_mode::write));
        std::string got = read_until_eof(c);
        if (std::string(row.want).empty())
            EXPECT_TRUE(got.empty() || got.find('<') == 0) << got;
        else
            EXPECT_EQ(got, row.want);
    }
}

TEST_P(every_model, max_connections_closes_the_extra_ones_at_once) {
    if (GetParam() == server_model::uniplex) GTEST_SKIP() << "uniplex accepts nothing while it serves one";
    server_options o;
    o.model = GetParam();
    o.workers = 4;
    o.max_connections = 1;
    // A forked child holds copies of this process's client sockets, so closing them here sends no FIN:
    // a short grace keeps the fork case quick.
    o.grace = 200ms;
    auto s = server::create(o, {tcp_echo()});
    ASSERT_TRUE(s);
    running r(std::move(*s));
    auto first = connect_to(r.port(0));
    ASSERT_TRUE(first.send_all(as_bytes("1")));
    std::uint8_t b[1];
    ASSERT_TRUE(first.wait_readable(5000ms));
    ASSERT_EQ(first.recv(b).value_or(0), 1u);  // the first one is being served
    auto second = connect_to(r.port(0));
    EXPECT_EQ(read_until_eof(second), "") << "the extra connection must see EOF at once";
    EXPECT_GE(r.srv->stats().rejected.load(), 1u);
}

INSTANTIATE_TEST_SUITE_P(serve, every_model, ::testing::ValuesIn(all_server_models),
                         [](const auto& p) { return std::string(to_string(p.param)); });

TEST(serve_udp, policy_bounds_replies_and_refuses_privileged_ports) {
    datagram_policy p;
    p.max_reply = 512;
    p.rate_per_source = 5;
    p.burst_per_source = 5;
    server_options o;
    o.model = server_model::epoll;
    auto s = server::create(o, {udp_amp(p)});
    ASSERT_TRUE(s);
    running r(std::move(*s));

    auto c = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(c);
    std::uint8_t buf[2048];
    // 20 datagrams at once from one source: the burst of 5 is answered, each reply cut to 512 bytes.
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(c->sendto(as_bytes("0123456789"), loopback(r.port(0))));
    int replies = 0;
    while (c->wait_readable(300ms).value_or(false)) {
        auto d = c->recvfrom(buf);
        ASSERT_TRUE(d);
        EXPECT_EQ(d->size, 512u) << "10 bytes x100 must be bounded by max_reply";
        ++replies;
    }
    EXPECT_EQ(replies, 5);
    EXPECT_EQ(r.srv->stats().rate_limited.load(), 15u);

    if (::geteuid() != 0) GTEST_SKIP() << "binding source port 999 needs root";
    auto low = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(low);
    ASSERT_TRUE(low->bind(loopback(999)));
    ASSERT_TRUE(low->sendto(as_bytes("x"), loopback(r.port(0))));
    EXPECT_FALSE(low->wait_readable(300ms).value_or(true)) << "a reply went to source port 999";
    EXPECT_EQ(r.srv->stats().refused_port.load(), 1u);
}

TEST(serve_create, errors_are_precise) {
    server_options o;
    // Nothing to serve.
    auto none = server::create(o, {});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error(), std::errc::invalid_argument);
    // A TCP listener without its factory.
    auto l = tcp_echo();
    l.make_stream = nullptr;
    auto nofactory = server::create(o, {l});
    ASSERT_FALSE(nofactory);
    EXPECT_EQ(nofactory.error(), std::errc::invalid_argument);
    // The port is taken.
    auto first = server::create(o, {tcp_echo()});
    ASSERT_TRUE(first);
    auto taken = tcp_echo();
    taken.address = loopback((*first)->listeners()[0].local.port());
    server_options single;
    single.model = server_model::epoll;
    auto second = server::create(single, {taken});
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error(), std::errc::address_in_use);
}

// Success when `r` failed with EADDRINUSE.
template <class R>
::testing::AssertionResult in_use(const R& r) {
    if (r) return ::testing::AssertionFailure() << "bound a port in use";
    if (r.error() != std::errc::address_in_use) return ::testing::AssertionFailure() << r.error().message();
    return ::testing::AssertionSuccess();
}

// Reactors: an SO_REUSEPORT group per port that only this server's loops are in. A second server, of any
// model (reactors included), must get EADDRINUSE instead of a share of the connections.
TEST(serve_port, reactors_keep_their_port_to_themselves) {
    server_options o;
    o.model = server_model::reactors;
    o.workers = 2;
    auto first = server::create(o, {tcp_echo(), udp_amp({})});
    ASSERT_TRUE(first) << first.error().message();
    const std::uint16_t tcp_port = (*first)->listeners()[0].local.port();
    const std::uint16_t udp_port = (*first)->listeners()[1].local.port();
    running r(std::move(*first));

    for (auto model : {server_model::reactors, server_model::epoll}) {
        server_options again;
        again.model = model;
        again.workers = 2;
        auto tcp = tcp_echo();
        tcp.address = loopback(tcp_port);
        EXPECT_TRUE(in_use(server::create(again, {tcp}))) << to_string(model) << ", TCP";
        auto udp = udp_amp({});
        udp.address = loopback(udp_port);
        EXPECT_TRUE(in_use(server::create(again, {udp}))) << to_string(model) << ", UDP";
    }
    // A program of the same user that sets SO_REUSEPORT itself can still join the group: the kernel allows
    // it, and that is its choice. What is refused is a second server that did not ask to share.
    // The server still serves both.
    auto c = connect_to(tcp_port);
    ASSERT_TRUE(c.send_all(as_bytes("hi")));
    ASSERT_TRUE(c.shutdown(shutdown_mode::write));
    EXPECT_EQ(read_until_eof(c), "hi");
    auto u = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(u);
    ASSERT_TRUE(u->sendto(as_bytes("x"), loopback(udp_port)));
    EXPECT_TRUE(u->wait_readable(5000ms).value_or(false)) << "no UDP reply";
}

// The loops of reactors share the connections of one port (the kernel spreads them over the group).
TEST(serve_port, reactors_share_the_connections_of_one_port) {
    std::mutex mu;
    std::set<std::thread::id> serving;
    auto l = tcp_echo();
    l.make_stream = [&] {
        {
            std::lock_guard lock(mu);
            serving.insert(std::this_thread::get_id());
        }
        std::this_thread::sleep_for(5ms);
        return std::make_unique<test_echo>();
    };
    server_options o;
    o.model = server_model::reactors;
    o.workers = 2;
    auto s = server::create(o, {l});
    ASSERT_TRUE(s);
    running r(std::move(*s));
    std::vector<socket> clients;
    for (int i = 0; i < 40; ++i) {
        clients.push_back(connect_to(r.port(0)));
        ASSERT_TRUE(clients.back().send_all(as_bytes("x")));
    }
    std::uint8_t b[1];
    for (auto& c : clients) {
        ASSERT_TRUE(c.wait_readable(5000ms).value_or(false));
        ASSERT_EQ(c.recv(b).value_or(0), 1u);
    }
    EXPECT_EQ(r.srv->stats().accepted.load(), 40u);
    std::lock_guard lock(mu);
    EXPECT_EQ(serving.size(), 2u) << "40 connections, 2 loops: every connection went to one loop";
}

// Stopping closes every loop's socket: the port is free again.
TEST(serve_port, reactors_free_the_port_when_they_stop) {
    server_options o;
    o.model = server_model::reactors;
    o.workers = 3;
    o.grace = 100ms;
    auto s = server::create(o, {tcp_echo(), udp_amp({})});
    ASSERT_TRUE(s);
    const std::uint16_t tcp_port = (*s)->listeners()[0].local.port();
    const std::uint16_t udp_port = (*s)->listeners()[1].local.port();
    {
        running r(std::move(*s));
        auto c = connect_to(tcp_port);
        ASSERT_TRUE(c.send_all(as_bytes("x")));
        ASSERT_TRUE(c.wait_readable(5000ms).value_or(false));
    }
    auto tcp = tcp_echo();
    tcp.address = loopback(tcp_port);
    auto udp = udp_amp({});
    udp.address = loopback(udp_port);
    auto again = server::create(o, {tcp, udp});
    EXPECT_TRUE(again) << again.error().message();
}

TEST(serve_rate_limiter, token_buckets_per_source) {
    using clock = rate_limiter::clock;
    const auto a = *ip_address::parse("192.0.2.1");
    const auto b = *ip_address::parse("2001:db8::1");
    const auto t0 = clock::time_point(std::chrono::seconds(1000));
    rate_limiter rl(2, 3, 2);  // 2 per second, bursts of 3, at most 2 sources
    struct row {
        const ip_address* src;
        clock::duration at;
        bool allowed;
    };
    const row rows[] = {
        {&a, 0ms, true},                                          // burst: 3 at once
        {&a, 0ms, true},    {&a, 0ms, true},   {&a, 0ms, false},  // the 4th waits
        {&b, 0ms, true},                                          // another source has its own bucket
        {&a, 500ms, true},                                        // 0.5 s later: one token back
        {&a, 500ms, false}, {&b, 500ms, true},  // b draws again, so it is not refilled at 600 ms either
    };
    for (std::size_t i = 0; i < std::size(rows); ++i)
        EXPECT_EQ(rl.allow(*rows[i].src, t0 + rows[i].at), rows[i].allowed) << "row " << i;
    // The table is full (2 sources, neither refilled): a third source is refused...
    const auto c = *ip_address::parse("198.51.100.7");
    EXPECT_FALSE(rl.allow(c, t0 + 600ms));
    // ...until the others have refilled and can be forgotten.
    EXPECT_TRUE(rl.allow(c, t0 + 10s));
    EXPECT_LE(rl.size(), 2u);
    // Rate 0: no limit.
    rate_limiter off(0, 0);
    for (int i = 0; i < 100; ++i) EXPECT_TRUE(off.allow(a, t0));
}

}  // namespace
}  // namespace sockit::serve
