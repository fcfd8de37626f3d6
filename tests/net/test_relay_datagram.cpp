// SPDX-License-Identifier: MIT
// relay::relay_datagram: one datagram per stdin read and one write per datagram, over a Unix datagram
// socketpair (connected) and UDP on 127.0.0.1 (first sender learnt, -v callback), -q and -C.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <array>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <utility>

#include "relay_test_util.hpp"
#include "sock_test_util.hpp"
#include "sockit/relay/datagram_relay.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;
using test::ep;
using test::make_pipe;
using test::read_exactly;
using test::write_text;
using clock = std::chrono::steady_clock;

std::string receive_one(socket& s) {
    std::array<std::uint8_t, 2048> buf{};
    if (!s.wait_readable(5000ms).value_or(false)) return "(nothing)";
    auto n = s.recv(buf);
    if (!n) return "(error)";
    return {reinterpret_cast<const char*>(buf.data()), *n};
}

/// A connected relay over a Unix datagram socketpair, with stdin and stdout pipes; settings set by the test.
struct rig {
    test::pipe_pair in = make_pipe();
    test::pipe_pair out = make_pipe();
    std::pair<socket, socket> pair;
    relay::relay_settings settings;
    relay::relay_state state;
    std::future<relay::relay_result> running;

    rig() {
        auto p = socket::pair(SOCK_DGRAM);
        if (!p) throw std::runtime_error("socketpair");
        pair = std::move(*p);
        settings.in_fd = in.read_end.get();
        settings.out_fd = out.write_end.get();
    }
    void start() {
        running = std::async(std::launch::async, [this] {
            return relay::relay_datagram(pair.first.fd(), relay::datagram_peer::connected, settings, state);
        });
    }
    relay::relay_result finish() {
        if (running.wait_for(5s) != std::future_status::ready) throw std::runtime_error("relay did not end");
        return running.get();
    }
};

TEST(RelayDatagram, ConnectedBothWaysThenQuitAfterEof) {
    rig r;
    r.settings.quit_after_eof = 0.2;
    r.settings.idle_timeout = 10.0;
    r.start();
    write_text(r.in.write_end.get(), "one");
    EXPECT_EQ(receive_one(r.pair.second), "one");
    ASSERT_TRUE(r.pair.second.send(as_bytes("two")));
    EXPECT_EQ(read_exactly(r.out.read_end.get(), 3), "two");
    auto start = clock::now();
    r.in.write_end.reset();
    auto done = r.finish();
    ASSERT_TRUE(done) << done.error().what << ": " << done.error().why.message();
    EXPECT_GE(clock::now() - start, 150ms);
    EXPECT_TRUE(r.state.in_eof);
}

TEST(RelayDatagram, CrlfAndIdleTimeout) {
    rig r;
    r.settings.crlf = true;
    r.settings.idle_timeout = 0.2;
    r.start();
    write_text(r.in.write_end.get(), "a\nb\n");
    EXPECT_EQ(receive_one(r.pair.second), "a\r\nb\r\n");
    EXPECT_TRUE(r.finish());
}

TEST(RelayDatagram, FirstSenderBecomesThePeer) {
    auto in = make_pipe();
    auto out = make_pipe();
    auto server = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(server && server->bind(ep("127.0.0.1:0")));
    auto client = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(client && client->bind(ep("127.0.0.1:0")));
    ASSERT_TRUE(client->connect(*server->local_endpoint()));
    relay::relay_settings s;
    s.in_fd = in.read_end.get();
    s.out_fd = out.write_end.get();
    s.idle_timeout = 0.5;
    relay::relay_state state;
    std::promise<endpoint> seen;
    auto running = std::async(std::launch::async, [&] {
        return relay::relay_datagram(server->fd(), relay::datagram_peer::first_sender, s, state,
                                     [&](const sockaddr_storage& peer, socklen_t length) {
                                         auto e = endpoint::from_sockaddr(
                                             reinterpret_cast<const sockaddr*>(&peer), length);
                                         seen.set_value(e ? *e : endpoint{});
                                     });
    });
    write_text(in.write_end.get(), "held");  // no peer yet: stdin waits (nothing to send it to)
    ASSERT_TRUE(client->send(as_bytes("hi")));
    EXPECT_EQ(read_exactly(out.read_end.get(), 2), "hi");
    auto peer = seen.get_future();
    ASSERT_EQ(peer.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(peer.get(), *client->local_endpoint());
    EXPECT_EQ(receive_one(*client), "held");
    ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
    EXPECT_TRUE(running.get());
}

}  // namespace
}  // namespace sockit
