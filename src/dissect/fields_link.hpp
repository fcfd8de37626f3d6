// SPDX-License-Identifier: MIT
// fields_link: the -v/JSON fields of the link layers (Ethernet, 802.1Q, Linux SLL, BSD null, PPP) and ARP
// (RFC 826).
#pragma once

#include "field_sink.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

template <bool Json>
inline void put_fields(field_sink<Json>& s, const payload_view& v) noexcept {
    s.u("length", v.data.size());
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const ethernet_view& v) noexcept {
    // The frame's own bytes: dst()/src() build mac_address copies, a store-forwarding stall apiece.
    s.mac("dst", v.header().first(6));
    s.mac("src", v.header().subspan(6, 6));
    if (v.is_802_3()) {
        s.u("len", v.ethertype());
    } else {
        s.hex("type", v.ethertype(), 4);
    }
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const vlan_view& v) noexcept {
    s.u("priority", v.pcp());
    s.flag("dei", v.dei());
    s.u("id", v.vid());
    s.hex("etype", v.ethertype(), 4);
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const sll_view& v) noexcept {
    s.u("pkttype", v.packet_type());
    s.u("hatype", v.arphrd());
    if (v.version() == 2) s.u("ifindex", v.ifindex());
    s.mac("src", v.address());
    s.hex("etype", v.protocol(), 4);
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const null_view& v) noexcept {
    s.u("family", v.family());
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const ppp_view& v) noexcept {
    if (v.has_address_control()) {
        s.hex("address", 0xff, 2);
        s.hex("control", 0x03, 2);
    }
    s.hex("protocol", v.protocol(), 4);
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const arp_view& v) noexcept {
    s.u("hw_type", v.htype());
    s.hex("proto_type", v.ptype(), 4);
    s.u("hw_size", v.hlen());
    s.u("proto_size", v.plen());
    s.u("opcode", v.oper());
    s.mac("src_hw_mac", v.sender_hw());
    if (v.plen() == 4) {
        s.ip4("src_proto_ipv4", v.sender_proto().first<4>());
    } else {
        s.bytes_hex("src_proto", v.sender_proto());
    }
    s.mac("dst_hw_mac", v.target_hw());
    if (v.plen() == 4) {
        s.ip4("dst_proto_ipv4", v.target_proto().first<4>());
    } else {
        s.bytes_hex("dst_proto", v.target_proto());
    }
}

}  // namespace sockit::dissect
