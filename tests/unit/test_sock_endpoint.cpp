// SPDX-License-Identifier: MIT
// Unit tests for endpoint: parsing and formatting (IPv4, IPv6 with scope, Unix path and abstract), raw
// sockaddr round trips differential against inet_pton, unmapping, equality and bad input.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <net/if.h>
#include <sys/un.h>

#include <cstddef>
#include <cstring>
#include <string>

#include "sockit/core/byte_order.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit {
namespace {

struct text_case {
    const char* input;
    const char* formatted;  // to_string(); nullptr when parse must fail
    int family;
    std::uint16_t port;
};

const text_case text_cases[] = {
    {"1.2.3.4:80", "1.2.3.4:80", AF_INET, 80},                           // plain IPv4
    {"0.0.0.0:0", "0.0.0.0:0", AF_INET, 0},                              // wildcard, port 0
    {"255.255.255.255:65535", "255.255.255.255:65535", AF_INET, 65535},  // the extremes
    {"[::1]:80", "[::1]:80", AF_INET6, 80},                              // IPv6 loopback
    {"[::]:443", "[::]:443", AF_INET6, 443},                             // IPv6 wildcard
    {"[2001:DB8:0:0:0:0:0:1]:53", "[2001:db8::1]:53", AF_INET6, 53},     // RFC 5952: lower case, ::
    {"[::ffff:1.2.3.4]:7", "[::ffff:1.2.3.4]:7", AF_INET6, 7},           // v4-mapped kept as is
    {"[fe80::1%1]:22", nullptr, AF_INET6, 22},                           // numeric zone (formatted below)
    {"/tmp/sock", "/tmp/sock", AF_UNIX, 0},                              // filesystem path
    {"./rel.sock", "./rel.sock", AF_UNIX, 0},                            // relative path
    {"@abstract", "@abstract", AF_UNIX, 0},                              // Linux abstract namespace
};

TEST(Endpoint, ParsesAndFormats) {
    for (const auto& c : text_cases) {
        auto ep = endpoint::parse(c.input);
        ASSERT_TRUE(ep) << c.input << ": " << ep.error().message();
        EXPECT_EQ(ep->family(), c.family) << c.input;
        EXPECT_EQ(ep->port(), c.port) << c.input;
        if (c.formatted != nullptr) {
            EXPECT_EQ(ep->to_string(), c.formatted) << c.input;
            // The formatted text parses back to the same endpoint.
            auto again = endpoint::parse(ep->to_string());
            ASSERT_TRUE(again) << c.formatted;
            EXPECT_EQ(*again, *ep) << c.formatted;
        }
    }
}

const char* const bad_texts[] = {
    "",                        // empty
    "1.2.3.4",                 // no port
    "1.2.3.4:",                // empty port
    "1.2.3.4:65536",           // port too large
    "1.2.3.4:123456",          // port too long
    "1.2.3.4:-1",              // sign
    "1.2.3.4:8a",              // not decimal
    "::1:80",                  // IPv6 without brackets is ambiguous
    "[::1]",                   // brackets, no port
    "[::1]80",                 // no colon after ']'
    "[::1:80",                 // unclosed bracket
    "[1.2.3.4]:80",            // brackets around IPv4
    "1.2.3.256:80",            // bad octet
    "example.com:80",          // names are not resolved here
    "[fe80::1%nosuchif0]:80",  // zone naming no interface
};

TEST(Endpoint, RejectsBadText) {
    for (const char* text : bad_texts) EXPECT_FALSE(endpoint::parse(text)) << '"' << text << '"';
    auto e = endpoint::parse("[fe80::1%nosuchif0]:80");
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error(), std::errc::no_such_device);
}

TEST(Endpoint, SockaddrBytesAgreeWithInetPton) {
    struct row {
        const char* address;  // literal for inet_pton
        const char* text;     // endpoint text
        std::uint16_t port;
    };
    const row rows[] = {
        {"192.0.2.1", "192.0.2.1:8080", 8080},              // IPv4
        {"10.255.0.7", "10.255.0.7:1", 1},                  // IPv4, port 1
        {"2001:db8::a:b", "[2001:db8::a:b]:65535", 65535},  // IPv6
        {"::ffff:10.0.0.1", "[::ffff:10.0.0.1]:9", 9},      // v4-mapped
    };
    for (const auto& r : rows) {
        auto ep = endpoint::parse(r.text);
        ASSERT_TRUE(ep) << r.text;
        if (ep->is_v4()) {
            sockaddr_in want{};
            ASSERT_EQ(::inet_pton(AF_INET, r.address, &want.sin_addr), 1);
            ASSERT_EQ(ep->size(), sizeof(sockaddr_in));
            const auto* got = reinterpret_cast<const sockaddr_in*>(ep->data());
            EXPECT_EQ(std::memcmp(&got->sin_addr, &want.sin_addr, 4), 0) << r.text;
            EXPECT_EQ(ntoh16(got->sin_port), r.port);
        } else {
            sockaddr_in6 want{};
            ASSERT_EQ(::inet_pton(AF_INET6, r.address, &want.sin6_addr), 1);
            ASSERT_EQ(ep->size(), sizeof(sockaddr_in6));
            const auto* got = reinterpret_cast<const sockaddr_in6*>(ep->data());
            EXPECT_EQ(std::memcmp(&got->sin6_addr, &want.sin6_addr, 16), 0) << r.text;
            EXPECT_EQ(ntoh16(got->sin6_port), r.port);
        }
        // from_sockaddr copies back to an equal endpoint.
        auto copy = endpoint::from_sockaddr(ep->data(), ep->size());
        ASSERT_TRUE(copy);
        EXPECT_EQ(*copy, *ep);
        EXPECT_EQ(copy->to_string(), ep->to_string());
    }
}

TEST(Endpoint, ScopeIdFromZoneAndBack) {
    unsigned lo = ::if_nametoindex("lo");
    ASSERT_NE(lo, 0U);
    auto named = endpoint::parse("[fe80::1%lo]:22");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->scope_id(), lo);
    EXPECT_EQ(named->to_string(), "[fe80::1%lo]:22");  // the index formats back as the name
    auto numeric = endpoint::parse("[fe80::1%" + std::to_string(lo) + "]:22");
    ASSERT_TRUE(numeric);
    EXPECT_EQ(*numeric, *named);
    auto unknown = endpoint::parse("[fe80::1%4000000]:22");  // an index with no interface stays a number
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->scope_id(), 4000000U);
    EXPECT_EQ(unknown->to_string(), "[fe80::1%4000000]:22");
}

TEST(Endpoint, FromIpAddress) {
    auto a = ip_address::parse("203.0.113.9");
    ASSERT_TRUE(a);
    endpoint ep(*a, 443);
    EXPECT_EQ(ep.to_string(), "203.0.113.9:443");
    EXPECT_EQ(ep.address(), *a);
    EXPECT_EQ(ep.with_port(80).to_string(), "203.0.113.9:80");
    auto zoned = ip_address::parse("fe80::2%nosuchif9");
    ASSERT_TRUE(zoned);
    EXPECT_FALSE(endpoint::from_ip(*zoned, 1));     // unknown interface: an error here
    EXPECT_EQ(endpoint(*zoned, 1).scope_id(), 0U);  // and scope 0 from the constructor
}

TEST(Endpoint, Unmapped) {
    struct row {
        const char* in;
        const char* out;
    };
    const row rows[] = {
        {"[::ffff:127.0.0.1]:5000", "127.0.0.1:5000"},  // v4-mapped becomes IPv4, port kept
        {"[::ffff:0.0.0.0]:1", "0.0.0.0:1"},            // mapped wildcard
        {"[::1]:5000", "[::1]:5000"},                   // plain IPv6 unchanged
        {"[::127.0.0.1]:5", "[::7f00:1]:5"},            // v4-compatible is not v4-mapped
        {"1.2.3.4:5", "1.2.3.4:5"},                     // IPv4 unchanged
        {"/p", "/p"},                                   // Unix unchanged
    };
    for (const auto& r : rows) {
        auto ep = endpoint::parse(r.in);
        ASSERT_TRUE(ep) << r.in;
        EXPECT_EQ(ep->unmapped().to_string(), r.out) << r.in;
    }
}

TEST(Endpoint, UnixLimits) {
    const std::size_t cap = sizeof(sockaddr_un::sun_path);  // 108 on Linux
    std::string longest(cap - 1, 'x');
    longest[0] = '/';
    auto ok = endpoint::unix_path(longest);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->path(), longest);
    EXPECT_EQ(endpoint::unix_path(longest + "x").error(), std::errc::filename_too_long);  // no room for NUL
    EXPECT_EQ(endpoint::unix_path("").error(), std::errc::invalid_argument);              // empty
    EXPECT_EQ(endpoint::unix_path(std::string("/a\0b", 4)).error(), std::errc::invalid_argument);  // NUL
    auto abs = endpoint::unix_abstract(std::string(cap - 1, 'a'));
    ASSERT_TRUE(abs);
    EXPECT_TRUE(abs->is_abstract());
    EXPECT_EQ(endpoint::unix_abstract(std::string(cap, 'a')).error(), std::errc::filename_too_long);
    auto with_nul = endpoint::unix_abstract(std::string("a\0b", 3));  // abstract names may hold NUL
    ASSERT_TRUE(with_nul);
    EXPECT_EQ(with_nul->path(), std::string("a\0b", 3));
    EXPECT_EQ(with_nul->to_string(), "@a@b");
    EXPECT_NE(*endpoint::unix_abstract("x"), *endpoint::unix_path("/x"));  // namespace matters
}

TEST(Endpoint, FromSockaddrRejectsBadInput) {
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    const auto* sa = reinterpret_cast<const sockaddr*>(&sin);
    EXPECT_EQ(endpoint::from_sockaddr(nullptr, 16).error(), std::errc::invalid_argument);         // null
    EXPECT_EQ(endpoint::from_sockaddr(sa, 1).error(), std::errc::invalid_argument);               // no family
    EXPECT_EQ(endpoint::from_sockaddr(sa, sizeof sin - 1).error(), std::errc::invalid_argument);  // short v4
    sockaddr_storage big{};
    big.ss_family = AF_INET6;
    EXPECT_EQ(
        endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&big), sizeof(sockaddr_in6) - 1).error(),
        std::errc::invalid_argument);  // short v6
    EXPECT_EQ(endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&big), sizeof big + 1).error(),
              std::errc::invalid_argument);  // longer than storage
    big.ss_family = AF_APPLETALK;
    EXPECT_EQ(endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&big), sizeof big).error(),
              std::errc::address_family_not_supported);  // unsupported family
    sockaddr_un unnamed{};
    unnamed.sun_family = AF_UNIX;
    auto u = endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&unnamed), sizeof(sa_family_t));
    ASSERT_TRUE(u);
    EXPECT_TRUE(u->is_unnamed());
    EXPECT_EQ(u->to_string(), "(unnamed)");
}

TEST(Endpoint, EmptyAndEquality) {
    endpoint none;
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(none.to_string(), "(none)");
    EXPECT_EQ(none.size(), 0U);
    EXPECT_EQ(*endpoint::parse("1.2.3.4:5"), *endpoint::parse("1.2.3.4:5"));
    EXPECT_NE(*endpoint::parse("1.2.3.4:5"), *endpoint::parse("1.2.3.4:6"));               // port differs
    EXPECT_NE(*endpoint::parse("[::1]:5"), *endpoint::parse("127.0.0.1:5"));               // family differs
    EXPECT_NE(*endpoint::parse("[::ffff:127.0.0.1]:5"), *endpoint::parse("127.0.0.1:5"));  // mapped ≠ v4
}

}  // namespace
}  // namespace sockit
