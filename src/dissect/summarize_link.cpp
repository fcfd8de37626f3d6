// SPDX-License-Identifier: MIT
// summarize_link: the line's link-layer pieces: 802.1Q tags, ARP (RFC 826), and frames that carry
// neither IP nor ARP.
#include "sockit/dissect/put_text.hpp"
#include "sockit/wire/protocol_numbers.hpp"
#include "summarizers.hpp"

namespace sockit::dissect {

char* put_vlan_tags(char* p, std::span<const frame_layer> layers) noexcept {
    for (const auto& l : layers) {
        if (const auto* vl = std::get_if<vlan_view>(&l.view)) {
            p = put_s(p, "vlan ");
            p = put_u(p, vl->vid());
            p = put_s(p, ", ");
        }
    }
    return p;
}

char* put_arp_summary(char* p, const arp_view& arp) noexcept {
    p = put_s(p, "ARP, ");
    if (arp.is_ethernet_ipv4() && arp.oper() == arp_view::request) {
        p = put_s(p, "Request who-has ");
        p = put_ip4(p, arp.target_proto().first<4>());
        p = put_s(p, " tell ");
        p = put_ip4(p, arp.sender_proto().first<4>());
    } else if (arp.is_ethernet_ipv4() && arp.oper() == arp_view::reply) {
        p = put_s(p, "Reply ");
        p = put_ip4(p, arp.sender_proto().first<4>());
        p = put_s(p, " is-at ");
        p = put_mac(p, arp.sender_hw());
    } else {
        p = put_s(p, "opcode ");
        p = put_u(p, arp.oper());
    }
    p = put_s(p, ", length ");
    return put_u(p, arp.size());
}

char* put_link_summary(char* p, std::span<const frame_layer> layers, std::uint32_t wire_length) noexcept {
    const layer_view& v = layers[0].view;
    if (const auto* e = std::get_if<ethernet_view>(&v)) {
        // What the innermost tag says the payload is.
        std::uint16_t et = e->ethertype();
        for (const auto& l : layers)
            if (const auto* vl = std::get_if<vlan_view>(&l.view)) et = vl->ethertype();
        if (et <= wire::ethertype::max_length) {
            p = put_s(p, "802.3");
        } else {
            p = put_s(p, "ethertype 0x");
            p = put_hex(p, et, 4);
        }
    } else if (const auto* pp = std::get_if<ppp_view>(&v)) {
        p = put_s(p, "PPP protocol 0x");
        p = put_hex(p, pp->protocol(), 4);
    } else {
        p = put_s(p, layer_name(v));
    }
    p = put_s(p, ", length ");
    return put_u(p, wire_length);
}

}  // namespace sockit::dissect
