// SPDX-License-Identifier: MIT
// Tests of inetd's adapters on loopback: pure services (RFC 862-868, 1288) served by the engine through
// stream_factory_for / datagram_factory_for, with the listeners make_listeners builds.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <string>

#include "inetd_test_server.hpp"
#include "sockit/inetd/service_request.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/services/chargen_service.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::inetd {
namespace {

using namespace std::chrono_literals;

// Every listener of `requests` on 127.0.0.1 (ports from the kernel), served by the engine on a thread.
test::engine_thread inetd_server(const std::vector<service_request>& requests) {
    auto listeners = make_listeners(requests, {}, {ip_address::parse("127.0.0.1").value(), false});
    EXPECT_TRUE(listeners) << listeners.error();
    return test::engine_thread(test::epoll_options(),
                               listeners ? std::move(*listeners) : std::vector<serve::listener_spec>{});
}

// Reads from `s` until `want` bytes, EOF or 5 s.
std::string read_some(socket& s, std::size_t want) {
    std::string got;
    std::uint8_t buf[4096];
    while (got.size() < want) {
        auto ready = s.wait_readable(5000ms);
        if (!ready || !*ready) break;
        auto n = s.recv(buf);
        if (!n || *n == 0) break;
        got.append(reinterpret_cast<const char*>(buf), *n);
    }
    return got;
}

TEST(ServiceAdapter, StreamsAndDatagramsThroughTheEngine) {
    auto server = inetd_server({{"echo", serve::transport::tcp, {}, std::uint16_t{0}},
                                {"chargen", serve::transport::tcp, {}, std::uint16_t{0}},
                                {"qotd", serve::transport::udp, {}, std::uint16_t{0}},
                                {"finger", {}, {}, std::uint16_t{0}}});
    ASSERT_TRUE(server.srv);

    auto echo = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(echo && echo->connect(server.at(0), 5000ms));
    ASSERT_TRUE(echo->send_all(as_bytes("hello, echo")));
    EXPECT_EQ(read_some(*echo, 11), "hello, echo");

    // chargen is a generator: the adapter keeps filling the room the engine offers.
    auto chargen = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(chargen && chargen->connect(server.at(1), 5000ms));
    const auto lines = read_some(*chargen, 3 * services::chargen_pattern::period);
    ASSERT_GE(lines.size(), 3 * services::chargen_pattern::period);
    for (std::size_t i = 0; i < lines.size(); ++i)
        ASSERT_EQ(static_cast<std::uint8_t>(lines[i]), services::chargen_pattern::at(i)) << "byte " << i;

    auto udp = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(udp && udp->bind(endpoint(*ip_address::parse("127.0.0.1"), 0)));
    ASSERT_TRUE(udp->sendto(as_bytes("?"), server.at(2)));
    auto ready = udp->wait_readable(5000ms);
    ASSERT_TRUE(ready && *ready);
    std::uint8_t reply[1024];
    auto got = udp->recvfrom(reply);
    ASSERT_TRUE(got);
    EXPECT_GT(got->size, 0u);
    EXPECT_LT(got->size, 512u);

    // finger without a plan directory knows nobody (and has no UDP side: one listener).
    ASSERT_EQ(server.srv->listeners().size(), 4u);
    auto finger = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(finger && finger->connect(server.at(3), 5000ms));
    ASSERT_TRUE(finger->send_all(as_bytes("alice\r\n")));
    EXPECT_EQ(read_some(*finger, 1000), "finger: alice: no such user\r\n");
}

}  // namespace
}  // namespace sockit::inetd
