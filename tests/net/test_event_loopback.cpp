// SPDX-License-Identifier: MIT
// Loopback tests of event_loop + buffer + the services' stream sessions, on every backend: echo with many
// clients, backpressure against a client that does not read, chargen only when the socket is writable.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "sockit/event/buffer.hpp"
#include "sockit/event/event_loop.hpp"
#include "sockit/services/chargen_service.hpp"
#include "sockit/services/echo_service.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;
using services::stream_action;

constexpr std::size_t high_water = 64 * 1024;
constexpr std::size_t read_chunk = 16 * 1024;

// A minimal single-loop server for one service: the shape the serve/ engine will have, kept to what the
// tests need. It reads only while the connection's buffer is below its high-water mark.
class mini_server {
public:
    mini_server(event_loop& loop, const services::service& svc) : loop_(loop), svc_(svc) {
        listener_.reset(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::bind(listener_.get(), reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        EXPECT_EQ(::listen(listener_.get(), 128), 0);
        socklen_t len = sizeof a;
        EXPECT_EQ(::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&a), &len), 0);
        port_ = ntohs(a.sin_port);
        EXPECT_TRUE(loop_.watch(listener_.get(), io_mask::readable, {[this] { accept_all(); }, {}}));
    }

    std::uint16_t port() const { return port_; }
    std::size_t connections() const { return conns_.size(); }
    std::size_t max_buffered() const { return max_buffered_; }
    std::size_t buffered() const {
        std::size_t n = 0;
        for (const auto& [fd, c] : conns_) n += c->out.size();
        return n;
    }

private:
    struct conn {
        unique_fd fd;
        watch_handle h;
        buffer out{high_water};
        std::unique_ptr<services::stream_session> session;
        bool closing = false;
    };

    void accept_all() {
        for (;;) {
            int fd = ::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) return;
            auto c = std::make_unique<conn>();
            c->fd.reset(fd);
            c->session = svc_.open_stream();
            conn* raw = c.get();
            auto h = loop_.watch(fd, io_mask::readable,
                                 {[this, raw] { on_readable(*raw); }, [this, raw] { on_writable(*raw); }});
            ASSERT_TRUE(h);
            c->h = *h;
            conns_[fd] = std::move(c);
            if (raw->session->on_connect(scratch_) == stream_action::close) raw->closing = true;
            flush_scratch(*raw);
            update(*raw);
        }
    }

    void flush_scratch(conn& c) {
        c.out.append(bytes_view(scratch_.data(), scratch_.size()));
        scratch_.clear();
        max_buffered_ = std::max(max_buffered_, c.out.size());
    }

    void on_readable(conn& c) {
        std::uint8_t buf[read_chunk];
        ssize_t n = ::recv(c.fd.get(), buf, sizeof buf, 0);
        if (n > 0) {
            if (c.session->on_data(bytes_view(buf, static_cast<std::size_t>(n)), scratch_) ==
                stream_action::close)
                c.closing = true;
        } else if (n == 0) {
            (void)c.session->on_eof(scratch_);
            c.closing = true;
        } else if (errno != EAGAIN && errno != EINTR) {
            return drop(c);
        }
        flush_scratch(c);
        update(c);
    }

    void on_writable(conn& c) {
        if (c.session->is_generator() && !c.closing && c.out.room() > 0) {
            c.session->generate(scratch_, c.out.room());
            flush_scratch(c);
        }
        while (!c.out.empty()) {
            ssize_t n = ::send(c.fd.get(), c.out.peek().data(), c.out.size(), MSG_NOSIGNAL);
            if (n > 0) {
                c.out.consume(static_cast<std::size_t>(n));
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
            return drop(c);  // EPIPE, ECONNRESET: the peer is gone
        }
        update(c);
    }

    void update(conn& c) {
        if (c.closing && c.out.empty()) return drop(c);
        io_mask want = io_mask::none;
        if (!c.closing && !c.out.is_full())
            want |= io_mask::readable;  // backpressure: stop reading when full
        if (!c.out.empty() || (c.session->is_generator() && !c.closing)) want |= io_mask::writable;
        ASSERT_TRUE(loop_.set_interest(c.h, want));
    }

    void drop(conn& c) {
        loop_.unwatch(c.h);
        conns_.erase(c.fd.get());  // destroys c (and closes its descriptor) from inside its own callback
    }

    event_loop& loop_;
    const services::service& svc_;
    unique_fd listener_;
    std::uint16_t port_ = 0;
    std::map<int, std::unique_ptr<conn>> conns_;
    byte_buffer scratch_;
    std::size_t max_buffered_ = 0;
};

unique_fd connect_to(std::uint16_t port) {
    unique_fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    timeval tv{10, 0};  // a client never blocks a test for more than 10 s
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

bool send_all(int fd, const std::string& data) {
    std::size_t off = 0;
    while (off < data.size()) {
        ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

std::string recv_n(int fd, std::size_t want) {
    std::string got;
    char buf[65536];
    while (got.size() < want) {
        ssize_t n = ::recv(fd, buf, std::min(sizeof buf, want - got.size()), 0);
        if (n <= 0) break;
        got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
}

std::string pattern(std::size_t n, unsigned seed) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + seed * 7 + i / 251) & 0xff);
    return s;
}

class Loopback : public ::testing::TestWithParam<poller_backend> {
protected:
    void run_until(event_loop& loop, const std::function<bool()>& done, std::chrono::seconds limit = 20s) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done() && std::chrono::steady_clock::now() < deadline) ASSERT_TRUE(loop.run_once(20ms));
        ASSERT_TRUE(done()) << "not reached within the deadline";
    }
};

TEST_P(Loopback, EchoManyConcurrentClients) {
    auto loop = *event_loop::create(GetParam());
    services::echo_service echo;
    mini_server server(*loop, echo);
    constexpr int clients = 40;
    constexpr std::size_t bytes = 128 * 1024;
    std::atomic<int> finished{0}, correct{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            auto fd = connect_to(server.port());
            const auto data = pattern(bytes, static_cast<unsigned>(i));
            // Write and read concurrently in halves so neither side's buffers can deadlock the exchange.
            std::string got;
            std::thread reader([&] { got = recv_n(fd.get(), bytes); });
            bool sent = send_all(fd.get(), data);
            ::shutdown(fd.get(), SHUT_WR);
            reader.join();
            char extra;
            const bool eof = ::recv(fd.get(), &extra, 1, 0) == 0;  // server closes after its last byte
            if (sent && got == data && eof) ++correct;
            ++finished;
        });
    }
    run_until(*loop, [&] { return finished == clients && server.connections() == 0; });
    for (auto& t : threads) t.join();
    EXPECT_EQ(correct, clients);
    EXPECT_LE(server.max_buffered(), high_water + read_chunk);
}

TEST_P(Loopback, BackpressureAgainstAClientThatDoesNotRead) {
    auto loop = *event_loop::create(GetParam());
    services::echo_service echo;
    mini_server server(*loop, echo);
    constexpr std::size_t bytes = 16 * 1024 * 1024;  // far more than socket buffers plus the high-water mark
    const auto data = pattern(bytes, 3);
    auto fd = connect_to(server.port());
    std::atomic<bool> sent{false};
    std::thread writer([&] { sent = send_all(fd.get(), data); });
    // Run the loop for a while with nobody reading: the writer must stall, the server must stay bounded.
    auto until = std::chrono::steady_clock::now() + 400ms;
    while (std::chrono::steady_clock::now() < until) ASSERT_TRUE(loop->run_once(20ms));
    EXPECT_FALSE(sent.load()) << "16 MiB went through without anyone reading: no backpressure";
    EXPECT_LE(server.buffered(), high_water + read_chunk);
    std::string got;
    std::atomic<bool> read_done{false};
    std::thread reader([&] {
        got = recv_n(fd.get(), bytes);
        read_done = true;
    });
    run_until(
        *loop, [&] { return read_done.load(); }, 60s);
    writer.join();
    reader.join();
    EXPECT_TRUE(sent.load());
    EXPECT_TRUE(got == data) << "echoed " << got.size() << " of " << bytes << " bytes, or wrong bytes";
    EXPECT_LE(server.max_buffered(), high_water + read_chunk);
}

TEST_P(Loopback, ChargenWritesOnlyWhenWritable) {
    auto loop = *event_loop::create(GetParam());
    services::chargen_service chargen;
    mini_server server(*loop, chargen);
    auto fd = connect_to(server.port());
    std::string got;
    std::atomic<bool> done{false};
    std::thread reader([&] {
        got = recv_n(fd.get(), 200000);
        done = true;
    });
    run_until(*loop, [&] { return done.load(); });
    reader.join();
    ASSERT_EQ(got.size(), 200000u);
    for (std::size_t i = 0; i < got.size(); ++i)
        ASSERT_EQ(static_cast<std::uint8_t>(got[i]), services::chargen_pattern::at(i)) << "offset " << i;
    // Now the client stops reading: after the socket buffers fill, the server stops generating.
    auto until = std::chrono::steady_clock::now() + 300ms;
    while (std::chrono::steady_clock::now() < until) ASSERT_TRUE(loop->run_once(20ms));
    EXPECT_LE(server.buffered(), high_water);
    fd.reset();  // the client goes away: the server notices (EPIPE/ECONNRESET or EOF) and drops it
    run_until(*loop, [&] { return server.connections() == 0; });
}

INSTANTIATE_TEST_SUITE_P(Backends, Loopback,
                         ::testing::Values(poller_backend::epoll, poller_backend::poll,
                                           poller_backend::select),
                         [](const ::testing::TestParamInfo<poller_backend>& p) {
                             return std::string(to_string(p.param));
                         });

}  // namespace
}  // namespace sockit
