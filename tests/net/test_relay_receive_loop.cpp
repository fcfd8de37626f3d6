// SPDX-License-Identifier: MIT
// relay::receive_messages on loopback: UDP datagrams and whole TCP connections become messages, the sink
// ends the loop, a readable stop descriptor ends it, and max_message bounds one connection.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "relay_test_util.hpp"
#include "sock_test_util.hpp"
#include "sockit/relay/receive_loop.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;
using test::ep;
using test::make_pipe;
using test::write_text;

struct seen {
    endpoint from;
    std::string bytes;
    std::error_code error;
};

TEST(ReceiveLoop, DatagramsUntilTheSinkSaysEnough) {
    auto server = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(server && server->bind(ep("127.0.0.1:0")));
    auto client = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(client && client->bind(ep("127.0.0.1:0")));
    ASSERT_TRUE(client->sendto(as_bytes("first"), *server->local_endpoint()));
    ASSERT_TRUE(client->sendto(as_bytes("second"), *server->local_endpoint()));
    relay::receive_options o;
    o.datagram = true;
    std::vector<seen> got;
    auto r = relay::receive_messages(*server, o, [&](const relay::received_message& m) {
        got.push_back({m.from, std::string(m.bytes), m.read_error});
        return got.size() < 2;
    });
    ASSERT_TRUE(r) << r.error().message();
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].bytes, "first");
    EXPECT_EQ(got[1].bytes, "second");
    EXPECT_EQ(got[0].from, *client->local_endpoint());
}

TEST(ReceiveLoop, EachConnectionIsOneMessage) {
    auto server = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(server && server->bind(ep("127.0.0.1:0")) && server->listen());
    auto to = *server->local_endpoint();
    std::vector<endpoint> clients;
    for (const char* text : {"abc", ""}) {
        auto c = socket::open(AF_INET, SOCK_STREAM);
        ASSERT_TRUE(c && c->connect(to));
        clients.push_back(*c->local_endpoint());
        ASSERT_TRUE(c->send_all(as_bytes(text)));
    }  // closed: end of each message
    relay::receive_options o;
    std::vector<seen> got;
    auto r = relay::receive_messages(*server, o, [&](const relay::received_message& m) {
        got.push_back({m.from, std::string(m.bytes), m.read_error});
        return got.size() < 2;
    });
    ASSERT_TRUE(r);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].bytes, "abc");
    EXPECT_EQ(got[0].from, clients[0]);
    EXPECT_FALSE(got[0].error);
    EXPECT_EQ(got[1].bytes, "");
}

TEST(ReceiveLoop, MaxMessageBoundsAConnection) {
    auto server = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(server && server->bind(ep("127.0.0.1:0")) && server->listen());
    auto c = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(c && c->connect(*server->local_endpoint()));
    ASSERT_TRUE(c->send_all(as_bytes(std::string(100, 'x'))));  // stays open: the limit ends the message
    relay::receive_options o;
    o.max_message = 10;
    o.read_size = 5;
    std::string got;
    auto r = relay::receive_messages(*server, o, [&](const relay::received_message& m) {
        got = m.bytes;
        return false;
    });
    ASSERT_TRUE(r);
    EXPECT_EQ(got, std::string(10, 'x'));
}

TEST(ReceiveLoop, AReadableStopDescriptorEndsTheLoop) {
    auto server = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(server && server->bind(ep("127.0.0.1:0")));
    auto stop = make_pipe();
    relay::receive_options o;
    o.datagram = true;
    o.stop_fd = stop.read_end.get();
    int calls = 0;
    auto running = std::async(std::launch::async, [&] {
        return relay::receive_messages(*server, o, [&](const relay::received_message&) {
            ++calls;
            return true;
        });
    });
    write_text(stop.write_end.get(), "s");
    ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
    EXPECT_TRUE(running.get());
    EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace sockit
