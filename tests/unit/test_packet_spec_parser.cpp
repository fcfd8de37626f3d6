// SPDX-License-Identifier: MIT
// Tests of the `sockit build` spec language: good specs build the expected bytes and link types; every
// kind of mistake is a spec_error naming the right token at the right offset.
#include <gtest/gtest.h>

#include <string>

#include "sockit/packet_spec/built_packet.hpp"

using namespace sockit;
using packet_spec::build_packets;

namespace {

std::string hex(bytes_view b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    for (std::uint8_t c : b) {
        s += digits[c >> 4];
        s += digits[c & 15];
    }
    return s;
}

TEST(PacketSpecParser, IcmpEchoBytes) {
    auto r = build_packets("ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=5,id=1)/icmp(echo,id=1,seq=1)");
    ASSERT_TRUE(r) << r.error().token << ": " << r.error().why;
    ASSERT_EQ(r->size(), 1u);
    const auto& p = r->front();
    EXPECT_EQ(p.link, wire::link_type::raw);
    EXPECT_EQ(p.layers, (std::vector<std::string>{"ipv4", "icmp"}));
    EXPECT_EQ(p.offset, 0u);
    // Length 28, protocol 1 and both checksums filled in.
    EXPECT_EQ(hex(p.bytes),
              "4500001c000100000501c9a4c0000201c6336407"
              "0800f7fd00010001");
}

TEST(PacketSpecParser, PacketsAliasesCaseAndSpaces) {
    auto r = build_packets(
        " ETH(src=02:00:00:00:00:01) / IP(dst=127.0.0.2) / UDP(dport=7) ; ip6/icmpv6(echo);ppp/ip/raw");
    ASSERT_TRUE(r) << r.error().token << ": " << r.error().why;
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[0].link, wire::link_type::ethernet);
    EXPECT_EQ((*r)[0].layers, (std::vector<std::string>{"eth", "ip", "udp"}));
    EXPECT_EQ((*r)[0].offset, 1u);
    EXPECT_EQ((*r)[0].bytes.size(), 14u + 20u + 8u);
    EXPECT_EQ((*r)[1].link, wire::link_type::raw);
    EXPECT_EQ((*r)[1].offset, 65u);
    EXPECT_EQ((*r)[2].link, wire::link_type::ppp);
}

TEST(PacketSpecParser, LinkOnlyFromTheFirstLayer) {
    auto r = build_packets("udp/raw(text=hi);vlan/arp;icmp");
    ASSERT_TRUE(r);
    for (const auto& p : *r) EXPECT_FALSE(p.link);
    EXPECT_EQ(hex((*r)[0].bytes).substr(0, 16),
              "04000009000a0000");  // 1024 > 9, length 10; no IP: no checksum
    EXPECT_EQ(hex((*r)[0].bytes).substr(16), "6869");
}

TEST(PacketSpecParser, ValuesInsideParenthesesKeepSlashesAndSemicolons) {
    auto r = build_packets("ipv6/icmp6(ra,prefix=2001:db8::/48)/raw(text=a;b/c)");
    ASSERT_TRUE(r) << r.error().token << ": " << r.error().why;
    ASSERT_EQ(r->size(), 1u);
    EXPECT_TRUE(hex(r->front().bytes).ends_with("613b622f63"));  // "a;b/c"
}

struct bad_spec {
    const char* spec;
    const char* token;
    std::size_t offset;
    const char* why;
};

class PacketSpecErrors : public testing::TestWithParam<bad_spec> {};

TEST_P(PacketSpecErrors, NameTokenAndOffset) {
    const bad_spec& c = GetParam();
    auto r = build_packets(c.spec);
    ASSERT_FALSE(r) << c.spec;
    EXPECT_EQ(r.error().token, c.token) << c.spec;
    EXPECT_EQ(r.error().offset, c.offset) << c.spec;
    EXPECT_NE(r.error().why.find(c.why), std::string::npos) << c.spec << ": " << r.error().why;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PacketSpecErrors,
    testing::Values(
        bad_spec{"ipv4(ttlx=5)", "ttlx", 5, "unknown field of ipv4 (known: "},
        bad_spec{"ipv4(src=1.2.3)", "1.2.3", 9, "ipv4.src wants an IPv4 address"},
        bad_spec{"ipv4(ttl=300)", "300", 9, "ipv4.ttl is at most 255"},
        bad_spec{"ipv4(ttl=5x)", "5x", 9, "wants a number (decimal or 0x hex)"},
        bad_spec{"ipv4(id=99999999999999999999999)", "99999999999999999999999", 8, "at most 65535"},
        bad_spec{"ipv4(frag=8192)", "8192", 10, "ipv4.frag is at most 8191"},
        bad_spec{"ipv4/\xc3\xa9", "\xc3\xa9", 5, "expected a layer name"},
        bad_spec{"ipv4/udp/foo", "foo", 9,
                 "unknown layer (known: eth, vlan, ppp, arp, ipv4, ipv6, hbh, rh, frag, dstopts, icmp, "
                 "icmp6, udp, tcp, dns, raw)"},
        bad_spec{"ipv4(ttl=5", "", 10, "missing ')' to close ipv4("},
        bad_spec{"ipv4(ttl=)", "ttl=", 5, "empty value for ttl"},
        bad_spec{"ipv4 udp", "udp", 5, "expected '/' between layers or ';' between packets"},
        bad_spec{"ipv4(,)", ",", 5, "expected a field name in ipv4()"},
        bad_spec{"ipv4(df x)", "x", 8, "expected ',' or ')'"},
        bad_spec{"eth(dst=zz:00:00:00:00:00)", "zz:00:00:00:00:00", 8, "MAC address"},
        bad_spec{"ipv4/tcp(flags=SX)", "SX", 15, "'X' is not one of F S R P A U E C N"},
        bad_spec{"ipv4/tcp(ts=1)", "1", 12, "tcp.ts wants TSVAL:TSECR"},
        bad_spec{"ipv4/udp/dns(qtype=BOGUS)", "BOGUS", 19, "dns.qtype"},
        bad_spec{"ipv4/udp/dns(qname=a..b)", "a..b", 19, "not a domain name"},
        bad_spec{"ipv4/udp/raw(hex=abc)", "abc", 17, "odd number of hex digits"},
        bad_spec{"ipv4/udp/raw(hex=0g)", "0g", 17, "wants hex digits"},
        bad_spec{"ipv4/icmp(ecoh)", "ecoh", 10, "unknown field of icmp"},
        bad_spec{"ipv4(ttl)", "ttl", 5, "ipv4.ttl needs a value (ttl=...)"},
        bad_spec{"ipv4(df=maybe)", "maybe", 8, "ipv4.df wants 1 or 0"},
        bad_spec{"   ", "   ", 0, "no packet: the spec is empty"},
        bad_spec{"ipv4;;udp", ";", 5, "expected a layer name"},
        bad_spec{"ipv4; /udp", "/", 6, "expected a layer name"},
        bad_spec{"ipv6(dst=fe80::1::2)", "fe80::1::2", 9, "wants an IPv6 address"},
        bad_spec{"ipv6/icmp6(prefix=2001:db8::/129)", "2001:db8::/129", 18, "icmp6.prefix wants"},
        bad_spec{"ipv4/udp/dns(rcode=BADVERS,noedns)", "dns", 9, "an rcode over 15 needs EDNS"}));

TEST(PacketSpecReference, NamesEveryLayer) {
    const std::string_view ref = packet_spec::spec_reference();
    for (const char* layer : {"eth(", "vlan(", "ppp(", "arp(", "ipv4(", "ipv6(", "hbh(", "dstopts(", "rh(",
                              "frag(", "icmp(", "icmp6(", "udp(", "tcp(", "dns(", "raw("})
        EXPECT_NE(ref.find(layer), std::string_view::npos) << layer;
}

}  // namespace
