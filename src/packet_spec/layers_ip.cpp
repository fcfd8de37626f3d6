// SPDX-License-Identifier: MIT
// layers_ip: the field tables of ipv4 (RFC 791), ipv6 (RFC 8200) and the IPv6 extension headers (hbh, rh,
// frag, dstopts).
#include <cstdint>

#include "layer_builders.hpp"

namespace sockit::packet_spec {

layer_result build_ipv4(const layer_context& c) {
    static const field_table<wire::ipv4_builder> fields{
        {{"src", SOCKIT_SET(ipv4(), b.src)},
         {"dst", SOCKIT_SET(ipv4(), b.dst)},
         {"ttl", SOCKIT_SET(uint<std::uint8_t>(), b.ttl)},
         {"tos", SOCKIT_SET(uint<std::uint8_t>(), b.tos)},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.id)},
         {"df", SOCKIT_SET(flag(), b.dont_fragment)},
         {"mf", SOCKIT_SET(flag(), b.more_fragments)},
         {"evil", SOCKIT_SET(flag(), b.reserved_flag)},
         {"frag", SOCKIT_SET(up_to<std::uint16_t>(8191), b.fragment_offset)},
         {"proto", SOCKIT_SET(uint<std::uint8_t>(), b.protocol)},
         {"len", SOCKIT_SET(uint<std::uint16_t>(), b.total_length)},
         {"ihl", SOCKIT_SET(up_to<std::uint8_t>(15), b.ihl)},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)},
         {"options", SOCKIT_SET(hex(), b.options)}},
        {}};
    wire::ipv4_builder b;
    b.src = {127, 0, 0, 1};
    b.dst = {127, 0, 0, 1};
    return build_layer(c.layer, fields, b);
}

layer_result build_ipv6(const layer_context& c) {
    static const field_table<wire::ipv6_builder> fields{
        {{"src", SOCKIT_SET(ipv6(), b.src)},
         {"dst", SOCKIT_SET(ipv6(), b.dst)},
         {"hlim", SOCKIT_SET(uint<std::uint8_t>(), b.hop_limit)},
         {"tc", SOCKIT_SET(uint<std::uint8_t>(), b.traffic_class)},
         {"flow", SOCKIT_SET(up_to<std::uint32_t>(0xFFFFF), b.flow_label)},
         {"nh", SOCKIT_SET(uint<std::uint8_t>(), b.next_header)},
         {"plen", SOCKIT_SET(uint<std::uint16_t>(), b.payload_length)}},
        {}};
    wire::ipv6_builder b;
    b.src[15] = 1;
    b.dst[15] = 1;
    // NDP messages must arrive with hop limit 255 (RFC 4861 §6.1): the default follows.
    if (c.next_is("icmp6") && c.next->has_word({"rs", "ra", "ns", "na", "redirect"})) b.hop_limit = 255;
    return build_layer(c.layer, fields, b);
}

layer_result build_ipv6_ext(const layer_context& c, std::uint8_t kind) {
    static const field_table<wire::ipv6_ext_builder> fields{
        {{"nh", SOCKIT_SET(uint<std::uint8_t>(), b.next_header)},
         {"options", SOCKIT_SET(hex(), b.options)},
         {"offset", SOCKIT_SET(up_to<std::uint16_t>(8191), b.fragment_offset)},
         {"mf", SOCKIT_SET(flag(), b.more_fragments)},
         {"id", SOCKIT_SET(uint<std::uint32_t>(), b.identification)},
         {"type", SOCKIT_SET(uint<std::uint8_t>(), b.routing_type)},
         {"segleft", SOCKIT_SET(uint<std::uint8_t>(), b.segments_left)},
         {"addr", SOCKIT_USE(ipv6(), b.addresses.push_back(v))}},
        {}};
    wire::ipv6_ext_builder b;
    b.kind = kind;
    return build_layer(c.layer, fields, b);
}

}  // namespace sockit::packet_spec
