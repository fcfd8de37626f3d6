// SPDX-License-Identifier: MIT
// query_engine and run_batch on loopback against an in-process fake server on the same event loop:
// answers decoded, IDs and source ports fresh per query (RFC 5452 §9), the in-flight bound held, every
// job delivered once and in order, retries counted, timeouts bounded, abandonment without callbacks.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/message_builder.hpp"
#include "sockit/dns_client/batch_resolver.hpp"
#include "sockit/dns_client/client_errc.hpp"
#include "sockit/dns_client/exchange.hpp"
#include "sockit/dns_client/query_engine.hpp"
#include "sockit/event/event_loop.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::dns_client {
namespace {

using dns::dns_name;
using dns::make_record;
using dns::message;
using dns::question;
using dns::rdata_a;
using dns::rr_class;
using dns::rr_type;

using namespace std::chrono_literals;

/// A UDP server on 127.0.0.1 (port 0) driven by the test's loop. Each query is answered with one A record
/// 10.0.0.N where N is the query's first label's length, after `delay`, unless `drop_first` queries are to
/// be swallowed. Records the peak number of queries waiting for their answer.
class fake_server {
public:
    fake_server(event_loop& loop, std::chrono::milliseconds delay) : loop_(loop), delay_(delay) {
        sock_ = socket::open(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK).value();
        EXPECT_TRUE(sock_.bind(endpoint(ip_address::parse("127.0.0.1").value(), 0)));
        address_ = sock_.local_endpoint().value();
        EXPECT_TRUE(loop_.watch(sock_.fd(), io_mask::readable, {[this] { on_query(); }, {}}));
    }

    const endpoint& address() const { return address_; }
    std::size_t peak_waiting() const { return peak_; }
    std::size_t received() const { return received_; }
    const std::vector<std::uint16_t>& ids() const { return ids_; }
    const std::vector<std::uint16_t>& ports() const { return ports_; }
    std::size_t drop_first = 0;

private:
    void on_query() {
        std::vector<std::uint8_t> buf(65536);
        for (;;) {
            auto d = sock_.recvfrom(buf);
            if (!d) return;
            ++received_;
            auto q = message::decode(bytes_view(buf.data(), d->size));
            ASSERT_TRUE(q);
            ids_.push_back(q->header.id);
            ports_.push_back(d->from.port());
            if (drop_first > 0) {
                --drop_first;
                continue;
            }
            message r = make_response(*q);
            rdata_a a;
            a.address = {10, 0, 0, static_cast<std::uint8_t>(q->questions.at(0).name.wire()[0])};
            r.answers.push_back(make_record(q->questions.at(0).name, 60, a));
            byte_buffer wire = r.encode().value();
            endpoint to = d->from;
            ++waiting_;
            peak_ = std::max(peak_, waiting_);
            loop_.add_timer(delay_, [this, wire, to] {
                --waiting_;
                (void)sock_.sendto(wire, to);
            });
        }
    }

    event_loop& loop_;
    std::chrono::milliseconds delay_;
    socket sock_;
    endpoint address_;
    std::size_t waiting_ = 0;
    std::size_t peak_ = 0;
    std::size_t received_ = 0;
    std::vector<std::uint16_t> ids_;
    std::vector<std::uint16_t> ports_;
};

question make_q(const std::string& name, rr_type t = rr_type::a) {
    return {dns_name::parse(name).value(), t};
}

TEST(DnsEngine, OneExchange) {
    auto loop = event_loop::create().value();
    fake_server server(*loop, 0ms);
    query_engine engine(*loop);
    std::optional<result<exchange_result>> got;
    exchange_options o;
    o.timeout = 2s;
    ASSERT_TRUE(engine.start(make_q("abc.example"), server.address(), o,
                             [&](result<exchange_result> r) { got.emplace(std::move(r)); }));
    EXPECT_FALSE(got);  // never called from inside start()
    EXPECT_EQ(engine.active(), 1U);
    while (!got) ASSERT_TRUE(loop->run_once(5s));
    ASSERT_TRUE(*got) << got->error().message();
    const exchange_result& r = **got;
    EXPECT_EQ(r.response.answers.size(), 1U);
    EXPECT_EQ(std::get<rdata_a>(r.response.answers.at(0).data).address[3], 3);
    EXPECT_FALSE(r.over_tcp);
    EXPECT_EQ(r.tries, 1U);
    EXPECT_EQ(r.server, server.address());
    EXPECT_TRUE(r.response.opt);  // EDNS0 was sent, so the response echoes it
    EXPECT_EQ(engine.active(), 0U);
    EXPECT_EQ(loop->watch_count(), 1U);  // only the server's: the client socket is gone
    EXPECT_EQ(loop->timer_count(), 0U);
}

TEST(DnsEngine, RetriesAfterALostDatagram) {
    auto loop = event_loop::create().value();
    fake_server server(*loop, 0ms);
    server.drop_first = 2;
    query_engine engine(*loop);
    std::optional<result<exchange_result>> got;
    exchange_options o;
    o.timeout = 100ms;
    o.tries = 3;
    auto start = event_loop::clock::now();
    ASSERT_TRUE(engine.start(make_q("x.example"), server.address(), o,
                             [&](result<exchange_result> r) { got.emplace(std::move(r)); }));
    while (!got) ASSERT_TRUE(loop->run_once(5s));
    ASSERT_TRUE(*got);
    EXPECT_EQ((*got)->tries, 3U);
    EXPECT_GE(event_loop::clock::now() - start, 200ms);
    // The three tries of one query share its socket and ID.
    ASSERT_EQ(server.ids().size(), 3U);
    EXPECT_EQ(std::set<std::uint16_t>(server.ids().begin(), server.ids().end()).size(), 1U);
    EXPECT_EQ(std::set<std::uint16_t>(server.ports().begin(), server.ports().end()).size(), 1U);
}

TEST(DnsEngine, TimeoutAfterAllTries) {
    auto loop = event_loop::create().value();
    fake_server server(*loop, 0ms);
    server.drop_first = 100;
    auto start = event_loop::clock::now();
    exchange_options o;
    o.timeout = 80ms;
    o.tries = 2;
    std::optional<result<exchange_result>> got;
    query_engine engine(*loop);
    ASSERT_TRUE(engine.start(make_q("x.example"), server.address(), o,
                             [&](result<exchange_result> r) { got.emplace(std::move(r)); }));
    while (!got) ASSERT_TRUE(loop->run_once(5s));
    auto took = event_loop::clock::now() - start;
    ASSERT_FALSE(*got);
    EXPECT_EQ(got->error(), client_errc::timed_out);
    EXPECT_GE(took, 160ms);
    EXPECT_LT(took, 2s);
    EXPECT_EQ(server.received(), 2U);
}

TEST(DnsEngine, AbandonedOnDestruction) {
    auto loop = event_loop::create().value();
    fake_server server(*loop, 50ms);
    bool called = false;
    {
        query_engine engine(*loop);
        for (int i = 0; i < 10; ++i)
            ASSERT_TRUE(engine.start(make_q("q.example"), server.address(), {},
                                     [&](result<exchange_result>) { called = true; }));
        (void)loop->run_once(10ms);
    }
    for (int i = 0; i < 20; ++i) (void)loop->run_once(10ms);  // the answers arrive to closed sockets
    EXPECT_FALSE(called);
    EXPECT_EQ(loop->watch_count(), 1U);
}

TEST(DnsBatch, BoundedInOrderEveryJobOnce) {
    auto loop = event_loop::create().value();
    fake_server server(*loop, 3ms);
    constexpr std::size_t jobs = 600;
    std::size_t next = 0;
    std::vector<std::size_t> delivered;
    batch_options o;
    o.servers = {server.address()};
    o.in_flight = 7;
    o.exchange.timeout = 5s;
    auto ok = run_batch(
        *loop, o,
        [&]() -> std::optional<batch_job> {
            if (next == jobs) return std::nullopt;
            std::size_t i = next++;
            if (i % 101 == 50) return batch_job{};  // an input the caller could not read
            return batch_job{make_q(std::string(1 + i % 20, 'a') + ".example")};
        },
        [&](std::size_t index, const result<exchange_result>& r, std::chrono::microseconds) {
            delivered.push_back(index);
            if (index % 101 == 50) {
                ASSERT_FALSE(r);
                EXPECT_EQ(r.error(), codec_errc::bad_value);
                return;
            }
            ASSERT_TRUE(r) << index << ": " << r.error().message();
            EXPECT_EQ(std::get<rdata_a>(r->response.answers.at(0).data).address[3], 1 + index % 20);
        });
    ASSERT_TRUE(ok);
    ASSERT_EQ(delivered.size(), jobs);
    for (std::size_t i = 0; i < jobs; ++i) ASSERT_EQ(delivered[i], i);
    EXPECT_LE(server.peak_waiting(), 7U);
    EXPECT_GE(server.peak_waiting(), 2U);  // it did run concurrently
    // A fresh source port per query (the kernel may reuse a port only after its socket closed, so
    // concurrently open queries differ) and IDs that are not a counter.
    std::set<std::uint16_t> ids(server.ids().begin(), server.ids().end());
    EXPECT_GT(ids.size(), jobs * 9 / 10);
    std::size_t increasing = 0;
    for (std::size_t i = 1; i < server.ids().size(); ++i)
        increasing += server.ids()[i] == server.ids()[i - 1] + 1;
    EXPECT_LT(increasing, 10U);
    EXPECT_EQ(loop->watch_count(), 1U);
    EXPECT_EQ(loop->timer_count(), 0U);
}

/// Runs a batch of `names` questions against `servers` and returns the outcomes in delivery order.
std::vector<result<exchange_result>> run_names(event_loop& loop, const batch_options& o, std::size_t names) {
    std::size_t next = 0;
    std::vector<result<exchange_result>> out;
    auto ran = run_batch(
        loop, o,
        [&]() -> std::optional<batch_job> {
            if (next == names) return std::nullopt;
            return batch_job{make_q(std::string(1 + next++ % 20, 'a') + ".example")};
        },
        [&](std::size_t, const result<exchange_result>& r, std::chrono::microseconds) { out.push_back(r); });
    EXPECT_TRUE(ran);
    return out;
}

TEST(DnsBatch, NoResponseMovesToTheNextServer) {
    auto loop = event_loop::create().value();
    fake_server answering(*loop, 0ms);
    // A port nobody listens on (ICMP port unreachable: refused at once) and a socket nobody reads (silent).
    endpoint refusing;
    {
        auto s = socket::open(AF_INET, SOCK_DGRAM).value();
        ASSERT_TRUE(s.bind(endpoint(ip_address::parse("127.0.0.1").value(), 0)));
        refusing = s.local_endpoint().value();
    }
    auto silent = socket::open(AF_INET, SOCK_DGRAM).value();
    ASSERT_TRUE(silent.bind(endpoint(ip_address::parse("127.0.0.1").value(), 0)));
    batch_options o;
    o.in_flight = 4;
    o.exchange.timeout = 100ms;
    o.exchange.tries = 2;

    o.servers = {refusing, silent.local_endpoint().value(), answering.address()};
    auto start = event_loop::clock::now();
    auto answered = run_names(*loop, o, 8);
    ASSERT_EQ(answered.size(), 8U);
    for (std::size_t i = 0; i < answered.size(); ++i) {
        ASSERT_TRUE(answered[i]) << i << ": " << answered[i].error().message();
        EXPECT_EQ(answered[i]->server, answering.address());
        EXPECT_EQ(std::get<rdata_a>(answered[i]->response.answers.at(0).data).address[3], 1 + i % 20);
    }
    EXPECT_EQ(answering.received(), 8U);
    EXPECT_GE(event_loop::clock::now() - start, 2 * 200ms);  // two windows of 4 waited out the silent one
    EXPECT_LT(event_loop::clock::now() - start, 5s);

    // A response of any kind is final: the answering server first, the others are never asked.
    o.servers = {answering.address(), refusing};
    answered = run_names(*loop, o, 3);
    ASSERT_EQ(answered.size(), 3U);
    for (const auto& r : answered) ASSERT_TRUE(r && r->server == answering.address());

    // When no server answers, the outcome is the last one's error.
    o.servers = {silent.local_endpoint().value(), refusing};
    auto failed = run_names(*loop, o, 2);
    ASSERT_EQ(failed.size(), 2U);
    for (const auto& r : failed) EXPECT_TRUE(!r && r.error() == std::errc::connection_refused);
    o.servers = {refusing, silent.local_endpoint().value()};
    failed = run_names(*loop, o, 2);
    for (const auto& r : failed) EXPECT_TRUE(!r && r.error() == client_errc::timed_out);

    o.servers.clear();
    std::size_t calls = 0;
    auto none = run_batch(
        *loop, o,
        [&]() -> std::optional<batch_job> {
            ++calls;
            return std::nullopt;
        },
        [](std::size_t, const result<exchange_result>&, std::chrono::microseconds) {});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error(), codec_errc::bad_value);
    EXPECT_EQ(calls, 0U);
    EXPECT_EQ(loop->watch_count(), 1U);
    EXPECT_EQ(loop->timer_count(), 0U);
}

TEST(DnsBatch, ResolveAllRunsEveryQuestionAtOnceInOrder) {
    auto loop = event_loop::create().value();
    fake_server server(*loop, 20ms);
    batch_options o;
    o.servers = {server.address()};
    o.in_flight = 1;  // ignored: every question is in flight at once
    o.exchange.timeout = 5s;
    const std::vector<question> questions = {make_q("aaaaa.example"), make_q("a.example", rr_type::aaaa),
                                             make_q("aaa.example", rr_type::mx)};
    auto start = event_loop::clock::now();
    auto got = resolve_all(*loop, o, questions);
    ASSERT_TRUE(got) << got.error().message();
    ASSERT_EQ(got->size(), 3U);
    for (std::size_t i = 0; i < questions.size(); ++i) {
        ASSERT_TRUE((*got)[i]) << i << ": " << (*got)[i].error().message();
        EXPECT_EQ((*got)[i]->response.questions.at(0).type, questions[i].type);
        EXPECT_EQ(std::get<rdata_a>((*got)[i]->response.answers.at(0).data).address[3],
                  questions[i].name.wire()[0]);
    }
    EXPECT_EQ(server.peak_waiting(), 3U);
    EXPECT_LT(event_loop::clock::now() - start, 5s);

    EXPECT_TRUE(resolve_all(*loop, o, {}).value().empty());
    o.servers.clear();
    auto none = resolve_all(*loop, o, questions);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error(), codec_errc::bad_value);
    EXPECT_EQ(loop->watch_count(), 1U);
    EXPECT_EQ(loop->timer_count(), 0U);
}

TEST(DnsBatch, BlockingExchange) {
    // exchange() runs a private loop; a bound UDP socket that nobody reads never answers, and the blocking
    // form must still return after timeout × tries.
    auto s = socket::open(AF_INET, SOCK_DGRAM).value();
    ASSERT_TRUE(s.bind(endpoint(ip_address::parse("127.0.0.1").value(), 0)));
    exchange_options o;
    o.timeout = 50ms;
    o.tries = 2;
    auto start = event_loop::clock::now();
    auto r = exchange(make_q("x.example"), s.local_endpoint().value(), o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), client_errc::timed_out);
    EXPECT_GE(event_loop::clock::now() - start, 100ms);
}

}  // namespace
}  // namespace sockit::dns_client
