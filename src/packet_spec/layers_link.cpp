// SPDX-License-Identifier: MIT
// layers_link: the field tables of the link layers: eth (RFC 894), vlan (802.1Q), ppp (RFC 1661) and arp (RFC
// 826).
#include <cstdint>

#include "layer_builders.hpp"

namespace sockit::packet_spec {

layer_result build_eth(const layer_context& c) {
    static const field_table<wire::ethernet_builder> fields{
        {{"dst", SOCKIT_SET(mac(), b.dst)},
         {"src", SOCKIT_SET(mac(), b.src)},
         {"type", SOCKIT_SET(uint<std::uint16_t>(), b.ethertype)}},
        {}};
    return build_layer(c.layer, fields, wire::ethernet_builder{});
}

layer_result build_vlan(const layer_context& c) {
    static const field_table<wire::vlan_builder> fields{
        {{"vid", SOCKIT_SET(up_to<std::uint16_t>(4095), b.vid)},
         {"pcp", SOCKIT_SET(up_to<std::uint8_t>(7), b.pcp)},
         {"dei", SOCKIT_SET(flag(), b.dei)},
         {"type", SOCKIT_SET(uint<std::uint16_t>(), b.ethertype)}},
        {}};
    return build_layer(c.layer, fields, wire::vlan_builder{});
}

layer_result build_ppp(const layer_context& c) {
    static const field_table<wire::ppp_builder> fields{
        {{"proto", SOCKIT_SET(uint<std::uint16_t>(), b.protocol)},
         {"ac", SOCKIT_SET(flag(), b.address_control)},
         {"pfc", SOCKIT_SET(flag(), b.compress_protocol)}},
        {}};
    return build_layer(c.layer, fields, wire::ppp_builder{});
}

layer_result build_arp(const layer_context& c) {
    static const field_table<wire::arp_builder> fields{
        {{"op", SOCKIT_SET(uint<std::uint16_t>(), b.oper)},
         {"sha", SOCKIT_SET(mac(), b.sender_mac)},
         {"spa", SOCKIT_SET(ipv4(), b.sender_ip)},
         {"tha", SOCKIT_SET(mac(), b.target_mac)},
         {"tpa", SOCKIT_SET(ipv4(), b.target_ip)}},
        {{"request", [](auto& b) { b.oper = 1; }}, {"reply", [](auto& b) { b.oper = 2; }}}};
    return build_layer(c.layer, fields, wire::arp_builder{});
}

}  // namespace sockit::packet_spec
