// SPDX-License-Identifier: MIT
// built_packet: `sockit build`'s layer kinds in one table (names, builder, link type), and the packets of
// a spec built through the wire packet builders.
#include "sockit/packet_spec/built_packet.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <optional>

#include "layer_builders.hpp"
#include "spec_syntax.hpp"

namespace sockit::packet_spec {
namespace {

using builder_fn = layer_result (*)(const layer_context&);

template <std::uint8_t Kind>
layer_result build_ext(const layer_context& c) {
    return build_ipv6_ext(c, Kind);
}

/// One layer kind: its name, an alias, its builder, and the link type of a packet it starts.
struct layer_kind {
    std::string_view name;
    std::string_view alias;
    builder_fn build;
    std::optional<wire::link_type> link;
};

// In the order the "unknown layer" message lists them.
const layer_kind layer_kinds[] = {
    {"eth", "ether", build_eth, wire::link_type::ethernet},
    {"vlan", "dot1q", build_vlan, std::nullopt},
    {"ppp", "", build_ppp, wire::link_type::ppp},
    {"arp", "", build_arp, std::nullopt},
    {"ipv4", "ip", build_ipv4, wire::link_type::raw},
    {"ipv6", "ip6", build_ipv6, wire::link_type::raw},
    {"hbh", "", build_ext<0>, std::nullopt},
    {"rh", "", build_ext<43>, std::nullopt},
    {"frag", "", build_ext<44>, std::nullopt},
    {"dstopts", "", build_ext<60>, std::nullopt},
    {"icmp", "", build_icmp, std::nullopt},
    {"icmp6", "icmpv6", build_icmp6, std::nullopt},
    {"udp", "", build_udp, std::nullopt},
    {"tcp", "", build_tcp, std::nullopt},
    {"dns", "", build_dns, std::nullopt},
    {"raw", "", build_raw, std::nullopt},
};

const layer_kind* find_kind(std::string_view name) noexcept {
    for (const layer_kind& k : layer_kinds)
        if (k.name == name || (!k.alias.empty() && k.alias == name)) return &k;
    return nullptr;
}

spec_error unknown_layer(const layer_spec& l) {
    std::string known;
    for (const layer_kind& k : layer_kinds) known += fmt::format("{}{}", known.empty() ? "" : ", ", k.name);
    return make_error(l.offset, l.name, fmt::format("unknown layer (known: {})", known));
}

result<built_packet, spec_error> build_one(const packet_syntax& p) {
    std::vector<wire::layer_builder> layers;
    built_packet out;
    out.offset = p.offset;
    for (std::size_t i = 0; i < p.layers.size(); ++i) {
        const layer_spec& l = p.layers[i];
        const layer_kind* kind = find_kind(l.name);
        if (kind == nullptr) return fail(unknown_layer(l));
        const layer_context context{l, i > 0 ? &p.layers[i - 1] : nullptr,
                                    i + 1 < p.layers.size() ? &p.layers[i + 1] : nullptr};
        auto layer = kind->build(context);
        if (!layer) return fail(layer.error());
        layers.push_back(std::move(*layer));
        out.layers.push_back(l.name);
    }
    out.link = find_kind(p.layers.front().name)->link;
    auto bytes = wire::build_packet(layers);
    if (!bytes)
        return fail(make_error(p.offset, p.layers.front().name,
                               fmt::format("cannot build this packet: {}", bytes.error().message())));
    out.bytes = std::move(*bytes);
    return out;
}

}  // namespace

result<std::vector<built_packet>, spec_error> build_packets(std::string_view spec) {
    auto parsed = parse_spec(spec);
    if (!parsed) return fail(parsed.error());
    std::vector<built_packet> out;
    for (const packet_syntax& p : *parsed) {
        auto b = build_one(p);
        if (!b) return fail(b.error());
        out.push_back(std::move(*b));
    }
    return out;
}

// The reference lives here, next to the table of layer kinds; each layer's fields are its field table's
// keys (layers_*.cpp).
std::string_view spec_reference() noexcept {
    return R"(Layers (fields are key=value; bare words in [brackets]; numbers decimal or 0x hex):
  eth(dst,src,type)                     vlan(vid,pcp,dei,type)            ppp(proto,ac,pfc)
  arp([request|reply],op,sha,spa,tha,tpa)
  ipv4(src,dst,ttl,tos,id,df,mf,evil,frag,proto,len,ihl,chksum,options=HEX)   (alias ip)
  ipv6(src,dst,hlim,tc,flow,nh,plen)    (alias ip6)
  hbh(options=HEX,nh) dstopts(options=HEX,nh) rh(type,segleft,addr...,nh) frag(offset,mf,id,nh)
  icmp([echo|reply|unreach|redirect|timex|param|timestamp|timestamp-reply],type,code,id,seq,gw,mtu,ptr,rest,chksum)
  icmp6([echo|reply|unreach|toobig|timex|param|rs|ra|ns|na|redirect],type,code,id,seq,target,dest,
        router,solicited,override,m,o,hlim,lifetime,reachable,retrans,sll=MAC,tll=MAC,mtu,prefix=P/LEN,rest,chksum)
  udp(sport,dport,len,chksum)           tcp(sport,dport,seq,ack,flags=SA,win,urg,mss,wscale,sackok,ts=V:E,off,options=HEX,chksum)
  dns(qname,qtype,qclass,id,rd,ad,cd,do,edns=N|off,[noedns],qr,aa,tc,ra,opcode,rcode)   (over tcp: length-prefixed)
  raw(hex=HEX,text=TEXT,zeros=N)
Lengths, next-protocol fields and checksums are computed unless given. ';' separates packets.
)";
}

}  // namespace sockit::packet_spec
