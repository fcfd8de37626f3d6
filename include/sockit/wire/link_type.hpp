// SPDX-License-Identifier: MIT
// link_type: the link-layer header types a frame may start with (libpcap DLT_ values as pcap_datalink() gives
// them).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sockit::wire {

/// Link-layer framing of a captured frame. Values are libpcap's DLT_ numbers on Linux.
enum class link_type : std::uint16_t {
    null = 0,          ///< DLT_NULL: BSD loopback, 4-byte family in the writer's byte order
    ethernet = 1,      ///< DLT_EN10MB
    ppp = 9,           ///< DLT_PPP: [ff 03] protocol
    raw = 12,          ///< DLT_RAW (LINKTYPE_RAW 101): an IPv4 or IPv6 packet, no link header
    ppp_serial = 50,   ///< DLT_PPP_SERIAL: PPP in HDLC-like framing (already unstuffed)
    loop = 108,        ///< DLT_LOOP: BSD loopback, family in network byte order
    linux_sll = 113,   ///< DLT_LINUX_SLL: Linux cooked capture v1
    ipv4 = 228,        ///< DLT_IPV4
    ipv6 = 229,        ///< DLT_IPV6
    linux_sll2 = 276,  ///< DLT_LINUX_SLL2: Linux cooked capture v2
};

/// Maps a libpcap DLT_ or file LINKTYPE_ value to a link_type this decoder speaks; nullopt otherwise.
constexpr std::optional<link_type> link_type_from_dlt(int dlt) noexcept {
    switch (dlt) {
        case 0: return link_type::null;
        case 1: return link_type::ethernet;
        case 9: return link_type::ppp;
        case 12:
        case 14:
        case 101: return link_type::raw;
        case 50: return link_type::ppp_serial;
        case 108: return link_type::loop;
        case 113: return link_type::linux_sll;
        case 228: return link_type::ipv4;
        case 229: return link_type::ipv6;
        case 276: return link_type::linux_sll2;
        default: return std::nullopt;
    }
}

}  // namespace sockit::wire
