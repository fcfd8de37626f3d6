// SPDX-License-Identifier: MIT
// protocol_numbers: EtherTypes (IEEE 802), IP protocol numbers (IANA), PPP protocol numbers (RFC
// 1661/1332/5072).
#pragma once

#include <cstdint>

namespace sockit::wire {

/// EtherType values (IEEE registry); below 0x0600 the field is an IEEE 802.3 length instead.
namespace ethertype {
inline constexpr std::uint16_t ipv4 = 0x0800;
inline constexpr std::uint16_t arp = 0x0806;
inline constexpr std::uint16_t vlan = 0x8100;      ///< IEEE 802.1Q customer tag
inline constexpr std::uint16_t qinq = 0x88a8;      ///< IEEE 802.1ad service tag
inline constexpr std::uint16_t qinq_old = 0x9100;  ///< pre-standard double tagging
inline constexpr std::uint16_t ipv6 = 0x86dd;
inline constexpr std::uint16_t local_experimental = 0x88b5;  ///< IEEE 802 local experimental 1
inline constexpr std::uint16_t max_length = 0x05dc;          ///< values up to 1500 are 802.3 lengths
inline constexpr bool is_vlan_tpid(std::uint16_t t) noexcept {
    return t == vlan || t == qinq || t == qinq_old;
}
}  // namespace ethertype

/// IP protocol numbers / IPv6 next-header values (IANA "Assigned Internet Protocol Numbers").
namespace ip_proto {
inline constexpr std::uint8_t hop_by_hop = 0;
inline constexpr std::uint8_t icmp = 1;
inline constexpr std::uint8_t ipv4 = 4;
inline constexpr std::uint8_t tcp = 6;
inline constexpr std::uint8_t udp = 17;
inline constexpr std::uint8_t ipv6 = 41;
inline constexpr std::uint8_t routing = 43;
inline constexpr std::uint8_t fragment = 44;
inline constexpr std::uint8_t icmpv6 = 58;
inline constexpr std::uint8_t no_next = 59;
inline constexpr std::uint8_t destination = 60;
inline constexpr std::uint8_t experimental = 253;  ///< RFC 3692 experimentation and testing
}  // namespace ip_proto

/// PPP protocol field values.
namespace ppp_proto {
inline constexpr std::uint16_t ipv4 = 0x0021;
inline constexpr std::uint16_t ipv6 = 0x0057;
inline constexpr std::uint16_t ipcp = 0x8021;
inline constexpr std::uint16_t ipv6cp = 0x8057;
inline constexpr std::uint16_t lcp = 0xc021;
inline constexpr std::uint16_t pap = 0xc023;
inline constexpr std::uint16_t chap = 0xc223;
}  // namespace ppp_proto

}  // namespace sockit::wire
