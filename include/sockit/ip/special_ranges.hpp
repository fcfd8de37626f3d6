// SPDX-License-Identifier: MIT
// The special-purpose address ranges behind ip_address's predicates, as data: the IANA IPv4 and IPv6
// Special-Purpose Address Registries (RFC 6890), the IANA IPv6 Address Space registry, and friends.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "sockit/ip/uint128.hpp"

namespace sockit {

/// One prefix of a table: its value (IPv4 in the low 32 bits), its length, and the registry's name.
struct special_range {
    uint128 prefix;
    std::uint8_t length;
    std::string_view name;
};

namespace special {

/// The IPv4 value a.b.c.d in the low 32 bits (for the tables).
constexpr uint128 v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) noexcept {
    return (uint128{a} << 24) | (uint128{b} << 16) | (uint128{c} << 8) | uint128{d};
}
/// The IPv6 value of eight 16-bit groups (for the tables).
constexpr uint128 v6(std::uint16_t g0, std::uint16_t g1 = 0, std::uint16_t g2 = 0, std::uint16_t g3 = 0,
                     std::uint16_t g4 = 0, std::uint16_t g5 = 0, std::uint16_t g6 = 0,
                     std::uint16_t g7 = 0) noexcept {
    const std::uint16_t g[8] = {g0, g1, g2, g3, g4, g5, g6, g7};
    uint128 v = 0;
    for (auto x : g) v = (v << 16) | x;
    return v;
}

// IANA IPv4 Special-Purpose Address Registry (iana-ipv4-special-registry): the entries whose "Globally
// Reachable" is False (or N/A), as CPython 3.13 encodes them in _private_networks. 100.64.0.0/10 is left
// out on purpose: it is neither private nor global (see ipv4_shared).
inline constexpr special_range ipv4_not_global[] = {
    {v4(0, 0, 0, 0), 8, "This network (RFC 791)"},
    {v4(10, 0, 0, 0), 8, "Private-Use (RFC 1918)"},
    {v4(127, 0, 0, 0), 8, "Loopback (RFC 1122)"},
    {v4(169, 254, 0, 0), 16, "Link Local (RFC 3927)"},
    {v4(172, 16, 0, 0), 12, "Private-Use (RFC 1918)"},
    {v4(192, 0, 0, 0), 24, "IETF Protocol Assignments (RFC 6890)"},
    {v4(192, 0, 0, 170), 31, "NAT64/DNS64 Discovery (RFC 7050)"},
    {v4(192, 0, 2, 0), 24, "Documentation (TEST-NET-1, RFC 5737)"},
    {v4(192, 168, 0, 0), 16, "Private-Use (RFC 1918)"},
    {v4(198, 18, 0, 0), 15, "Benchmarking (RFC 2544)"},
    {v4(198, 51, 100, 0), 24, "Documentation (TEST-NET-2, RFC 5737)"},
    {v4(203, 0, 113, 0), 24, "Documentation (TEST-NET-3, RFC 5737)"},
    {v4(240, 0, 0, 0), 4, "Reserved (RFC 1112)"},
    {v4(255, 255, 255, 255), 32, "Limited Broadcast (RFC 919)"},
};
// Same registry: entries inside 192.0.0.0/24 that are globally reachable.
inline constexpr special_range ipv4_not_global_exceptions[] = {
    {v4(192, 0, 0, 9), 32, "Port Control Protocol Anycast (RFC 7723)"},
    {v4(192, 0, 0, 10), 32, "Traversal Using Relays around NAT Anycast (RFC 8155)"},
};
// Same registry: Shared Address Space for carrier-grade NAT.
inline constexpr special_range ipv4_shared[] = {
    {v4(100, 64, 0, 0), 10, "Shared Address Space (RFC 6598)"},
};
// Same registry: the three documentation blocks.
inline constexpr special_range ipv4_documentation[] = {
    {v4(192, 0, 2, 0), 24, "Documentation (TEST-NET-1, RFC 5737)"},
    {v4(198, 51, 100, 0), 24, "Documentation (TEST-NET-2, RFC 5737)"},
    {v4(203, 0, 113, 0), 24, "Documentation (TEST-NET-3, RFC 5737)"},
};
// IANA IPv4 Multicast Address Space Registry (RFC 5771) and the IPv4 Address Space registry.
inline constexpr special_range ipv4_multicast[] = {{v4(224, 0, 0, 0), 4, "Multicast (RFC 5771)"}};
inline constexpr special_range ipv4_reserved[] = {
    {v4(240, 0, 0, 0), 4, "Reserved for Future Use (RFC 1112)"}};
inline constexpr special_range ipv4_loopback[] = {{v4(127, 0, 0, 0), 8, "Loopback (RFC 1122)"}};
inline constexpr special_range ipv4_link_local[] = {{v4(169, 254, 0, 0), 16, "Link Local (RFC 3927)"}};

// IANA IPv6 Special-Purpose Address Registry (iana-ipv6-special-registry): the entries whose "Globally
// Reachable" is False, as CPython 3.13 encodes them (plus 3fff::/20, RFC 9637). ::ffff:0:0/96 is listed
// for completeness; ip_address judges IPv4-mapped addresses by their IPv4 address before any table.
inline constexpr special_range ipv6_not_global[] = {
    {v6(0, 0, 0, 0, 0, 0, 0, 1), 128, "Loopback Address (RFC 4291)"},
    {v6(0), 128, "Unspecified Address (RFC 4291)"},
    {v6(0, 0, 0, 0, 0, 0xffff), 96, "IPv4-mapped Address (RFC 4291)"},
    {v6(0x64, 0xff9b, 1), 48, "IPv4-IPv6 Translat. (RFC 8215)"},
    {v6(0x100), 64, "Discard-Only Address Block (RFC 6666)"},
    {v6(0x2001), 23, "IETF Protocol Assignments (RFC 2928)"},
    {v6(0x2001, 0xdb8), 32, "Documentation (RFC 3849)"},
    {v6(0x2002), 16, "6to4 (RFC 3056)"},
    {v6(0x3fff), 20, "Documentation (RFC 9637)"},
    {v6(0xfc00), 7, "Unique-Local (RFC 4193)"},
    {v6(0xfe80), 10, "Link-Local Unicast (RFC 4291)"},
};
// Same registry: the globally reachable entries inside 2001::/23.
inline constexpr special_range ipv6_not_global_exceptions[] = {
    {v6(0x2001, 1, 0, 0, 0, 0, 0, 1), 128, "Port Control Protocol Anycast (RFC 7723)"},
    {v6(0x2001, 1, 0, 0, 0, 0, 0, 2), 128, "Traversal Using Relays around NAT Anycast (RFC 8155)"},
    {v6(0x2001, 3), 32, "AMT (RFC 7450)"},
    {v6(0x2001, 4, 0x112), 48, "AS112-v6 (RFC 7535)"},
    {v6(0x2001, 0x20), 28, "ORCHIDv2 (RFC 7343)"},
    {v6(0x2001, 0x30), 28, "Drone Remote ID Protocol Entity Tags (DETs) Prefix (RFC 9374)"},
};
// Same registry: documentation prefixes.
inline constexpr special_range ipv6_documentation[] = {
    {v6(0x2001, 0xdb8), 32, "Documentation (RFC 3849)"},
    {v6(0x3fff), 20, "Documentation (RFC 9637)"},
};
// IANA Internet Protocol Version 6 Address Space registry: the blocks "Reserved by IETF" (RFC 4291),
// as Python's ipaddress lists them for is_reserved.
inline constexpr special_range ipv6_reserved[] = {
    {v6(0x0000), 8, "Reserved by IETF"}, {v6(0x0100), 8, "Reserved by IETF"},
    {v6(0x0200), 7, "Reserved by IETF"}, {v6(0x0400), 6, "Reserved by IETF"},
    {v6(0x0800), 5, "Reserved by IETF"}, {v6(0x1000), 4, "Reserved by IETF"},
    {v6(0x4000), 3, "Reserved by IETF"}, {v6(0x6000), 3, "Reserved by IETF"},
    {v6(0x8000), 3, "Reserved by IETF"}, {v6(0xa000), 3, "Reserved by IETF"},
    {v6(0xc000), 3, "Reserved by IETF"}, {v6(0xe000), 4, "Reserved by IETF"},
    {v6(0xf000), 5, "Reserved by IETF"}, {v6(0xf800), 6, "Reserved by IETF"},
    {v6(0xfe00), 9, "Reserved by IETF"},
};
// Same registry and RFC 4291 / RFC 3879 / RFC 4193.
inline constexpr special_range ipv6_multicast[] = {{v6(0xff00), 8, "Multicast (RFC 4291)"}};
inline constexpr special_range ipv6_link_local[] = {{v6(0xfe80), 10, "Link-Scoped Unicast (RFC 4291)"}};
inline constexpr special_range ipv6_site_local[] = {{v6(0xfec0), 10, "Site-Local, deprecated (RFC 3879)"}};
inline constexpr special_range ipv6_unique_local[] = {{v6(0xfc00), 7, "Unique-Local (RFC 4193)"}};

}  // namespace special

/// True when value (of an address with `bits` bits: 32 or 128) lies in one of the table's prefixes.
/// No allocation; any thread.
constexpr bool in_ranges(uint128 value, int bits, std::span<const special_range> table) noexcept {
    for (const auto& r : table) {
        const int shift = bits - r.length;
        if (shift >= bits) return true;  // a /0 holds everything
        if ((value >> shift) == (r.prefix >> shift)) return true;
    }
    return false;
}

}  // namespace sockit
