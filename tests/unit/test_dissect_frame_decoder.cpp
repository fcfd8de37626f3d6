// SPDX-License-Identifier: MIT
// Robustness and golden tests of the frame decoder and every view: the golden captures (scapy-written, all
// protocols and link types) decode to the expected layer stacks; every frame truncated at every byte
// offset and with random bit flips, placed right before a PROT_NONE guard page, never reads out of bounds.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "guarded_buffer.hpp"
#include "sockit/core/byte_order.hpp"
#include "sockit/dissect/frame_decoder.hpp"
#include "sockit/wire/option_cursor.hpp"

using namespace sockit;
using namespace sockit::wire;
using namespace sockit::dissect;

namespace {

struct capture {
    std::uint32_t linktype = 0;
    std::vector<byte_buffer> frames;
};

// A minimal reader of classic little-endian pcap files (the golden files are written that way).
capture read_pcap(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    capture c;
    auto le32 = [&](std::size_t at) {
        return static_cast<std::uint32_t>(d[at] | (d[at + 1] << 8) | (d[at + 2] << 16)) |
               (static_cast<std::uint32_t>(d[at + 3]) << 24);
    };
    if (d.size() < 24 || le32(0) != 0xa1b2c3d4) return c;
    c.linktype = le32(20);
    for (std::size_t at = 24; at + 16 <= d.size();) {
        std::size_t len = le32(at + 8);
        at += 16;
        if (at + len > d.size()) break;
        c.frames.emplace_back(d.begin() + static_cast<std::ptrdiff_t>(at),
                              d.begin() + static_cast<std::ptrdiff_t>(at + len));
        at += len;
    }
    return c;
}

std::string data_path(const char* name) { return std::string(SOCKIT_TEST_DATA) + "/wire/" + name; }

// Touches every field of every layer (what a printer would do), so that out-of-bounds accessors fault.
std::uint64_t touch(const decoded_frame& f) {
    std::uint64_t acc = 0;
    auto sum = [&](bytes_view b) {
        for (std::uint8_t x : b) acc += x;
    };
    for (const auto& l : f.layers()) {
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, payload_view>) {
                    sum(v.data);
                } else if constexpr (std::is_same_v<V, ipv4_view>) {
                    acc += static_cast<std::uint64_t>(v.checksum_ok()) + v.ttl() + v.fragment_offset();
                    sum(v.options());
                    sum(v.payload());
                    option_cursor oc(v.options());
                    option_entry e;
                    while (oc.next(e)) sum(e.value);
                } else if constexpr (std::is_same_v<V, tcp_view>) {
                    acc += static_cast<std::uint64_t>(v.mss().value_or(0)) + v.window_scale().value_or(0) +
                           static_cast<std::uint64_t>(v.sack_permitted());
                    if (auto t = v.timestamps()) acc += t->value;
                    sum(v.sack_blocks());
                    sum(v.payload());
                } else if constexpr (std::is_same_v<V, icmpv6_view>) {
                    acc += v.type() + v.id() + v.rest_of_header();
                    if (v.has_fields() && v.is_ndp()) {
                        if (v.type() == 134) acc += v.reachable_time();
                        if (v.type() >= 135) sum(v.target());
                        if (v.type() == 137) sum(v.destination());
                    }
                    ndp_option_cursor oc(v.ndp_options());
                    ndp_option o;
                    while (oc.next(o)) sum(o.value);
                    sum(v.body());
                } else if constexpr (std::is_same_v<V, ipv6_ext_view>) {
                    sum(v.header());
                    if (v.kind() == 43) sum(v.routing_data());
                    if (v.kind() == 0 || v.kind() == 60) sum(v.options());
                } else if constexpr (std::is_same_v<V, icmp_view>) {
                    acc += static_cast<std::uint64_t>(v.checksum_ok()) + v.rest_of_header();
                    sum(v.body());
                } else if constexpr (std::is_same_v<V, arp_view>) {
                    sum(v.sender_hw());
                    sum(v.sender_proto());
                    sum(v.target_hw());
                    sum(v.target_proto());
                } else if constexpr (std::is_same_v<V, sll_view>) {
                    sum(v.address());
                    acc += v.ifindex() + v.protocol();
                } else if constexpr (std::is_same_v<V, dns::message_view>) {
                    sum(v.wire());
                    for (auto s : {dns::section::question, dns::section::answer, dns::section::authority,
                                   dns::section::additional})
                        for (const auto& r : v.entries(s)) {
                            sum(r.rdata_bytes());
                            if (auto n = r.name()) acc += n->wire_size();
                        }
                } else {
                    sum(v.header());
                    sum(v.payload());
                }
            },
            l.view);
    }
    return acc;
}

struct golden_file {
    const char* name;
    link_type link;
};
const golden_file golden_files[] = {
    {"golden_eth.pcap", link_type::ethernet},     // every protocol over Ethernet, VLANs, ARP
    {"golden_raw.pcap", link_type::raw},          // the same network packets without a link layer
    {"golden_ppp.pcap", link_type::ppp},          // DLT_PPP with address/control
    {"golden_sll.pcap", link_type::linux_sll},    // Linux cooked v1
    {"golden_sll2.pcap", link_type::linux_sll2},  // Linux cooked v2
    {"golden_null.pcap", link_type::null},        // BSD loopback, little-endian family
    {"golden_loop.pcap", link_type::loop},        // OpenBSD loopback, network-order family
};

std::string stack(const decoded_frame& f) {
    std::string s;
    for (const auto& l : f.layers()) {
        if (!s.empty()) s += '/';
        s += layer_name(l.view);
    }
    return s;
}

TEST(DissectFrameDecoder, GoldenFilesDecodeToTheExpectedStacks) {
    // Spot checks of frames whose stacks are known from make_golden.py (index: expected stack, issue).
    struct row {
        std::size_t index;
        const char* stack;
        codec_errc issue;  // on any layer
    };
    const row eth_rows[] = {
        {0, "eth/ip/udp/dns", {}},                              // DNS query over UDP
        {2, "eth/ip/tcp", {}},                                  // SYN with options
        {4, "eth/ip/tcp/data", {}},                             // data segment with SACK
        {10, "eth/ip/icmp", {}},                                // unreachable, quoted datagram in the body
        {13, "eth/ip/udp/data", {}},                            // IPv4 options
        {15, "eth/ip/data", {}},                                // unknown protocol
        {21, "eth/ipv6/icmpv6", {}},                            // router advertisement with options
        {27, "eth/ipv6/ipv6.hopopts/udp/data", {}},             // hop-by-hop
        {29, "eth/ipv6/ipv6.routing/udp/data", {}},             // routing header (checksum to final dst)
        {30, "eth/ipv6/ipv6.hopopts/ipv6.dstopts/icmpv6", {}},  // two extension headers
        {31, "eth/ip/udp/data", {}},                            // first IPv4 fragment
        {32, "eth/ip/data", {}},                                // middle IPv4 fragment
        {34, "eth/ipv6/ipv6.fragment/udp/data", {}},            // first IPv6 fragment
        {35, "eth/ipv6/ipv6.fragment/data", {}},                // last IPv6 fragment
        {36, "eth/ip/udp/data", codec_errc::bad_checksum},      // bad IPv4 header checksum
        {37, "eth/ip/udp/data", codec_errc::bad_checksum},      // bad UDP checksum
        {38, "eth/ip/tcp/data", codec_errc::bad_checksum},      // bad TCP checksum
        {39, "eth/arp", {}},                                    // ARP request
        {41, "eth/vlan/ip/udp", {}},                            // 802.1Q
        {42, "eth/vlan/vlan/ipv6/icmpv6", {}},                  // 802.1ad + 802.1Q
        {44, "eth/data", {}},                                   // local experimental EtherType
    };
    capture c = read_pcap(data_path("golden_eth.pcap"));
    ASSERT_EQ(c.linktype, 1u);
    ASSERT_EQ(c.frames.size(), 45u);
    decoded_frame f;
    for (const auto& r : eth_rows) {
        decode_frame(c.frames[r.index], link_type::ethernet, f);
        EXPECT_EQ(stack(f), r.stack) << "frame " << r.index;
        codec_errc seen{};
        for (const auto& l : f.layers())
            if (l.issue != codec_errc{}) seen = l.issue;
        EXPECT_EQ(seen, r.issue) << "frame " << r.index;
        EXPECT_EQ(f.stop_reason(), codec_errc{}) << "frame " << r.index;
    }
    // Every file: no frame stops early, and only the three deliberately broken ones have issues.
    for (const auto& g : golden_files) {
        capture gc = read_pcap(data_path(g.name));
        ASSERT_FALSE(gc.frames.empty()) << g.name;
        ASSERT_EQ(link_type_from_dlt(static_cast<int>(gc.linktype)), g.link) << g.name;
        std::size_t with_issue = 0;
        for (const auto& fr : gc.frames) {
            decode_frame(fr, g.link, f);
            EXPECT_EQ(f.stop_reason(), codec_errc{}) << g.name << ": " << stack(f);
            if (f.has_problem()) ++with_issue;
            // The first layer is the link layer the file says (or the IP layer for raw files).
            ASSERT_FALSE(f.layers().empty()) << g.name;
        }
        std::size_t want = (g.link == link_type::ethernet || g.link == link_type::raw) ? 3 : 0;
        EXPECT_EQ(with_issue, want) << g.name;
    }
}

TEST(DissectFrameDecoder, DnsOnPort53OverUdpAndTcp) {
    // A query for example.org/A (RFC 1035 §4.1.1-2): ID 0x1234, RD, one question.
    const std::vector<std::uint8_t> query = {0x12, 0x34, 0x01, 0x00, 0,   1,   0,   0,   0, 0,   0,   0,  //
                                             7,    'e',  'x',  'a',  'm', 'p', 'l', 'e', 3, 'o', 'r', 'g',
                                             0,    0,    1,    0,    1};
    auto be16 = [](std::vector<std::uint8_t>& v, std::size_t n) {
        v.push_back(static_cast<std::uint8_t>(n >> 8));
        v.push_back(static_cast<std::uint8_t>(n));
    };
    // A bare IPv4 packet (DLT_RAW) from 192.0.2.1 to 192.0.2.2 around a transport header and payload.
    auto ipv4 = [&](std::uint8_t proto, const std::vector<std::uint8_t>& l4) {
        std::vector<std::uint8_t> p = {0x45, 0};
        be16(p, 20 + l4.size());
        p.insert(p.end(), {0, 0, 0, 0, 64, proto, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2});
        p.insert(p.end(), l4.begin(), l4.end());
        return p;
    };
    auto udp = [&](std::uint16_t sport, std::uint16_t dport, const std::vector<std::uint8_t>& payload) {
        std::vector<std::uint8_t> u;
        be16(u, sport);
        be16(u, dport);
        be16(u, 8 + payload.size());
        be16(u, 0);  // no checksum (IPv4)
        u.insert(u.end(), payload.begin(), payload.end());
        return ipv4(17, u);
    };
    auto tcp = [&](std::uint16_t sport, std::uint16_t dport, std::size_t prefix,
                   const std::vector<std::uint8_t>& payload) {
        std::vector<std::uint8_t> t;
        be16(t, sport);
        be16(t, dport);
        t.insert(t.end(), {0, 0, 0, 1, 0, 0, 0, 1, 0x50, 0x18, 0x20, 0, 0, 0, 0, 0});
        be16(t, prefix);  // the RFC 1035 §4.2.2 length prefix
        t.insert(t.end(), payload.begin(), payload.end());
        return ipv4(6, t);
    };
    const std::vector<std::uint8_t> cut(query.begin(), query.begin() + 20);
    struct row {
        std::vector<std::uint8_t> packet;
        const char* stack;
        codec_errc issue;
        const char* why;
    } rows[] = {
        {udp(40000, 53, query), "ip/udp/dns", {}, "query to port 53"},
        {udp(53, 40000, query), "ip/udp/dns", {}, "from port 53"},
        {udp(40000, 5300, query), "ip/udp/data", {}, "another port: not ours to guess"},
        {udp(40000, 53, cut), "ip/udp/data", codec_errc::truncated, "a message cut short is flagged"},
        {udp(40000, 53, {}), "ip/udp", {}, "an empty datagram has no payload layer"},
        {tcp(40000, 53, query.size(), query), "ip/tcp/dns", {}, "one whole framed message"},
        {tcp(40000, 53, query.size() + 100, query), "ip/tcp/data", {}, "a piece of a longer stream"},
        {tcp(40000, 53, 5, cut), "ip/tcp/data", {}, "a prefix that disagrees with the segment"},
    };
    decoded_frame f;
    for (const auto& r : rows) {
        decode_frame(r.packet, link_type::raw, f, false);
        EXPECT_EQ(stack(f), r.stack) << r.why;
        EXPECT_EQ(f.layers().back().issue, r.issue) << r.why;
        if (const auto* m = f.find<dns::message_view>()) {
            EXPECT_EQ(m->header().id, 0x1234) << r.why;
            EXPECT_EQ(m->questions().size(), 1u) << r.why;
        }
    }
}

TEST(DissectFrameDecoder, EveryTruncationBeforeAGuardPage) {
    sockit::test::guarded_buffer guard(2);  // frames up to 2 pages
    ASSERT_TRUE(guard.ok());
    decoded_frame f;
    std::uint64_t acc = 0;
    std::size_t frames = 0;
    for (const auto& g : golden_files) {
        capture c = read_pcap(data_path(g.name));
        for (const auto& fr : c.frames) {
            ++frames;
            decode_frame(fr, g.link, f);
            bool clean = !f.has_problem();
            for (std::size_t n = 0; n <= fr.size(); ++n) {
                bytes_view cut = guard.place(bytes_view(fr).first(n));
                decode_frame(cut, g.link, f);
                acc += touch(f);
                // A decoded layer never starts past the end; the stop offset is inside the frame.
                for (const auto& l : f.layers()) ASSERT_LE(l.offset, n);
                ASSERT_LE(f.stop_offset(), n);
                // Cutting a good frame never yields a checksum complaint: checksums are verified only
                // over bytes that were all captured.
                if (clean) {
                    for (const auto& l : f.layers())
                        ASSERT_NE(l.issue, codec_errc::bad_checksum) << g.name << " at " << n;
                }
            }
        }
    }
    EXPECT_GT(frames, 100u);
    EXPECT_NE(acc, 0u);
}

TEST(DissectFrameDecoder, RandomBitFlipsBeforeAGuardPage) {
    sockit::test::guarded_buffer guard(2);  // frames up to 2 pages
    ASSERT_TRUE(guard.ok());
    decoded_frame f;
    std::mt19937 rng(20240607);
    std::uint64_t acc = 0;
    for (const auto& g : golden_files) {
        capture c = read_pcap(data_path(g.name));
        for (const auto& fr : c.frames) {
            for (int round = 0; round < 200; ++round) {
                byte_buffer m = fr;
                int flips = 1 + static_cast<int>(rng() % 4);
                for (int i = 0; i < flips && !m.empty(); ++i)
                    m[rng() % m.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
                std::size_t n = rng() % 3 == 0 ? rng() % (m.size() + 1) : m.size();
                bytes_view v = guard.place(bytes_view(m).first(n));
                // Every link type on every mutated frame: wrong framing must be as safe as right framing.
                for (const auto& other : golden_files) {
                    decode_frame(v, other.link, f);
                    acc += touch(f);
                }
            }
        }
    }
    EXPECT_NE(acc, 0u);
}

TEST(DissectFrameDecoder, ViewsRejectShortInputPrecisely) {
    // Each view at every length below its minimum: truncated, and never a read past the bytes.
    sockit::test::guarded_buffer guard(2);  // frames up to 2 pages
    ASSERT_TRUE(guard.ok());
    byte_buffer zeros(64, 0);
    zeros[0] = 0x45;  // IPv4 version/IHL for the IPv4 rows
    struct row {
        const char* why;
        std::size_t minimum;
        bool (*parses)(bytes_view);
    };
    const row rows[] = {
        {"ethernet 14", 14, [](bytes_view b) { return static_cast<bool>(ethernet_view::parse(b)); }},
        {"vlan 4", 4, [](bytes_view b) { return static_cast<bool>(vlan_view::parse(b)); }},
        {"ipv4 20", 20, [](bytes_view b) { return static_cast<bool>(ipv4_view::parse(b)); }},
        {"udp 8", 8, [](bytes_view b) { return static_cast<bool>(udp_view::parse(b)); }},
        {"icmp 8", 8, [](bytes_view b) { return static_cast<bool>(icmp_view::parse(b)); }},
        {"icmpv6 4", 4, [](bytes_view b) { return static_cast<bool>(icmpv6_view::parse(b)); }},
        {"arp 8 (zero-length addresses)", 8,
         [](bytes_view b) { return static_cast<bool>(arp_view::parse(b)); }},
        {"sll 16", 16, [](bytes_view b) { return static_cast<bool>(sll_view::parse_v1(b)); }},
        {"sll2 20", 20, [](bytes_view b) { return static_cast<bool>(sll_view::parse_v2(b)); }},
        {"null 4", 4, [](bytes_view b) { return static_cast<bool>(null_view::parse(b, false)); }},
        {"fragment header 8", 8, [](bytes_view b) { return static_cast<bool>(ipv6_ext_view::parse(44, b)); }},
    };
    for (const auto& r : rows) {
        for (std::size_t n = 0; n <= 40; ++n) {
            bytes_view b = guard.place(bytes_view(zeros).first(n));
            EXPECT_EQ(r.parses(b), n >= r.minimum) << r.why << " at " << n;
        }
    }
    // Header-length fields that point past the bytes or below the minimum.
    byte_buffer ip{0x4f, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(ipv4_view::parse(ip).error(), make_error_code(codec_errc::truncated));  // IHL 15, 20 bytes
    ip[0] = 0x44;
    EXPECT_EQ(ipv4_view::parse(ip).error(), make_error_code(codec_errc::bad_length));  // IHL 4
    ip[0] = 0x65;
    EXPECT_EQ(ipv4_view::parse(ip).error(), make_error_code(codec_errc::bad_version));
    byte_buffer tcp(20, 0);
    tcp[12] = 0x40;
    EXPECT_EQ(tcp_view::parse(tcp).error(), make_error_code(codec_errc::bad_length));  // offset 4
    tcp[12] = 0x60;
    EXPECT_EQ(tcp_view::parse(tcp).error(), make_error_code(codec_errc::truncated));  // offset 6, 20 bytes
    byte_buffer ns(23, 0);
    ns[0] = 135;
    EXPECT_EQ(icmpv6_view::parse(ns).error(), make_error_code(codec_errc::truncated));  // NS needs 24
    // Option walkers stop at malformed lengths.
    byte_buffer opts{1, 2, 4, 5, 0xb4, 3, 0};  // NOP, MSS, then a window-scale claiming 0 bytes... cut
    option_cursor oc(bytes_view(opts).first(5));
    option_entry e;
    ASSERT_TRUE(oc.next(e));
    EXPECT_EQ(e.kind, 1);
    ASSERT_TRUE(oc.next(e));  // MSS 4 bytes: 2, 4, 5, 0xb4
    EXPECT_EQ(load_be16(e.value.data()), 0x05b4);
    EXPECT_FALSE(oc.next(e));
    EXPECT_EQ(oc.error(), codec_errc{});  // ended exactly
    byte_buffer bad{2, 1};                // length below 2
    option_cursor ob(bad);
    EXPECT_FALSE(ob.next(e));
    EXPECT_EQ(ob.error(), codec_errc::bad_length);
    byte_buffer ndp{1, 0, 0, 0, 0, 0, 0, 0};  // NDP option with length 0
    ndp_option_cursor nc(ndp);
    ndp_option o;
    EXPECT_FALSE(nc.next(o));
    EXPECT_EQ(nc.error(), codec_errc::bad_length);
}

TEST(DissectFrameDecoder, LayerBudgetIsBounded) {
    // 40 stacked VLAN tags: decoding stops adding layers at the budget and ends with a payload layer.
    byte_buffer fr(12, 0);
    for (int i = 0; i < 40; ++i) {
        fr.push_back(0x81);
        fr.push_back(0x00);
        fr.push_back(0x00);
        fr.push_back(0x01);
    }
    fr.push_back(0x08);
    fr.push_back(0x00);
    decoded_frame f;
    decode_frame(fr, link_type::ethernet, f);
    EXPECT_EQ(f.layers().size(), decoded_frame::max_layers);
    EXPECT_TRUE(std::holds_alternative<payload_view>(f.layers().back().view));
}

}  // namespace
