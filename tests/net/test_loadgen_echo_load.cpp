// SPDX-License-Identifier: MIT
// Tests of loadgen::run_echo_load (RFC 862 load) against loopback echo servers run by the engine: round trips
// counted and checked, a corrupting server caught, a refused first connection reported.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>

#include "inetd_test_server.hpp"
#include "sockit/inetd/service_adapter.hpp"
#include "sockit/loadgen/echo_load.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/services/echo_service.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::loadgen {
namespace {

using namespace std::chrono_literals;

endpoint loopback(std::uint16_t port = 0) { return endpoint(*ip_address::parse("127.0.0.1"), port); }

// Echoes, but changes every 1000th byte it sends back.
class corrupting_echo final : public serve::stream_handler {
public:
    void on_data(serve::stream_context& ctx, bytes_view data) override {
        byte_buffer copy(data.begin(), data.end());
        for (auto& b : copy)
            if (++seen_ % 1000 == 0) b ^= 0x5a;
        ctx.write(copy);
    }

private:
    std::uint64_t seen_ = 0;
};

// One TCP listener on 127.0.0.1 run by the engine.
test::engine_thread echo_server(serve::stream_factory make) {
    serve::listener_spec l;
    l.service = "echo";
    l.address = loopback();
    l.make_stream = std::move(make);
    return test::engine_thread(test::epoll_options(), {l});
}

echo_load_settings settings_for(endpoint target) {
    echo_load_settings s;
    s.targets = {target};
    s.connections = 4;
    s.message_size = 300;
    s.duration = 20s;  // bounded by max_round_trips long before
    s.max_round_trips = 400;
    s.connect_phase = 5s;
    return s;
}

TEST(EchoLoad, CountsCheckedRoundTrips) {
    auto server = echo_server(inetd::stream_factory_for(std::make_shared<services::echo_service>()));
    ASSERT_TRUE(server.srv);
    auto ran = run_echo_load(settings_for(server.at(0)));
    ASSERT_TRUE(ran) << ran.error().what << ": " << ran.error().why.message();
    const auto& r = *ran;
    EXPECT_EQ(r.target, server.at(0));
    EXPECT_EQ(r.round_trips, 400u);  // stops exactly at -n
    EXPECT_EQ(r.bytes, 400u * 300u);
    EXPECT_EQ(r.latency.count(), 400u);
    EXPECT_GT(r.latency.max(), 0ns);
    EXPECT_LE(r.latency.percentile(0.5), r.latency.max());
    EXPECT_GT(r.elapsed, 0ns);
    EXPECT_EQ(r.errors, 0u) << r.first_error;
    EXPECT_EQ(r.connected, 4u);
    EXPECT_EQ(r.failed, 0u) << r.first_failure;
    EXPECT_TRUE(r.measured);
    EXPECT_FALSE(r.interrupted);
}

TEST(EchoLoad, CatchesAWrongEcho) {
    auto server = echo_server([] { return std::make_unique<corrupting_echo>(); });
    ASSERT_TRUE(server.srv);
    auto s = settings_for(server.at(0));
    s.connections = 1;
    s.max_round_trips = 20;
    auto ran = run_echo_load(s);
    ASSERT_TRUE(ran) << ran.error().why.message();
    EXPECT_GT(ran->errors, 0u);
    // Byte 1000 of the stream is message 4 (300 bytes each), byte 99.
    EXPECT_EQ(ran->first_error.rfind("connection 1, message 4, byte 99: sent ", 0), 0u) << ran->first_error;
}

TEST(EchoLoad, RefusedFirstConnectionEndsTheRun) {
    endpoint closed;
    {
        auto s = socket::open(AF_INET, SOCK_STREAM);
        ASSERT_TRUE(s && s->bind(loopback()));
        closed = *s->local_endpoint();  // closed again at once: nobody listens there
    }
    auto ran = run_echo_load(settings_for(closed));
    ASSERT_FALSE(ran);
    EXPECT_EQ(ran.error().what, "connect to " + closed.to_string());
    EXPECT_EQ(ran.error().why, std::errc::connection_refused);
}

}  // namespace
}  // namespace sockit::loadgen
