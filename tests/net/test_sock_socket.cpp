// SPDX-License-Identifier: MIT
// Loopback tests for socket: TCP/UDP/Unix transfers, partial writes, MSG_NOSIGNAL, truncation, typed option
// round trips, connect with timeout against a blackholed port, EINTR mid-connect, dual-stack listening.
#include <dirent.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "sock_test_util.hpp"
#include "sockit/sock/dual_stack.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/scoped_sigaction.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;
using test::blackhole;
using test::elapsed_since;
using test::ep;
using test::make_blackhole;

std::string as_string(std::span<const std::uint8_t> b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}
bytes_view view(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

TEST(Socket, TcpRoundTripBothFamilies) {
    for (const char* where : {"127.0.0.1:0", "[::1]:0"}) {  // IPv4, then IPv6 loopback
        SCOPED_TRACE(where);
        auto server = socket::open(ep(where).family(), SOCK_STREAM);
        ASSERT_TRUE(server);
        ASSERT_TRUE(server->bind(ep(where)));
        ASSERT_TRUE(server->listen());
        auto local = server->local_endpoint();
        ASSERT_TRUE(local);
        EXPECT_NE(local->port(), 0);  // the kernel chose a port
        auto client = socket::open(local->family(), SOCK_STREAM);
        ASSERT_TRUE(client);
        ASSERT_TRUE(client->connect(*local));
        auto accepted = server->accept();
        ASSERT_TRUE(accepted);
        EXPECT_EQ(accepted->peer, *client->local_endpoint());  // accept's peer is the client's name
        EXPECT_EQ(*client->peer_endpoint(), *local);
        EXPECT_EQ(*accepted->sock.family(), local->family());
        EXPECT_EQ(*accepted->sock.type(), SOCK_STREAM);
        ASSERT_TRUE(client->send_all(view("hello, world")));
        ASSERT_TRUE(client->shutdown(shutdown_mode::write));
        std::string got;
        std::uint8_t buf[5];
        for (;;) {  // small buffer: several recv calls, then 0 at the peer's shutdown
            auto n = accepted->sock.recv(buf);
            ASSERT_TRUE(n);
            if (*n == 0) break;
            got += as_string({buf, *n});
        }
        EXPECT_EQ(got, "hello, world");
    }
}

TEST(Socket, SendAllSurvivesPartialWritesOnNonBlockingSocket) {
    auto pair = socket::pair(SOCK_STREAM);
    ASSERT_TRUE(pair);
    auto& a = pair->first;  // not a structured binding: clang 14 cannot capture one in a lambda
    auto& b = pair->second;
    ASSERT_TRUE(a.set(opt::send_buffer_size{4096}));
    ASSERT_TRUE(a.set_non_blocking(true));
    std::vector<std::uint8_t> data(4 << 20);
    std::iota(data.begin(), data.end(), std::uint8_t{7});
    std::vector<std::uint8_t> received;
    std::thread reader([&] {
        std::vector<std::uint8_t> buf(3000);  // odd size: reads never line up with writes
        for (;;) {
            auto n = b.recv(buf);
            if (!n || *n == 0) break;
            received.insert(received.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n));
        }
    });
    std::size_t sent = 0;
    auto r = a.send_all(data, &sent);
    EXPECT_TRUE(r) << r.error().message();
    EXPECT_EQ(sent, data.size());
    a.close();
    reader.join();
    EXPECT_EQ(received, data);
}

TEST(Socket, SendToClosedPeerIsEpipeNotSigpipe) {
    auto pair = socket::pair(SOCK_STREAM);
    ASSERT_TRUE(pair);
    pair->second.close();
    // With SIGPIPE at its default action this process would die here without MSG_NOSIGNAL.
    auto r = pair->first.send(view("x"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::broken_pipe);
    std::size_t sent = 99;
    auto all = pair->first.send_all(view("xyz"), &sent);
    ASSERT_FALSE(all);
    EXPECT_EQ(all.error(), std::errc::broken_pipe);
    EXPECT_EQ(sent, 0U);
}

TEST(Socket, UdpDatagramsKeepBoundariesAndReportTruncation) {
    for (const char* where : {"127.0.0.1:0", "[::1]:0"}) {
        SCOPED_TRACE(where);
        auto rx = socket::open(ep(where).family(), SOCK_DGRAM);
        auto tx = socket::open(ep(where).family(), SOCK_DGRAM);
        ASSERT_TRUE(rx && tx);
        ASSERT_TRUE(rx->bind(ep(where)));
        ASSERT_TRUE(tx->bind(ep(where)));
        auto to = *rx->local_endpoint();
        struct row {
            std::string payload;
            std::size_t buffer;
            bool truncated;
        };
        const row rows[] = {
            {"abc", 16, false},                     // fits
            {"0123456789", 4, true},                // longer than the buffer: cut, flagged
            {"", 16, false},                        // empty datagram: size 0, not EOF
            {std::string(1400, 'z'), 1400, false},  // exactly the buffer size
        };
        for (const auto& r : rows) {
            auto n = tx->sendto(view(r.payload), to);
            ASSERT_TRUE(n);
            EXPECT_EQ(*n, r.payload.size());
            std::vector<std::uint8_t> buf(r.buffer);
            auto d = rx->recvfrom(buf);
            ASSERT_TRUE(d);
            EXPECT_EQ(d->truncated, r.truncated);
            EXPECT_EQ(d->size, std::min(r.payload.size(), r.buffer));
            EXPECT_EQ(as_string({buf.data(), d->size}), r.payload.substr(0, d->size));
            EXPECT_EQ(d->from, *tx->local_endpoint());
        }
    }
}

TEST(Socket, UnixStreamPathAndAbstract) {
    char dir_template[] = "/tmp/sockit-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    std::string path = std::string(dir_template) + "/s";
    std::string abstract_name = "sockit-test-" + std::to_string(::getpid());
    for (auto where : {*endpoint::unix_path(path), *endpoint::unix_abstract(abstract_name)}) {
        SCOPED_TRACE(where.to_string());
        auto server = socket::open(AF_UNIX, SOCK_STREAM);
        ASSERT_TRUE(server);
        ASSERT_TRUE(server->bind(where));
        ASSERT_TRUE(server->listen());
        EXPECT_EQ(*server->local_endpoint(), where);  // getsockname gives the same name back
        auto client = socket::open(AF_UNIX, SOCK_STREAM);
        ASSERT_TRUE(client->connect(where));
        auto accepted = server->accept();
        ASSERT_TRUE(accepted);
        EXPECT_TRUE(accepted->peer.is_unnamed());  // an unbound client has no name
        ASSERT_TRUE(client->send_all(view("unix")));
        std::uint8_t buf[8];
        auto n = accepted->sock.recv(buf);
        ASSERT_TRUE(n);
        EXPECT_EQ(as_string({buf, *n}), "unix");
    }
    ::unlink(path.c_str());
    ::rmdir(dir_template);
}

TEST(Socket, UnixDatagramFromNamedSender) {
    std::string base = "sockit-dgram-" + std::to_string(::getpid());
    auto rx_name = *endpoint::unix_abstract(base + "-rx");
    auto tx_name = *endpoint::unix_abstract(base + "-tx");
    auto rx = socket::open(AF_UNIX, SOCK_DGRAM);
    auto tx = socket::open(AF_UNIX, SOCK_DGRAM);
    ASSERT_TRUE(rx->bind(rx_name));
    ASSERT_TRUE(tx->bind(tx_name));
    ASSERT_TRUE(tx->sendto(view("one"), rx_name));
    ASSERT_TRUE(tx->sendto(view("two!"), rx_name));
    std::uint8_t buf[16];
    auto d1 = rx->recvfrom(buf);
    ASSERT_TRUE(d1);
    EXPECT_EQ(d1->size, 3U);
    EXPECT_EQ(d1->from, tx_name);
    EXPECT_EQ(d1->from.to_string(), "@" + base + "-tx");
    auto d2 = rx->recvfrom(buf);
    ASSERT_TRUE(d2);
    EXPECT_EQ(d2->size, 4U);
}

TEST(Socket, NonBlockingModeAndWaits) {
    auto pair = socket::pair(SOCK_STREAM);
    ASSERT_TRUE(pair);
    auto& a = pair->first;
    EXPECT_FALSE(*a.is_non_blocking());
    ASSERT_TRUE(a.set_non_blocking(true));
    EXPECT_TRUE(*a.is_non_blocking());
    std::uint8_t buf[4];
    auto r = a.recv(buf);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::resource_unavailable_try_again);  // nothing to read
    EXPECT_FALSE(*a.wait_readable(20ms));                             // times out
    EXPECT_TRUE(*a.wait_writable(20ms));
    ASSERT_TRUE(pair->second.send(view("x")));
    EXPECT_TRUE(*a.wait_readable(1000ms));
    ASSERT_TRUE(a.set_non_blocking(false));
    EXPECT_FALSE(*a.is_non_blocking());
}

// ---- typed options --------------------------------------------------------------------------------

template <class Option>
void round_trip(socket& s, typename Option::value_type first, typename Option::value_type second,
                const char* name) {
    SCOPED_TRACE(name);
    // Two different values, so that an option that reads back a constant cannot pass.
    auto set1 = s.set(Option{first});
    ASSERT_TRUE(set1) << set1.error().message();
    auto got1 = s.get<Option>();
    ASSERT_TRUE(got1);
    EXPECT_EQ(*got1, first);
    ASSERT_TRUE(s.set(Option{second}));
    auto got2 = s.get<Option>();
    ASSERT_TRUE(got2);
    EXPECT_EQ(*got2, second);
}

TEST(SocketOptions, EachOptionReadsBackWhatWasSet) {
    auto tcp = socket::open(AF_INET6, SOCK_STREAM);
    auto udp = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(tcp && udp);
    round_trip<opt::reuse_address>(*tcp, true, false, "SO_REUSEADDR");
    round_trip<opt::reuse_port>(*tcp, true, false, "SO_REUSEPORT");
    round_trip<opt::keep_alive>(*tcp, true, false, "SO_KEEPALIVE");
    round_trip<opt::broadcast>(*udp, true, false, "SO_BROADCAST");
    round_trip<opt::linger>(*tcp, std::chrono::seconds(5), std::nullopt, "SO_LINGER on, then off");
    round_trip<opt::linger>(*tcp, std::chrono::seconds(0), std::chrono::seconds(12),
                            "SO_LINGER 0 (RST) then 12");
    round_trip<opt::no_delay>(*tcp, true, false, "TCP_NODELAY");
    round_trip<opt::keep_alive_idle>(*tcp, std::chrono::seconds(30), std::chrono::seconds(7200),
                                     "TCP_KEEPIDLE");
    round_trip<opt::keep_alive_interval>(*tcp, std::chrono::seconds(5), std::chrono::seconds(75),
                                         "TCP_KEEPINTVL");
    round_trip<opt::keep_alive_count>(*tcp, 4, 9, "TCP_KEEPCNT");
    round_trip<opt::v6_only>(*tcp, true, false, "IPV6_V6ONLY");
}

TEST(SocketOptions, QuickAckOnAConnectedSocket) {
    auto server = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(server->bind(ep("127.0.0.1:0")) && server->listen());
    auto client = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(client->connect(*server->local_endpoint()));
    round_trip<opt::quick_ack>(*client, false, true, "TCP_QUICKACK");
}

int read_proc_int(const char* path) {
    std::ifstream in(path);
    int v = 0;
    in >> v;
    return v;
}

TEST(SocketOptions, BufferSizesAreDoubledByLinux) {
    auto s = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(s);
    const int rmem_max = read_proc_int("/proc/sys/net/core/rmem_max");
    const int wmem_max = read_proc_int("/proc/sys/net/core/wmem_max");
    for (int size : {8192, 65536}) {  // below the sysctl caps on any stock kernel
        if (size > rmem_max || size > wmem_max) continue;
        ASSERT_TRUE(s->set(opt::receive_buffer_size{size}));
        ASSERT_TRUE(s->set(opt::send_buffer_size{size}));
        EXPECT_EQ(*s->get<opt::receive_buffer_size>(), 2 * size);  // socket(7): the kernel doubles it
        EXPECT_EQ(*s->get<opt::send_buffer_size>(), 2 * size);
    }
}

TEST(SocketOptions, Errors) {
    auto v4 = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(v4);
    auto r = v4->set(opt::v6_only{true});  // an IPv6 option on an IPv4 socket
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::no_protocol_option);
    auto neg = v4->set(opt::keep_alive_idle{std::chrono::seconds(-1)});  // refused before the kernel
    ASSERT_FALSE(neg);
    EXPECT_EQ(neg.error(), std::errc::invalid_argument);
    auto udp = socket::open(AF_INET, SOCK_DGRAM);
    EXPECT_FALSE(udp->set(opt::no_delay{true}));  // a TCP option on UDP
    socket closed;
    EXPECT_EQ(closed.get<opt::keep_alive>().error(), std::errc::bad_file_descriptor);
}

// ---- connect ----------------------------------------------------------------------------------------

TEST(Connect, RefusedWhenNobodyListens) {
    auto holder = socket::open(AF_INET, SOCK_STREAM);  // bound, not listening: the port answers RST
    ASSERT_TRUE(holder->bind(ep("127.0.0.1:0")));
    auto target = *holder->local_endpoint();
    auto c = socket::open(AF_INET, SOCK_STREAM);
    auto r = c->connect(target);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::connection_refused);
    auto c2 = socket::open(AF_INET, SOCK_STREAM);
    auto r2 = c2->connect(target, 1000ms);
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error(), std::errc::connection_refused);
}

TEST(Connect, TimesOutOnABlackholedPortAndRestoresBlockingMode) {
    auto hole = make_blackhole();
    ASSERT_TRUE(hole) << "could not fill a listen backlog on loopback";
    auto c = socket::open(AF_INET, SOCK_STREAM);
    auto start = std::chrono::steady_clock::now();
    auto r = c->connect(hole->address, 200ms);
    auto took = elapsed_since(start);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::timed_out);
    EXPECT_GE(took, 190ms);
    EXPECT_LT(took, 2000ms);
    EXPECT_FALSE(*c->is_non_blocking());  // blocking mode is restored
}

std::atomic<int> signals_seen{0};
void count_signal(int) { signals_seen.fetch_add(1); }

// A connect(2) to a listener that never answers, while SIGUSR1 (counted, not restarted) hits the thread.
class ConnectUnderSignals : public ::testing::Test {
protected:
    void SetUp() override {
        auto installed = scoped_sigaction::install(SIGUSR1, count_signal, syscall_restart::no);
        ASSERT_TRUE(installed);
        handler_.emplace(std::move(*installed));
        hole = make_blackhole();
        ASSERT_TRUE(hole);
        signals_seen = 0;
    }

    std::optional<blackhole> hole;
    const pthread_t self = ::pthread_self();

private:
    std::optional<scoped_sigaction> handler_;
};

TEST_F(ConnectUnderSignals, SignalMidConnectDoesNotLeaveAHalfMadeConnection) {
    std::thread helper([&] {
        std::this_thread::sleep_for(100ms);  // the SYN is unanswered by now: interrupt connect(2)
        ::pthread_kill(self, SIGUSR1);
        std::this_thread::sleep_for(200ms);
        hole->drain();  // make room: the client's SYN retransmission (after 1 s) then gets through
    });
    auto c = socket::open(AF_INET, SOCK_STREAM);
    auto start = std::chrono::steady_clock::now();
    auto r = c->connect(hole->address);
    helper.join();
    EXPECT_TRUE(r) << r.error().message();  // not EINTR: the call waited for the handshake's outcome
    EXPECT_GE(signals_seen.load(), 1);
    EXPECT_LT(elapsed_since(start), 10s);
    auto peer = c->peer_endpoint();
    ASSERT_TRUE(peer);  // really connected
    EXPECT_EQ(*peer, hole->address);
}

TEST_F(ConnectUnderSignals, TimeoutKeepsItsDeadlineUnderASignalStorm) {
    std::atomic<bool> done{false};
    std::thread storm([&] {
        for (int i = 0; i < 100 && !done; ++i) {  // bounded: at most 100 signals, 10 ms apart
            ::pthread_kill(self, SIGUSR1);
            std::this_thread::sleep_for(10ms);
        }
    });
    auto c = socket::open(AF_INET, SOCK_STREAM);
    auto start = std::chrono::steady_clock::now();
    auto r = c->connect(hole->address, 300ms);
    auto took = elapsed_since(start);
    done = true;
    storm.join();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::timed_out);
    EXPECT_GE(took, 290ms);
    EXPECT_LT(took, 2000ms);
    EXPECT_GE(signals_seen.load(), 5);
}

// ---- dual stack ----------------------------------------------------------------------------------

TEST(DualStack, OneSocketServesBothFamiliesWithUnmappedPeers) {
    auto server = listen_dual_stack(0);
    ASSERT_TRUE(server);
    auto local = *server->local_endpoint();
    ASSERT_TRUE(local.is_v6());
    EXPECT_FALSE(*server->get<opt::v6_only>());
    EXPECT_EQ(local.to_string(), "[::]:" + std::to_string(local.port()));

    struct row {
        const char* client;  // where the client connects
        peer_form form;
        const char* peer_prefix;  // how accept reports it
    };
    const row rows[] = {
        {"127.0.0.1", peer_form::unmapped, "127.0.0.1:"},        // IPv4 client, reported as IPv4
        {"127.0.0.1", peer_form::as_is, "[::ffff:127.0.0.1]:"},  // ... or as the kernel has it
        {"::1", peer_form::unmapped, "[::1]:"},                  // IPv6 client
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.client);
        auto target = endpoint(*ip_address::parse(r.client), local.port());
        auto c = socket::open(target.family(), SOCK_STREAM);
        ASSERT_TRUE(c->connect(target));
        auto a = server->accept(r.form);
        ASSERT_TRUE(a);
        EXPECT_EQ(a->peer.to_string(), r.peer_prefix + std::to_string(c->local_endpoint()->port()));
    }
}

TEST(DualStack, UdpBoundOnBothFamilies) {
    auto server = bind_dual_stack(0, SOCK_DGRAM);
    ASSERT_TRUE(server);
    auto port = server->local_endpoint()->port();
    auto c4 = socket::open(AF_INET, SOCK_DGRAM);
    ASSERT_TRUE(c4->sendto(view("v4"), endpoint(*ip_address::parse("127.0.0.1"), port)));
    std::uint8_t buf[8];
    auto d = server->recvfrom(buf);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->from.is_v4());  // unmapped: 127.0.0.1, not ::ffff:127.0.0.1
    EXPECT_EQ(d->from.to_string(), "127.0.0.1:" + std::to_string(c4->local_endpoint()->port()));
    auto taken = bind_dual_stack(port, SOCK_DGRAM, {.reuse_address = false});
    ASSERT_FALSE(taken);  // the port is in use
    EXPECT_EQ(taken.error(), std::errc::address_in_use);
}

}  // namespace
}  // namespace sockit
