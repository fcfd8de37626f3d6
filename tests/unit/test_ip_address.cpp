// SPDX-License-Identifier: MIT
// ip_address: strict parsing (RFC 791, RFC 4291 2.2, RFC 4007 zones), RFC 5952 text, conversions, and
// the classification tables, row by row, including every example of the seeds.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "parse_or_fail.hpp"
#include "sockit/ip/ip_address.hpp"

using sockit::address_errc;
using sockit::ip_address;

namespace {

ip_address must(std::string_view s) { return sockit::test::parse_or_fail<ip_address>(s); }

static_assert(std::is_trivially_copyable_v<ip_address>);
static_assert(sizeof(ip_address) <= 40);

struct canon_case {
    const char* input;
    const char* canonical;
    int version;
};

// Accepted inputs and their RFC 5952 canonical text.
const canon_case canon_cases[] = {
    {"0.0.0.0", "0.0.0.0", 4},                                                    // all zero
    {"255.255.255.255", "255.255.255.255", 4},                                    // all ones
    {"127.0.0.1", "127.0.0.1", 4},                                                // seed 000: IPv4 loopback
    {"172.17.86.75", "172.17.86.75", 4},                                          // seed 002's example host
    {"198.151.100.9", "198.151.100.9", 4},                                        // seed 002's dotted example
    {"2001:0db8:0000:0000:03e0:0000:18a7:8223", "2001:db8::3e0:0:18a7:8223", 6},  // seed 002
    {"2001:db8:0:0:3e0:0:18a7:8223", "2001:db8::3e0:0:18a7:8223", 6},             // seed 002, zeros dropped
    {"0000:0000:0000:0000:004f:12c2:0009:a2d2", "::4f:12c2:9:a2d2", 6},           // seed 001
    {"::ffff:1.2.3.4", "::ffff:1.2.3.4", 6},                    // seed 000: v4-mapped, mixed notation
    {"::FFFF:102:304", "::ffff:1.2.3.4", 6},                    // mapped written in hex, printed mixed
    {"::1", "::1", 6},                                          // seed 000: IPv6 loopback
    {"::", "::", 6},                                            // unspecified
    {"1::", "1::", 6},                                          // trailing gap
    {"1:0:0:0:0:0:0:0", "1::", 6},                              // seven zero groups compressed
    {"2001:DB8::1", "2001:db8::1", 6},                          // lowercase output (RFC 5952 4.3)
    {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1", 6},        // one zero group stays (RFC 5952 4.2.2)
    {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1", 6},                 // longest run wins (4.2.3)
    {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", 6},           // first run on a tie (4.2.3)
    {"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", 6},                  // "::" for one group; printed without
    {"::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8", 6},                  // same at the front
    {"::1.2.3.4", "::102:304", 6},                              // IPv4-compatible: no mixed notation
    {"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304", 6},          // dotted quad after six groups
    {"64:ff9b::192.0.2.33", "64:ff9b::c000:221", 6},            // NAT64 prefix, not mixed
    {"fe80::1%eth0", "fe80::1%eth0", 6},                        // zone kept as written
    {"fe80::1%1", "fe80::1%1", 6},                              // numeric zone
    {"fe80::1%abcdefghijklmno", "fe80::1%abcdefghijklmno", 6},  // 15-character zone: the maximum
    {"::ffff:0.0.0.0", "::ffff:0.0.0.0", 6},                    // mapped zero
    {"::%x", "::%x", 6},                                        // a zone on the unspecified address
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
     6},  // longest text
};

TEST(IpAddress, ParsesAndFormatsCanonically) {
    for (const auto& c : canon_cases) {
        SCOPED_TRACE(c.input);
        auto a = must(c.input);
        EXPECT_EQ(a.to_string(), c.canonical);
        EXPECT_EQ(a.version(), c.version);
        char buf[ip_address::max_string_length + 8];
        EXPECT_EQ(std::string(buf, a.format_to(buf)), c.canonical);
        EXPECT_EQ(must(c.canonical), a);  // the canonical text parses back to the same value
    }
}

struct error_case {
    const char* input;
    address_errc code;
    std::size_t offset;
    const char* message;
};

// Rejected inputs: the error, where, and the message people see.
const error_case error_cases[] = {
    {"", address_errc::empty, 0, "empty address"},  // nothing
    {"192.168.300.1", address_errc::octet_too_large, 8,
     "octet 300 > 255 at offset 8"},                                                   // the example
    {"01.2.3.4", address_errc::leading_zero, 0, "leading zero in octet at offset 0"},  // octal ambiguity
    {"1.2.3.04", address_errc::leading_zero, 6, "leading zero in octet at offset 6"},  // last octet
    {"::ffff:129.89.150.000", address_errc::leading_zero, 18,
     "leading zero in octet at offset 18"},                                                // seed 001
    {"1.2.3", address_errc::too_few_octets, 5, "only 3 octets, need 4"},                   // short quad
    {"1.2.3.4.5", address_errc::too_many_octets, 7, "more than 4 octets at offset 7"},     // long quad
    {"1..2.3", address_errc::empty_octet, 2, "empty octet at offset 2"},                   // empty middle
    {"1.2.3.", address_errc::empty_octet, 6, "empty octet at offset 6"},                   // trailing dot
    {".1.2.3", address_errc::empty_octet, 0, "empty octet at offset 0"},                   // leading dot
    {"1.2.3.4 ", address_errc::bad_character, 7, "unexpected character ' ' at offset 7"},  // trailing blank
    {"1.2.3.x", address_errc::bad_character, 6, "unexpected character 'x' at offset 6"},   // letter
    {"99999999999.1.1.1", address_errc::octet_too_large, 0, "octet > 255 at offset 0"},    // saturated value
    {"1.2.3.4%eth0", address_errc::zone_on_ipv4, 7, "zone on an IPv4 address at offset 7"},  // no IPv4 zones
    {":1::", address_errc::empty_group, 0, "empty group at offset 0"},            // lone leading colon
    {"1::2:", address_errc::empty_group, 5, "empty group at offset 5"},           // trailing colon
    {"1:::2", address_errc::empty_group, 3, "empty group at offset 3"},           // three colons
    {"1::2::3", address_errc::double_colon_twice, 4, "second '::' at offset 4"},  // two gaps
    {"12345::", address_errc::group_too_long, 0,
     "group of 5 hex digits (at most 4) at offset 0"},                                     // 5 digits
    {"1:2:3:4:5:6:7", address_errc::too_few_groups, 13, "only 7 groups, need 8 or '::'"},  // seven groups
    {"1:2:3:4:5:6:7:8:9", address_errc::too_many_groups, 16, "more than 8 groups at offset 16"},  // nine
    {"1:2:3:4::5:6:7:8", address_errc::double_colon_no_zero, 7,
     "'::' at offset 7 with 8 groups besides (it must stand for at least one)"},  // gap of nothing
    {"1:2:3:4:5:6:7:1.2.3.4", address_errc::too_many_groups, 14,
     "more than 8 groups at offset 14"},                                                      // quad too late
    {"::1.2.3.4:5", address_errc::bad_character, 9, "unexpected character ':' at offset 9"},  // quad not last
    {"::1.2.3", address_errc::too_few_octets, 7, "only 3 octets, need 4"},            // short embedded quad
    {"g::", address_errc::bad_character, 0, "unexpected character 'g' at offset 0"},  // not hex
    {"fe80::1%", address_errc::bad_zone, 8, "empty zone at offset 8"},                // empty zone
    {"fe80::1%eth 0", address_errc::bad_zone, 11,
     "character ' ' not allowed in a zone at offset 11"},                                           // blank
    {"fe80::1%a%b", address_errc::bad_zone, 9, "character '%' not allowed in a zone at offset 9"},  // two '%'
    {"fe80::1%abcdefghijklmnop", address_errc::bad_zone, 23,
     "zone longer than 15 characters at offset 23"},                                    // 16
    {"%eth0", address_errc::bad_character, 0, "unexpected character '%' at offset 0"},  // zone alone
    {"[::1]", address_errc::bad_character, 0, "unexpected character '[' at offset 0"},  // brackets belong to
    {"[1.2.3.4]", address_errc::bad_character, 0, "unexpected character '[' at offset 0"},  // endpoints, URLs
    {"::1]", address_errc::bad_character, 3, "unexpected character ']' at offset 3"},       // half of them
};

TEST(IpAddress, RejectsWithWhatAndWhere) {
    for (const auto& c : error_cases) {
        SCOPED_TRACE(c.input);
        auto r = ip_address::parse(c.input);
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code, c.code) << r.error().message();
        EXPECT_EQ(r.error().offset, c.offset) << r.error().message();
        EXPECT_EQ(r.error().message(), c.message);
        EXPECT_EQ(r.error().code.category().name(), std::string("sockit.address"));
    }
}

// Which predicates hold, as a string of letters: p private, g global, l loopback, k link-local,
// m multicast, r reserved, u unspecified, s site-local, d documentation, h shared, q unique-local.
std::string classes(const ip_address& a) {
    std::string c;
    if (a.is_private()) c += 'p';
    if (a.is_global()) c += 'g';
    if (a.is_loopback()) c += 'l';
    if (a.is_link_local()) c += 'k';
    if (a.is_multicast()) c += 'm';
    if (a.is_reserved()) c += 'r';
    if (a.is_unspecified()) c += 'u';
    if (a.is_site_local()) c += 's';
    if (a.is_documentation()) c += 'd';
    if (a.is_shared()) c += 'h';
    if (a.is_unique_local()) c += 'q';
    return c;
}

struct class_case {
    const char* input;
    const char* classes;
};

// Classification rows (issue 2's tables; seed 000's lists; seed 002's ranges).
const class_case class_cases[] = {
    {"127.0.0.1", "pl"},         // seed 000: IPv4 loopback
    {"::1", "plr"},              // seed 000: IPv6 loopback (::/8 is IETF-reserved)
    {"169.254.1.2", "pk"},       // seed 000: 169.254.x.x
    {"fe80::1", "pk"},           // seed 000: FE80
    {"feb0::1", "pk"},           // seed 000: FEB0 is still fe80::/10
    {"fec0::1", "gs"},           // site-local (deprecated); global by the registry, outside fe00::/9
    {"192.168.1.1", "p"},        // seed 000/002: private
    {"172.16.0.0", "p"},         // 172.16/12 first
    {"172.31.255.255", "p"},     // 172.16/12 last
    {"172.32.0.0", "g"},         // just outside
    {"10.255.255.255", "p"},     // 10/8 last
    {"224.0.0.1", "gm"},         // seed 000: multicast 224-239
    {"239.255.255.255", "gm"},   // multicast last
    {"ff02::1", "gm"},           // seed 000: FF...
    {"192.0.2.1", "pd"},         // seed 002: TEST-NET-1
    {"198.51.100.7", "pd"},      // TEST-NET-2
    {"203.0.113.255", "pd"},     // TEST-NET-3
    {"2001:db8::1", "pd"},       // seed 002: documentation prefix
    {"3fff::1", "pd"},           // RFC 9637
    {"3fff:1000::", "g"},        // just past 3fff::/20
    {"fd12:3456::1", "pq"},      // seed 002: fd00::/8 unique-local
    {"100.64.0.1", "h"},         // shared: neither private nor global
    {"0.0.0.0", "pu"},           // unspecified, "this network"
    {"::", "pru"},               // unspecified IPv6 (::/8 is IETF-reserved)
    {"240.0.0.1", "pr"},         // reserved
    {"255.255.255.255", "pr"},   // limited broadcast
    {"192.0.0.9", "g"},          // exception inside 192.0.0.0/24
    {"192.0.0.8", "p"},          // not an exception
    {"192.0.0.171", "p"},        // 192.0.0.170/31
    {"2001:1::1", "g"},          // exception inside 2001::/23
    {"2001:1::3", "p"},          // not an exception
    {"2001:4:112::1", "g"},      // AS112-v6
    {"2002::1", "p"},            // 6to4
    {"64:ff9b:1::1", "pr"},      // local-use NAT64
    {"64:ff9b::1", "gr"},        // well-known NAT64 prefix is global
    {"::ffff:127.0.0.1", "pl"},  // mapped: judged by 127.0.0.1 (cpython#117566)
    {"::ffff:10.0.0.1", "p"},    // mapped private
    {"::ffff:8.8.8.8", "g"},     // mapped global
    {"::ffff:100.64.0.1", "h"},  // mapped shared
    {"::ffff:224.0.0.1", "gm"},  // mapped multicast
    {"::ffff:0.0.0.0", "pu"},    // mapped unspecified
    {"8.8.8.8", "g"},            // plain global
    {"2606:4700::1111", "g"},    // plain global IPv6
};

TEST(IpAddress, Classifies) {
    for (const auto& c : class_cases) {
        SCOPED_TRACE(c.input);
        EXPECT_EQ(classes(must(c.input)), c.classes);
    }
}

TEST(IpAddress, Conversions) {
    const auto v4 = must("1.2.3.4");
    EXPECT_EQ(v4.to_v4_uint(), 0x01020304u);
    EXPECT_EQ(v4, ip_address::from_v4(0x01020304u));
    const std::array<std::uint8_t, 4> b4{1, 2, 3, 4};
    EXPECT_EQ(v4, ip_address::from_v4_bytes(b4));
    EXPECT_EQ(std::vector<std::uint8_t>(v4.bytes().begin(), v4.bytes().end()),
              std::vector<std::uint8_t>(b4.begin(), b4.end()));
    EXPECT_EQ(v4.to_v4_mapped().to_string(), "::ffff:1.2.3.4");  // seed 000
    EXPECT_EQ(v4.to_v4_mapped().unmap(), v4);
    EXPECT_EQ(must("::ffff:1.2.3.4").ipv4_mapped(), v4);
    EXPECT_FALSE(v4.ipv4_mapped().has_value());   // IPv4 has no mapped form inside
    EXPECT_EQ(must("::1").unmap(), must("::1"));  // not mapped: unchanged
    EXPECT_EQ(v4.reverse_pointer(), "4.3.2.1.in-addr.arpa");
    EXPECT_EQ(must("2001:db8::567:89ab").reverse_pointer(),
              "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");  // RFC 3596 style
    EXPECT_EQ(must("2001:db8::3e0:0:18a7:8223").exploded(), "2001:0db8:0000:0000:03e0:0000:18a7:8223");
    EXPECT_EQ(sockit::to_decimal(must("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").to_uint()),
              "340282366920938463463374607431768211455");
    EXPECT_EQ(ip_address::from_v6_uint(1), must("::1"));
    EXPECT_EQ(must("2002:c000:204::1").sixtofour(), must("192.0.2.4"));
    const auto t = must("2001:0:4136:e378:8000:63bf:3fff:fdd2").teredo();  // RFC 4380's example
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->server, must("65.54.227.120"));
    EXPECT_EQ(t->client, must("192.0.2.45"));
    EXPECT_EQ(must("ff05::2").multicast_scope(), 5);
    EXPECT_EQ(ip_address::multicast_scope_name(5), "site-local");
    EXPECT_EQ(must("::ffff:224.0.0.1").multicast_scope(), -1);
    const auto z = must("fe80::1%eth0");
    EXPECT_EQ(z.zone(), "eth0");
    EXPECT_NE(z, must("fe80::1"));
    EXPECT_EQ(z.with_zone({}), must("fe80::1"));
    EXPECT_EQ(v4.with_zone("eth0"), v4);  // IPv4 has no zone
    EXPECT_FALSE(ip_address{}.is_valid());
    EXPECT_EQ(ip_address{}.version(), 0);
    EXPECT_EQ(ip_address{}.to_string(), "");
}

TEST(IpAddress, Orders) {
    EXPECT_LT(ip_address{}, must("0.0.0.0"));        // invalid first
    EXPECT_LT(must("255.255.255.255"), must("::"));  // IPv4 before IPv6
    EXPECT_LT(must("1.2.3.4"), must("1.2.3.5"));     // by value
    EXPECT_LT(must("fe80::1"), must("fe80::1%a"));   // then by zone
    EXPECT_LT(must("fe80::1%a"), must("fe80::1%b"));
    EXPECT_EQ(sockit::parse_decimal("340282366920938463463374607431768211455"), ~sockit::uint128{0});
    EXPECT_FALSE(sockit::parse_decimal("340282366920938463463374607431768211456").has_value());  // 2^128
    EXPECT_FALSE(sockit::parse_decimal("").has_value());
    EXPECT_FALSE(sockit::parse_decimal("1a").has_value());
}

}  // namespace
