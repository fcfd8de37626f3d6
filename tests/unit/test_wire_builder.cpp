// SPDX-License-Identifier: MIT
// Tests of packet_builder: every layer builds, decodes back with the same fields (decode(build(x)) == x),
// defaults fill lengths, next-protocol fields and checksums, and bad stacks are refused with the right error.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/dissect/frame_decoder.hpp"
#include "sockit/wire/option_cursor.hpp"
#include "sockit/wire/packet_builder.hpp"
#include "test_packets.hpp"

// Designated initializers that leave fields at their defaults are the point of the builder API; g++ 12
// warns about them anyway under -Wextra.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace sockit;
using namespace sockit::wire;
using namespace sockit::test;
using namespace sockit::dissect;

namespace {

// Decodes and checks there is no issue; returns the layer names joined with '/'.
std::string stack_of(const byte_buffer& pkt, link_type link, decoded_frame& f) {
    decode_frame(pkt, link, f);
    std::string s;
    for (const auto& l : f.layers()) {
        if (!s.empty()) s += '/';
        s += layer_name(l.view);
        EXPECT_EQ(l.issue, codec_errc{}) << layer_name(l.view) << " has issue " << static_cast<int>(l.issue);
    }
    EXPECT_EQ(f.stop_reason(), codec_errc{});
    return s;
}

TEST(WireBuilder, StacksDecodeBackWithTheirFields) {
    struct row {
        const char* why;
        std::vector<layer_builder> layers;
        link_type link;
        const char* stack;
    };
    tcp_builder syn{.sport = 40000, .dport = 80, .seq = 1000, .flags = 0x002 | 0x100, .window = 29200};
    syn.mss = 1460;
    syn.window_scale = 7;
    syn.sack_permitted = true;
    syn.timestamps = std::pair<std::uint32_t, std::uint32_t>{123456, 0};
    tcp_builder ack{.sport = 80, .dport = 40000, .seq = 5, .ack = 1001, .flags = 0x010};
    ack.sack = {{2000, 3000}, {4000, 5000}};
    icmpv6_builder ns{.type = 135, .target = ip6_b};
    ns.options.push_back(ndp_option_builder::link_layer(1, mac_a));
    icmpv6_builder ra{.type = 134, .managed = true, .router_lifetime = 1800, .reachable_time = 30000};
    ra.options.push_back(ndp_option_builder::prefix_information(64, true, true, 86400, 14400, ip6_a));
    ra.options.push_back(ndp_option_builder::mtu(1500));
    ipv6_ext_builder hop{.kind = 0};
    hop.options = {5, 2, 0, 0};  // router alert (RFC 2711)
    ipv6_ext_builder rt{.kind = 43, .routing_type = 0, .segments_left = 1};
    rt.addresses = {ip6_b};
    ipv4_builder v4opt{.src = ip_a, .dst = ip_b, .ttl = 5};
    v4opt.options = {0x94, 0x04, 0x00, 0x00};  // router alert (RFC 2113)
    const row rows[] = {
        {"Ethernet/IPv4/UDP with data",
         {ethernet_builder{.dst = mac_b, .src = mac_a}, ipv4_builder{.src = ip_a, .dst = ip_b, .ttl = 5},
          udp_builder{.sport = 1234, .dport = 9}, raw_builder{{1, 2, 3}}},
         link_type::ethernet,
         "eth/ip/udp/data"},
        {"odd-length UDP payload (checksum pads)",
         {ipv4_builder{.src = ip_a, .dst = ip_b}, udp_builder{.sport = 7, .dport = 7},
          raw_builder{{1, 2, 3, 4, 5}}},
         link_type::raw,
         "ip/udp/data"},
        {"TCP SYN with every option",
         {ipv4_builder{.src = ip_a, .dst = ip_b, .dont_fragment = true}, syn},
         link_type::raw,
         "ip/tcp"},
        {"TCP ACK with SACK blocks over IPv6",
         {ipv6_builder{.src = ip6_a, .dst = ip6_b}, ack},
         link_type::raw,
         "ipv6/tcp"},
        {"double-tagged VLAN",
         {ethernet_builder{.ethertype = 0x88a8}, vlan_builder{.pcp = 5, .vid = 100},
          vlan_builder{.dei = true, .vid = 4095}, ipv4_builder{.src = ip_a, .dst = ip_b},
          icmp_builder{.type = 8, .id = 7, .seq = 9}},
         link_type::ethernet,
         "eth/vlan/vlan/ip/icmp"},
        {"ARP request",
         {ethernet_builder{.src = mac_a},
          arp_builder{.sender_mac = mac_a, .sender_ip = ip_a, .target_ip = ip_b}},
         link_type::ethernet,
         "eth/arp"},
        {"PPP with IPv6 echo",
         {ppp_builder{}, ipv6_builder{.src = ip6_a, .dst = ip6_b}, icmpv6_builder{.id = 1, .seq = 2}},
         link_type::ppp,
         "ppp/ipv6/icmpv6"},
        {"PPP compressed protocol, no address/control",
         {ppp_builder{.address_control = false, .compress_protocol = true},
          ipv4_builder{.src = ip_a, .dst = ip_b}, udp_builder{.sport = 1, .dport = 2}},
         link_type::ppp,
         "ppp/ip/udp"},
        {"NDP neighbor solicitation with source link-layer option",
         {ethernet_builder{}, ipv6_builder{.src = ip6_a, .dst = ip6_b, .hop_limit = 255}, ns},
         link_type::ethernet,
         "eth/ipv6/icmpv6"},
        {"NDP router advertisement with prefix and MTU",
         {ipv6_builder{.src = ip6_b, .dst = ip6_a, .hop_limit = 255}, ra},
         link_type::raw,
         "ipv6/icmpv6"},
        {"IPv6 hop-by-hop + routing + UDP",
         {ipv6_builder{.src = ip6_a, .dst = ip6_b}, hop, rt, udp_builder{.sport = 5, .dport = 6},
          raw_builder{{9}}},
         link_type::raw,
         "ipv6/ipv6.hopopts/ipv6.routing/udp/data"},
        {"IPv6 first fragment",
         {ipv6_builder{.src = ip6_a, .dst = ip6_b},
          ipv6_ext_builder{.kind = 44, .more_fragments = true, .identification = 77},
          udp_builder{.sport = 5, .dport = 6}, raw_builder{{1, 2, 3, 4, 5, 6, 7, 8}}},
         link_type::raw,
         "ipv6/ipv6.fragment/udp/data"},
        {"IPv4 with options", {v4opt, raw_builder{{1}}}, link_type::raw, "ip/data"},
        {"IPv4 later fragment is data",
         {ipv4_builder{.src = ip_a, .dst = ip_b, .fragment_offset = 185}, raw_builder{{1, 2}}},
         link_type::raw,
         "ip/data"},
        {"ICMP unreachable quoting IPv4/UDP",
         {ipv4_builder{.src = ip_b, .dst = ip_a}, icmp_builder{.type = 3, .code = 4, .next_hop_mtu = 1400},
          ipv4_builder{.src = ip_a, .dst = ip_b}, udp_builder{.sport = 1, .dport = 2}},
         link_type::raw,
         "ip/icmp"},
        {"IPv6 in IPv4",
         {ipv4_builder{.src = ip_a, .dst = ip_b}, ipv6_builder{.src = ip6_a, .dst = ip6_b},
          udp_builder{.sport = 1, .dport = 2}},
         link_type::raw,
         "ip/ipv6/udp"},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.why);
        auto pkt = build_packet(r.layers);
        ASSERT_TRUE(pkt) << pkt.error().message();
        decoded_frame f;
        EXPECT_EQ(stack_of(*pkt, r.link, f), r.stack);
    }
}

TEST(WireBuilder, FieldsSurviveTheRoundTrip) {
    tcp_builder t{.sport = 40000,
                  .dport = 443,
                  .seq = 0xdeadbeef,
                  .ack = 0x01020304,
                  .flags = 0x1ff,
                  .window = 512,
                  .urgent_pointer = 3};
    t.mss = 1400;
    t.window_scale = 14;
    t.sack_permitted = true;
    t.timestamps = std::pair<std::uint32_t, std::uint32_t>{0x11111111, 0x22222222};
    t.sack = {{1, 2}};
    auto pkt = build(
        {ethernet_builder{.dst = mac_b, .src = mac_a},
         ipv4_builder{.src = ip_a, .dst = ip_b, .tos = 0xb8, .id = 0x4242, .dont_fragment = true, .ttl = 3},
         t, raw_builder{{'h', 'i'}}});
    decoded_frame f;
    ASSERT_EQ(stack_of(pkt, link_type::ethernet, f), "eth/ip/tcp/data");
    const auto* e = f.find<ethernet_view>();
    EXPECT_EQ(e->dst(), mac_b);
    EXPECT_EQ(e->src(), mac_a);
    EXPECT_EQ(e->ethertype(), 0x0800);
    const auto* ip = f.find<ipv4_view>();
    EXPECT_EQ(ip->tos(), 0xb8);
    EXPECT_EQ(ip->id(), 0x4242);
    EXPECT_TRUE(ip->dont_fragment());
    EXPECT_EQ(ip->ttl(), 3);
    EXPECT_EQ(ip->protocol(), 6);
    EXPECT_EQ(ip->total_length(), pkt.size() - 14);
    EXPECT_TRUE(std::equal(ip->src().begin(), ip->src().end(), ip_a.begin()));
    const auto* tv = f.find<tcp_view>();
    EXPECT_EQ(tv->sport(), 40000);
    EXPECT_EQ(tv->dport(), 443);
    EXPECT_EQ(tv->seq(), 0xdeadbeef);
    EXPECT_EQ(tv->ack(), 0x01020304u);
    EXPECT_EQ(tv->flags(), 0x1ff);
    EXPECT_EQ(tv->window(), 512);
    EXPECT_EQ(tv->urgent_pointer(), 3);
    EXPECT_EQ(tv->mss(), 1400);
    EXPECT_EQ(tv->window_scale(), 14);
    EXPECT_TRUE(tv->sack_permitted());
    ASSERT_TRUE(tv->timestamps());
    EXPECT_EQ(tv->timestamps()->value, 0x11111111u);
    EXPECT_EQ(tv->timestamps()->echo_reply, 0x22222222u);
    ASSERT_EQ(tv->sack_blocks().size(), 8u);
    EXPECT_EQ(load_be32(tv->sack_blocks().data()), 1u);
    EXPECT_EQ(tv->header_size() % 4, 0u);
    EXPECT_EQ(tv->payload().size(), 2u);
}

TEST(WireBuilder, GivenValuesOverrideDefaults) {
    // A deliberately wrong checksum and length are written as given, and the decoder flags them.
    auto pkt = build({ipv4_builder{.src = ip_a, .dst = ip_b, .checksum = std::uint16_t{0x1234}},
                      udp_builder{.sport = 1, .dport = 2, .checksum = std::uint16_t{0xbeef}}});
    decoded_frame f;
    decode_frame(pkt, link_type::raw, f);
    ASSERT_EQ(f.layers().size(), 2u);
    EXPECT_EQ(f.layers()[0].issue, codec_errc::bad_checksum);
    EXPECT_EQ(f.layers()[1].issue, codec_errc::bad_checksum);
    EXPECT_EQ(std::get<ipv4_view>(f.layers()[0].view).checksum(), 0x1234);

    pkt =
        build({ipv4_builder{
                   .src = ip_a, .dst = ip_b, .protocol = std::uint8_t{17}, .total_length = std::uint16_t{10}},
               raw_builder{{1, 2, 3, 4, 5, 6, 7, 8}}});
    decode_frame(pkt, link_type::raw, f);
    EXPECT_EQ(f.layers()[0].issue, codec_errc::bad_length);
    // UDP's zero checksum result is sent as 0xffff (RFC 768): find a payload that sums to it is hard,
    // so check the rule through the decoder instead: a zero checksum verifies over IPv4.
    pkt = build({ipv4_builder{.src = ip_a, .dst = ip_b},
                 udp_builder{.sport = 1, .dport = 2, .checksum = std::uint16_t{0}}});
    decode_frame(pkt, link_type::raw, f);
    EXPECT_EQ(f.layers()[1].issue, codec_errc{});
}

TEST(WireBuilder, RefusesImpossibleStacks) {
    struct row {
        const char* why;
        std::vector<layer_builder> layers;
        codec_errc want;
    };
    ipv4_builder big_opts;
    big_opts.options.assign(44, 1);
    tcp_builder five_sacks;
    five_sacks.sack.assign(5, {1, 2});
    raw_builder huge;
    huge.data.assign(70000, 0);
    const row rows[] = {
        {"VLAN id over 4095", {ethernet_builder{}, vlan_builder{.vid = 4096}}, codec_errc::bad_value},
        {"priority over 7", {ethernet_builder{}, vlan_builder{.pcp = 8}}, codec_errc::bad_value},
        {"IPv4 options over 40 bytes", {big_opts}, codec_errc::too_large},
        {"fragment offset over 13 bits", {ipv4_builder{.fragment_offset = 8192}}, codec_errc::bad_value},
        {"five SACK blocks", {ipv4_builder{}, five_sacks}, codec_errc::bad_value},
        {"IPv4 over 65535 bytes", {ipv4_builder{}, huge}, codec_errc::too_large},
        {"IPv6 payload over 65535 bytes", {ipv6_builder{}, huge}, codec_errc::too_large},
        {"PPP with unknown payload and no protocol",
         {ppp_builder{}, raw_builder{{1}}},
         codec_errc::bad_value},
        {"unknown extension header kind",
         {ipv6_builder{}, ipv6_ext_builder{.kind = 17}},
         codec_errc::bad_value},
        {"flow label over 20 bits", {ipv6_builder{.flow_label = 0x100000}}, codec_errc::bad_value},
    };
    for (const auto& r : rows) {
        auto pkt = build_packet(r.layers);
        ASSERT_FALSE(pkt) << r.why;
        EXPECT_EQ(pkt.error(), make_error_code(r.want)) << r.why;
    }
}

TEST(WireBuilder, PacketBuilderChains) {
    packet_builder b;
    b.push(ipv6_builder{.src = ip6_a, .dst = ip6_b}).push(udp_builder{.sport = 53, .dport = 53});
    auto pkt = b.build();
    ASSERT_TRUE(pkt);
    EXPECT_EQ(pkt->size(), 48u);
    EXPECT_EQ((*pkt)[6], 17);  // next header filled from the UDP layer
    EXPECT_EQ(load_be16(pkt->data() + 4), 8);
}

TEST(WireBuilder, MacAddressParsing) {
    struct row {
        const char* text;
        bool ok;
    };
    const row rows[] = {
        {"02:00:5e:10:00:01", true},   // colons
        {"02-00-5E-10-00-01", true},   // dashes, upper case
        {"02:00:5e:10:00", false},     // too short
        {"02:00:5e:10:00:0g", false},  // not hex
        {"02:00-5e:10:00:01", false},  // mixed separators
        {"0200.5e10.0001", false},     // Cisco dots are not accepted
    };
    for (const auto& r : rows) {
        auto m = mac_address::parse(r.text);
        EXPECT_EQ(static_cast<bool>(m), r.ok) << r.text;
        if (m) {
            EXPECT_EQ(m->to_string(), "02:00:5e:10:00:01") << r.text;
        }
    }
    EXPECT_TRUE(mac_address::broadcast().is_broadcast());
    EXPECT_TRUE(mac_address::broadcast().is_multicast());
    EXPECT_TRUE(mac_a.is_local());
    EXPECT_FALSE(mac_a.is_multicast());
}

}  // namespace
