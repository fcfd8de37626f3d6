// SPDX-License-Identifier: MIT
// relay::relay_stream through a socketpair and pipes (stdin/stdout stand-ins): both directions, EOF
// half-close, bulk data with and without splice, -q, -w idle, -C CRLF, -d and --no-shutdown.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <future>
#include <string>
#include <thread>

#include "relay_test_util.hpp"
#include "sockit/relay/stream_relay.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/scoped_sigaction.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;
using test::make_pipe;
using test::read_exactly;
using test::read_until_eof;
using test::write_text;
using clock = std::chrono::steady_clock;

/// Time since `start` is at least `least` and well below the tests' own bounds.
void expect_took(clock::time_point start, std::chrono::milliseconds least) {
    auto took = clock::now() - start;
    EXPECT_GE(took, least);
    EXPECT_LT(took, 3s);
}

/// One relay under test: stdin and stdout pipes, a socketpair whose far end plays the peer.
struct rig {
    test::pipe_pair in = make_pipe();
    test::pipe_pair out = make_pipe();
    socket net;
    socket peer;
    relay::relay_settings settings;
    relay::relay_state state;
    std::future<relay::relay_result> running;

    rig() {
        auto p = socket::pair(SOCK_STREAM);
        if (!p) throw std::runtime_error("socketpair");
        net = std::move(p->first);
        peer = std::move(p->second);
        settings.in_fd = in.read_end.get();
        settings.out_fd = out.write_end.get();
        settings.idle_timeout = 10.0;  // every test ends, whatever goes wrong
    }
    void start() {
        running =
            std::async(std::launch::async, [this] { return relay::relay_stream(net.fd(), settings, state); });
    }
    /// The relay's result (bounded wait); also closes stdout's write end so that its reader sees EOF.
    relay::relay_result finish(std::chrono::milliseconds limit = 5s) {
        if (running.wait_for(limit) != std::future_status::ready)
            throw std::runtime_error("relay did not end");
        auto r = running.get();
        out.write_end.reset();
        return r;
    }
};

class RelayStream : public testing::TestWithParam<bool> {  // the parameter: allow splice
protected:
    void SetUp() override { sigpipe_ = scoped_sigaction::install(SIGPIPE, SIG_IGN); }
    result<scoped_sigaction> sigpipe_ = fail(std::make_error_code(std::errc::invalid_argument));
};

TEST_P(RelayStream, BothDirectionsThenHalfClose) {
    rig r;
    r.settings.allow_splice = GetParam();
    r.start();
    write_text(r.in.write_end.get(), "hello");
    r.in.write_end.reset();  // stdin EOF: the relay shuts down its write side
    EXPECT_EQ(read_until_eof(r.peer.fd()), "hello");
    write_text(r.peer.fd(), "world");
    ASSERT_TRUE(r.peer.shutdown(shutdown_mode::write));  // the peer's EOF ends the session
    auto done = r.finish();
    ASSERT_TRUE(done) << done.error().what << ": " << done.error().why.message();
    EXPECT_EQ(read_until_eof(r.out.read_end.get()), "world");
    EXPECT_TRUE(r.state.in_eof);
}

TEST_P(RelayStream, BulkDataBothWaysArrivesIntact) {
    rig r;
    r.settings.allow_splice = GetParam();
    std::string up(4 << 20, '\0'), down(4 << 20, '\0');
    for (std::size_t i = 0; i < up.size(); ++i) {
        up[i] = static_cast<char>(i * 7 + 1);
        down[i] = static_cast<char>(i * 13 + 5);
    }
    r.start();
    std::thread feeder([&] {
        write_text(r.in.write_end.get(), up);
        r.in.write_end.reset();
    });
    std::thread talker([&] {
        write_text(r.peer.fd(), down);
        (void)r.peer.shutdown(shutdown_mode::write);
    });
    auto got_down =
        std::async(std::launch::async, [&] { return read_exactly(r.out.read_end.get(), down.size(), 20s); });
    auto got_up = read_until_eof(r.peer.fd(), 20s);
    feeder.join();
    talker.join();
    auto done = r.finish(20s);
    ASSERT_TRUE(done) << done.error().what << ": " << done.error().why.message();
    EXPECT_TRUE(got_up == up) << got_up.size() << " of " << up.size() << " bytes up";
    auto d = got_down.get();
    EXPECT_TRUE(d == down) << d.size() << " of " << down.size() << " bytes down";
}

TEST_P(RelayStream, QuitAfterEofStopsWithoutThePeer) {
    rig r;
    r.settings.allow_splice = GetParam();
    r.settings.quit_after_eof = 0.1;  // -q 0.1
    r.start();
    auto start = clock::now();
    r.in.write_end.reset();
    auto done = r.finish();
    ASSERT_TRUE(done);
    expect_took(start, 100ms);
    EXPECT_EQ(read_until_eof(r.peer.fd(), 1s), "");  // it did shut down its side
}

TEST_P(RelayStream, IdleTimeoutStopsAQuietSession) {
    rig r;
    r.settings.allow_splice = GetParam();
    r.settings.idle_timeout = 0.1;  // -w 0.1
    r.start();
    auto start = clock::now();
    write_text(r.peer.fd(), "x");  // traffic restarts the idle clock
    auto done = r.finish();
    ASSERT_TRUE(done);
    expect_took(start, 100ms);
    EXPECT_EQ(read_until_eof(r.out.read_end.get(), 1s), "x");
}

TEST_P(RelayStream, CrlfTurnsLoneLineFeedsIntoCrLf) {
    rig r;
    r.settings.allow_splice = GetParam();
    r.settings.crlf = true;  // -C
    r.start();
    write_text(r.in.write_end.get(), "a\nb\r\nc\n");
    r.in.write_end.reset();
    EXPECT_EQ(read_until_eof(r.peer.fd()), "a\r\nb\r\nc\r\n");
    r.peer.close();
    ASSERT_TRUE(r.finish());
}

TEST_P(RelayStream, NoStdinEndsWithThePeer) {
    rig r;
    r.settings.allow_splice = GetParam();
    r.settings.in_fd = -1;  // -d
    r.start();
    write_text(r.peer.fd(), "only down");
    ASSERT_TRUE(r.peer.shutdown(shutdown_mode::write));
    ASSERT_TRUE(r.finish());
    EXPECT_EQ(read_until_eof(r.out.read_end.get()), "only down");
    EXPECT_FALSE(r.state.in_eof);
}

TEST_P(RelayStream, NoShutdownKeepsTheWriteSideOpen) {
    rig r;
    r.settings.allow_splice = GetParam();
    r.settings.shutdown_on_eof = false;  // --no-shutdown
    r.settings.quit_after_eof = 0.2;
    r.start();
    write_text(r.in.write_end.get(), "data");
    r.in.write_end.reset();
    EXPECT_EQ(read_exactly(r.peer.fd(), 4), "data");
    // No EOF while the relay runs: the read times out rather than returning 0.
    EXPECT_FALSE(r.peer.wait_readable(100ms).value_or(true));
    ASSERT_TRUE(r.finish());
}

TEST_P(RelayStream, AStdinAlreadyAtEofIsNotReadAgain) {
    rig r;
    r.settings.allow_splice = GetParam();
    r.state.in_eof = true;  // a later client of -l -k
    r.start();
    EXPECT_EQ(read_until_eof(r.peer.fd()), "");  // shut down at once
    r.peer.close();
    ASSERT_TRUE(r.finish());
}

INSTANTIATE_TEST_SUITE_P(SpliceOrCopy, RelayStream, testing::Bool(),
                         [](const testing::TestParamInfo<bool>& i) { return i.param ? "splice" : "copy"; });

}  // namespace
}  // namespace sockit
