// SPDX-License-Identifier: MIT
// Tests of loadgen::run_discard_stream (RFC 863 load) on loopback: the bytes it counts are the bytes the
// engine's discard service read, the half-close is confirmed, a refused connect is the server's failure.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "inetd_test_server.hpp"
#include "sockit/inetd/service_adapter.hpp"
#include "sockit/loadgen/discard_stream.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/services/discard_service.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::loadgen {
namespace {

using namespace std::chrono_literals;

endpoint loopback(std::uint16_t port = 0) { return endpoint(*ip_address::parse("127.0.0.1"), port); }

TEST(DiscardStream, BytesSentAreBytesRead) {
    std::atomic<std::uint64_t> read_by_server{0};
    std::atomic<int> finished{0};
    serve::listener_spec l;
    l.service = "discard";
    l.address = loopback();
    l.make_stream = inetd::stream_factory_for(std::make_shared<services::discard_service>());
    auto o = test::epoll_options();
    o.on_connection_end = [&](const serve::connection_record& r) {
        read_by_server += r.bytes_in;
        ++finished;
    };
    test::engine_thread server(o, {l});
    ASSERT_TRUE(server.srv);

    discard_stream_settings s;
    s.targets = {server.at(0)};
    s.write_size = 1000;
    s.duration = 200ms;
    auto ran = run_discard_stream(s);
    for (int i = 0; i < 200 && finished.load() == 0; ++i) std::this_thread::sleep_for(10ms);  // at most 2 s
    server.stop();

    ASSERT_TRUE(ran) << ran.error().what << ": " << ran.error().why.message();
    const auto& r = *ran;
    EXPECT_EQ(r.target, s.targets.front());
    EXPECT_TRUE(r.broken.empty()) << r.broken;
    EXPECT_TRUE(r.drained);
    EXPECT_GT(r.bytes, 0u);
    EXPECT_EQ(r.writes, r.bytes / 1000);  // whole writes; a partial one may end the stream
    EXPECT_GE(r.elapsed, 200ms);
    ASSERT_EQ(finished.load(), 1);
    EXPECT_EQ(read_by_server.load(), r.bytes);
}

TEST(DiscardStream, RefusedIsTheServersFailure) {
    endpoint closed;
    {
        auto s = socket::open(AF_INET, SOCK_STREAM);
        ASSERT_TRUE(s && s->bind(loopback()));
        closed = *s->local_endpoint();
    }
    discard_stream_settings s;
    s.targets = {closed};
    s.duration = 100ms;
    auto ran = run_discard_stream(s);
    ASSERT_FALSE(ran);
    EXPECT_EQ(ran.error().what, "connect to " + closed.to_string());
    EXPECT_EQ(ran.error().why, std::errc::connection_refused);
    EXPECT_TRUE(ran.error().connecting);
}

}  // namespace
}  // namespace sockit::loadgen
