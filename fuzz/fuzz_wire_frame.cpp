// SPDX-License-Identifier: MIT
// Fuzz target: whole frames through dissect::decode_frame on every link type, and the builder round trip
// decode(build(x)) == x for layer stacks derived from the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "fuzz_check.hpp"
#include "sockit/core/byte_order.hpp"
#include "sockit/dissect/frame_decoder.hpp"
#include "sockit/wire/packet_builder.hpp"

using namespace sockit;
using namespace sockit::wire;
using namespace sockit::dissect;

namespace {

constexpr link_type links[] = {link_type::ethernet,  link_type::raw,        link_type::ppp,
                               link_type::linux_sll, link_type::linux_sll2, link_type::null,
                               link_type::loop,      link_type::ipv4,       link_type::ipv6};

// Reads the input as a stream of choices; zeros once it runs out.
struct chooser {
    const std::uint8_t* p;
    std::size_t n;
    std::uint8_t u8() {
        if (n == 0) return 0;
        --n;
        return *p++;
    }
    std::uint16_t u16() { return static_cast<std::uint16_t>((u8() << 8) | u8()); }
    std::uint32_t u32() { return (std::uint32_t{u16()} << 16) | u16(); }
    template <std::size_t N>
    std::array<std::uint8_t, N> bytes() {
        std::array<std::uint8_t, N> a{};
        for (auto& b : a) b = u8();
        return a;
    }
};

using sockit::fuzz::check;

// Builds a random but valid stack, decodes it, and checks the fields that were set come back.
void round_trip(chooser& c) {
    std::vector<layer_builder> layers;
    bool ethernet = (c.u8() & 1) != 0;
    if (ethernet)
        layers.push_back(ethernet_builder{mac_address(c.bytes<6>()), mac_address(c.bytes<6>()), {}});
    bool v6 = (c.u8() & 1) != 0;
    ipv4_builder ip4;
    ipv6_builder ip6;
    if (v6) {
        ip6.src = c.bytes<16>();
        ip6.dst = c.bytes<16>();
        ip6.hop_limit = c.u8();
        ip6.traffic_class = c.u8();
        ip6.flow_label = c.u32() & 0xfffff;
        layers.push_back(ip6);
    } else {
        ip4.src = c.bytes<4>();
        ip4.dst = c.bytes<4>();
        ip4.ttl = c.u8();
        ip4.id = c.u16();
        ip4.tos = c.u8();
        ip4.dont_fragment = (c.u8() & 1) != 0;
        layers.push_back(ip4);
    }
    std::uint8_t kind = c.u8() % 3;
    tcp_builder t;
    udp_builder u;
    if (kind == 0) {
        t.sport = c.u16();
        t.dport = c.u16();
        t.seq = c.u32();
        t.ack = c.u32();
        t.flags = c.u16() & 0x1ff;
        t.window = c.u16();
        if (c.u8() & 1) t.mss = c.u16();
        if (c.u8() & 1) t.window_scale = c.u8();
        t.sack_permitted = (c.u8() & 1) != 0;
        if (c.u8() & 1) t.timestamps = std::pair<std::uint32_t, std::uint32_t>{c.u32(), c.u32()};
        layers.push_back(t);
    } else if (kind == 1) {
        u.sport = c.u16();
        u.dport = c.u16();
        layers.push_back(u);
    } else {
        if (v6) {
            icmpv6_builder m;
            m.id = c.u16();
            m.seq = c.u16();
            layers.push_back(m);
        } else {
            icmp_builder m;
            m.id = c.u16();
            m.seq = c.u16();
            layers.push_back(m);
        }
    }
    raw_builder payload;
    std::size_t len = c.u8();
    for (std::size_t i = 0; i < len; ++i) payload.data.push_back(c.u8());
    layers.push_back(payload);

    auto pkt = build_packet(layers);
    check(static_cast<bool>(pkt));
    decoded_frame f;
    decode_frame(*pkt, ethernet ? link_type::ethernet : link_type::raw, f);
    check(f.stop_reason() == codec_errc{});
    // Random payload bytes on port 53 are judged as DNS and may be flagged; every header must be clean.
    for (const auto& l : f.layers())
        if (!std::holds_alternative<payload_view>(l.view)) check(l.issue == codec_errc{});
    if (v6) {
        const auto* v = f.find<ipv6_view>();
        check(v != nullptr && std::equal(ip6.src.begin(), ip6.src.end(), v->src().begin()) &&
              v->hop_limit() == ip6.hop_limit && v->flow_label() == ip6.flow_label &&
              v->traffic_class() == ip6.traffic_class);
    } else {
        const auto* v = f.find<ipv4_view>();
        check(v != nullptr && std::equal(ip4.dst.begin(), ip4.dst.end(), v->dst().begin()) &&
              v->ttl() == ip4.ttl && v->id() == ip4.id && v->tos() == ip4.tos &&
              v->dont_fragment() == ip4.dont_fragment);
    }
    if (kind == 0) {
        const auto* v = f.find<tcp_view>();
        check(v != nullptr && v->sport() == t.sport && v->dport() == t.dport && v->seq() == t.seq &&
              v->ack() == t.ack && v->flags() == t.flags && v->window() == t.window && v->mss() == t.mss &&
              v->window_scale() == t.window_scale && v->sack_permitted() == t.sack_permitted);
        if (t.timestamps) check(v->timestamps() && v->timestamps()->value == t.timestamps->first);
        check(v->payload().size() == len);
    } else if (kind == 1) {
        const auto* v = f.find<udp_view>();
        check(v != nullptr && v->sport() == u.sport && v->dport() == u.dport && v->payload().size() == len);
    } else {
        check(v6 ? f.find<icmpv6_view>() != nullptr : f.find<icmp_view>() != nullptr);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::uint8_t mode = data[0];
    if ((mode & 0x80) != 0) {
        chooser c{data + 1, size - 1};
        round_trip(c);
        return 0;
    }
    // The frame is copied so that a read past its end hits the sanitizer's redzone.
    std::vector<std::uint8_t> frame(data + 1, data + size);
    decoded_frame f;
    decode_frame(frame, links[mode % std::size(links)], f);
    std::uint64_t acc = 0;
    for (const auto& l : f.layers()) {
        check(l.offset <= frame.size());
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, payload_view>) {
                    for (auto b : v.data) acc += b;
                } else if constexpr (std::is_same_v<V, icmp_view> || std::is_same_v<V, icmpv6_view>) {
                    for (auto b : v.bytes()) acc += b;
                } else if constexpr (std::is_same_v<V, dns::message_view>) {
                    // Every record's name and RDATA; a view from parse() must never fail to read.
                    for (auto s : {dns::section::question, dns::section::answer, dns::section::authority,
                                   dns::section::additional})
                        for (const auto& r : v.entries(s)) {
                            check(r.name().has_value());
                            for (auto b : r.rdata_bytes()) acc += b;
                        }
                } else {
                    for (auto b : v.header()) acc += b;
                    for (auto b : v.payload()) acc += b;
                }
            },
            l.view);
    }
    if (const auto* t = f.find<tcp_view>()) acc += t->mss().value_or(0) + t->sack_blocks().size();
    check(f.stop_offset() <= frame.size());
    return acc == 0xdeadbeefcafe ? 1 : 0;
}
