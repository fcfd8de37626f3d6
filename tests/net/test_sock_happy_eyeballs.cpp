// SPDX-License-Identifier: MIT
// Happy Eyeballs v2 (RFC 8305) on loopback: family interleaving, a listener on one family only, a first
// candidate that never answers (a blackholed local port), losers closed, all-fail and timeout errors.
#include <dirent.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "sock_test_util.hpp"
#include "sockit/sock/gai_errc.hpp"
#include "sockit/sock/happy_eyeballs.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;
using test::elapsed_since;
using test::ep;
using test::make_blackhole;

/// Open descriptors of this process (to check that losing attempts are closed).
int open_fds() {
    int n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (::readdir(d) != nullptr) ++n;
        ::closedir(d);
    }
    return n;
}

std::vector<endpoint> eps(std::initializer_list<const char*> texts) {
    std::vector<endpoint> out;
    for (const char* t : texts) out.push_back(ep(t));
    return out;
}

std::vector<std::string> texts(const std::vector<endpoint>& v) {
    std::vector<std::string> out;
    for (const auto& e : v) out.push_back(e.to_string());
    return out;
}

TEST(HappyEyeballs, InterleavesFamilies) {
    struct row {
        std::vector<endpoint> in;
        int first_family_count;
        std::vector<std::string> want;
    };
    const row rows[] = {
        // RFC 8305 section 4: alternate, starting with the resolver's first family
        {eps({"[::1]:1", "[::2]:1", "[::3]:1", "1.0.0.1:1", "1.0.0.2:1"}),
         1,
         {"[::1]:1", "1.0.0.1:1", "[::2]:1", "1.0.0.2:1", "[::3]:1"}},
        // an IPv4-first answer starts with IPv4
        {eps({"1.0.0.1:1", "1.0.0.2:1", "[::1]:1"}), 1, {"1.0.0.1:1", "[::1]:1", "1.0.0.2:1"}},
        // First Address Family Count 2: two of the first family, then alternate
        {eps({"[::1]:1", "[::2]:1", "[::3]:1", "1.0.0.1:1", "1.0.0.2:1"}),
         2,
         {"[::1]:1", "[::2]:1", "1.0.0.1:1", "[::3]:1", "1.0.0.2:1"}},
        // one family only: order kept
        {eps({"1.0.0.3:1", "1.0.0.1:1"}), 1, {"1.0.0.3:1", "1.0.0.1:1"}},
        // duplicates removed (getaddrinfo can repeat an address from /etc/hosts)
        {eps({"[::1]:1", "[::1]:1", "1.0.0.1:1", "1.0.0.1:1"}), 1, {"[::1]:1", "1.0.0.1:1"}},
        // empty in, empty out
        {{}, 1, {}},
    };
    for (const auto& r : rows) EXPECT_EQ(texts(interleave_families(r.in, r.first_family_count)), r.want);
}

TEST(HappyEyeballs, ListenerOnOneFamilyOnly) {
    for (const char* where : {"127.0.0.1:0", "[::1]:0"}) {  // the listener's family; the other refuses
        SCOPED_TRACE(where);
        auto server = socket::open(ep(where).family(), SOCK_STREAM);
        ASSERT_TRUE(server->bind(ep(where)) && server->listen());
        auto port = server->local_endpoint()->port();
        auto v6 = ep("[::1]:0").with_port(port);
        auto v4 = ep("127.0.0.1:0").with_port(port);
        // Whichever family listens, the other candidate answers RST (the port is free there or held by
        // nobody listening); the race must move on at once instead of waiting out the 250 ms delay.
        auto start = std::chrono::steady_clock::now();
        auto c = happy_eyeballs_connect(interleave_families(std::vector<endpoint>{v6, v4}));
        auto took = elapsed_since(start);
        if (!c && c.error() == std::errc::connection_refused)
            GTEST_SKIP() << "port taken on the other family";
        ASSERT_TRUE(c) << c.error().message();
        EXPECT_EQ(c->peer, *server->local_endpoint());
        EXPECT_EQ(*c->sock.peer_endpoint(), *server->local_endpoint());
        EXPECT_FALSE(*c->sock.is_non_blocking());  // handed over in blocking mode
        EXPECT_LT(took, 200ms);
    }
}

TEST(HappyEyeballs, FirstCandidateNeverAnswersSecondWinsAfterTheDelay) {
    auto hole = make_blackhole();
    ASSERT_TRUE(hole);
    auto server = socket::open(AF_INET6, SOCK_STREAM);
    ASSERT_TRUE(server->bind(ep("[::1]:0")) && server->listen());
    auto good = *server->local_endpoint();
    const int fds_before = open_fds();
    auto start = std::chrono::steady_clock::now();
    auto c = happy_eyeballs_connect(std::vector<endpoint>{hole->address, good});
    auto took = elapsed_since(start);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->peer, good);
    EXPECT_GE(took, 240ms);   // the second attempt starts after the Connection Attempt Delay ...
    EXPECT_LT(took, 1500ms);  // ... and does not wait for the first to time out
    EXPECT_EQ(open_fds(), fds_before + 1);  // only the winner is left open; the pending attempt is closed
}

TEST(HappyEyeballs, ShorterDelayStartsTheNextAttemptSooner) {
    auto hole = make_blackhole();
    ASSERT_TRUE(hole);
    auto server = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(server->bind(ep("127.0.0.1:0")) && server->listen());
    auto start = std::chrono::steady_clock::now();
    auto c = happy_eyeballs_connect(std::vector<endpoint>{hole->address, *server->local_endpoint()},
                                    {.attempt_delay = 50ms});
    auto took = elapsed_since(start);
    ASSERT_TRUE(c);
    EXPECT_GE(took, 45ms);
    EXPECT_LT(took, 240ms);
}

TEST(HappyEyeballs, AllRefusedReportsTheError) {
    auto h1 = socket::open(AF_INET, SOCK_STREAM);
    auto h2 = socket::open(AF_INET6, SOCK_STREAM);
    ASSERT_TRUE(h1->bind(ep("127.0.0.1:0")) && h2->bind(ep("[::1]:0")));  // bound, not listening
    auto c = happy_eyeballs_connect(std::vector<endpoint>{*h2->local_endpoint(), *h1->local_endpoint()});
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error(), std::errc::connection_refused);
}

TEST(HappyEyeballs, AllSilentTimesOut) {
    auto hole = make_blackhole();
    ASSERT_TRUE(hole);
    const int fds_before = open_fds();
    auto start = std::chrono::steady_clock::now();
    auto c = happy_eyeballs_connect(std::vector<endpoint>{hole->address, hole->address},
                                    {.attempt_delay = 50ms, .timeout = 300ms});
    auto took = elapsed_since(start);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error(), std::errc::timed_out);
    EXPECT_GE(took, 290ms);
    EXPECT_LT(took, 1500ms);
    EXPECT_EQ(open_fds(), fds_before);  // nothing leaks
}

TEST(HappyEyeballs, NoCandidatesIsInvalid) {
    auto c = happy_eyeballs_connect(std::vector<endpoint>{});
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error(), std::errc::invalid_argument);
}

TEST(HappyEyeballs, ResolvesLocalhost) {
    auto server = socket::open(AF_INET, SOCK_STREAM);
    ASSERT_TRUE(server->bind(ep("127.0.0.1:0")) && server->listen());
    auto port = std::to_string(server->local_endpoint()->port());
    auto c = happy_eyeballs_connect("127.0.0.1", port);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(c->peer, *server->local_endpoint());
    // A numeric IPv4 host asked for as IPv6 fails inside getaddrinfo without any DNS query (tests send
    // nothing off this machine, so no unknown-name lookup here).
    auto bad = happy_eyeballs_connect("127.0.0.1", port, AF_INET6);
    ASSERT_FALSE(bad);
    EXPECT_TRUE(is_unknown_name(bad.error())) << bad.error().message();
}

}  // namespace
}  // namespace sockit
