// SPDX-License-Identifier: MIT
// ip_address: an IPv4 (RFC 791) or IPv6 (RFC 4291, zones per RFC 4007) address as a value; strict parsing,
// RFC 5952 text, conversions, and the classification of Python's ipaddress (IANA special-purpose registries).
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/ip/address_error.hpp"
#include "sockit/ip/uint128.hpp"

namespace sockit {

/// The two IPv4 addresses inside a Teredo address (2001::/32, RFC 4380): the server, and the client
/// (the last 32 bits inverted).
struct teredo_pair;

/// An IPv4 or IPv6 address, with an optional IPv6 zone ("fe80::1%eth0"). A trivially copyable value
/// without heap storage: 16 address bytes, the zone inline (at most 15 characters, IF_NAMESIZE - 1).
/// The default value is invalid (version() == 0). The ip layer never calls the OS: a zone is kept as
/// written, and the sockets layer maps it to an interface index.
///
/// IPv4-mapped addresses (::ffff:a.b.c.d, RFC 4291 2.5.5.2) are IPv6 addresses here (is_v6(), version 6),
/// but every classification predicate except is_site_local() judges them by the IPv4 address inside, as
/// CPython 3.13 does (cpython#117566): ::ffff:127.0.0.1 is loopback, ::ffff:10.0.0.1 is private.
/// unmap() gives the IPv4 address itself.
class ip_address {
public:
    /// The longest text format_to() writes: eight 4-digit groups, 7 colons, '%' and a 15-character zone.
    static constexpr std::size_t max_string_length = 39 + 1 + 15;
    /// The longest zone kept (IF_NAMESIZE - 1 on Linux).
    static constexpr std::size_t max_zone_length = 15;

    /// The invalid address (version() == 0).
    constexpr ip_address() noexcept = default;

    /// Parses an IPv4 dotted quad (exactly four decimal octets 0-255, no leading zeros: "01" would be
    /// octal to inet_aton) or an IPv6 address in any RFC 4291 2.2 form (1-4 hex digits per group, one
    /// "::", a trailing dotted quad), with an optional "%zone" on IPv6 only. A zone is 1-15 printable ASCII
    /// characters other than '%', '/', '[' and ']'. Errors: address_error (what and the byte offset).
    /// No allocation; any thread.
    static result<ip_address, address_error> parse(std::string_view text) noexcept;
    /// As parse(), but only an IPv4 dotted quad is accepted.
    static result<ip_address, address_error> parse_v4(std::string_view text) noexcept;
    /// As parse(), but only IPv6 (with an optional zone) is accepted.
    static result<ip_address, address_error> parse_v6(std::string_view text) noexcept;

    /// The IPv4 address whose 32-bit value (host order) is host_order.
    static ip_address from_v4(std::uint32_t host_order) noexcept;
    /// The IPv4 address of four bytes in network order.
    static ip_address from_v4_bytes(std::span<const std::uint8_t, 4> b) noexcept;
    /// The IPv6 address of sixteen bytes in network order, with a zone (truncated to 15 characters;
    /// the caller passes a valid one).
    static ip_address from_v6_bytes(std::span<const std::uint8_t, 16> b, std::string_view zone = {}) noexcept;
    /// The IPv6 address whose 128-bit value is v.
    static ip_address from_v6_uint(uint128 v) noexcept;
    /// The address of the given version (4 or 6) whose integer value is v (for 4: the low 32 bits).
    static ip_address from_uint(int version, uint128 v) noexcept;

    [[nodiscard]] bool is_valid() const noexcept { return version_ != 0; }
    [[nodiscard]] bool is_v4() const noexcept { return version_ == 4; }
    [[nodiscard]] bool is_v6() const noexcept { return version_ == 6; }
    /// 4, 6, or 0 when invalid.
    [[nodiscard]] int version() const noexcept { return version_; }
    /// 32 or 128 (0 when invalid): the number of bits.
    [[nodiscard]] int max_prefix_length() const noexcept {
        return version_ == 4 ? 32 : version_ == 6 ? 128 : 0;
    }

    /// The 4 (IPv4) or 16 (IPv6) address bytes in network order (empty when invalid). The view lives as
    /// long as this object.
    [[nodiscard]] bytes_view bytes() const noexcept;
    /// The IPv4 value in host order. Precondition: is_v4().
    [[nodiscard]] std::uint32_t to_v4_uint() const noexcept;
    /// The integer value: 32 bits for IPv4, 128 for IPv6 (0 when invalid).
    [[nodiscard]] uint128 to_uint() const noexcept;

    /// The zone as written after '%' ("" when none).
    [[nodiscard]] std::string_view zone() const noexcept { return {zone_.data(), zone_len_}; }
    /// This address with another zone ("" removes it; truncated to 15 characters). IPv4 and invalid
    /// addresses have no zone: returns *this unchanged.
    [[nodiscard]] ip_address with_zone(std::string_view zone) const noexcept;

    /// True for ::ffff:a.b.c.d (::ffff:0:0/96).
    [[nodiscard]] bool is_v4_mapped() const noexcept;
    /// The IPv4 address inside ::ffff:a.b.c.d; any other address unchanged.
    [[nodiscard]] ip_address unmap() const noexcept;
    /// ::ffff:a.b.c.d for an IPv4 address; any other address unchanged.
    [[nodiscard]] ip_address to_v4_mapped() const noexcept;
    /// Python's ipv4_mapped: the IPv4 address inside an IPv4-mapped address; nullopt otherwise (also for
    /// IPv4).
    [[nodiscard]] std::optional<ip_address> ipv4_mapped() const noexcept;
    /// Python's sixtofour: the IPv4 address in bits 16-47 of a 2002::/16 address (RFC 3056); else nullopt.
    [[nodiscard]] std::optional<ip_address> sixtofour() const noexcept;
    /// Python's teredo: (server, client) of a 2001::/32 address (RFC 4380); else nullopt.
    [[nodiscard]] std::optional<teredo_pair> teredo() const noexcept;
    /// The scope of an IPv6 multicast address (RFC 4291 2.7, RFC 7346): the 4-bit scope field; -1 when
    /// the address is not IPv6 multicast (an IPv4-mapped address never is).
    [[nodiscard]] int multicast_scope() const noexcept;
    /// The IANA name of a multicast scope value ("interface-local", "link-local", "global", ...;
    /// "reserved" or "unassigned" for the others).
    static std::string_view multicast_scope_name(int scope) noexcept;

    /// Not globally reachable per the IANA special-purpose registries, as CPython 3.13 encodes them
    /// (100.64.0.0/10 is neither private nor global).
    [[nodiscard]] bool is_private() const noexcept;
    /// Globally reachable: not private, and not 100.64.0.0/10.
    [[nodiscard]] bool is_global() const noexcept;
    /// 127.0.0.0/8, ::1.
    [[nodiscard]] bool is_loopback() const noexcept;
    /// 169.254.0.0/16, fe80::/10.
    [[nodiscard]] bool is_link_local() const noexcept;
    /// 224.0.0.0/4, ff00::/8.
    [[nodiscard]] bool is_multicast() const noexcept;
    /// 240.0.0.0/4; the IETF-reserved IPv6 blocks of the address architecture (Python's list).
    [[nodiscard]] bool is_reserved() const noexcept;
    /// 0.0.0.0, ::.
    [[nodiscard]] bool is_unspecified() const noexcept;
    /// fec0::/10 (deprecated site-local, RFC 3879); never true for IPv4 or IPv4-mapped addresses.
    [[nodiscard]] bool is_site_local() const noexcept;
    /// 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737); 2001:db8::/32 (RFC 3849), 3fff::/20 (RFC
    /// 9637).
    [[nodiscard]] bool is_documentation() const noexcept;
    /// 100.64.0.0/10, shared address space for carrier-grade NAT (RFC 6598).
    [[nodiscard]] bool is_shared() const noexcept;
    /// fc00::/7 (RFC 4193).
    [[nodiscard]] bool is_unique_local() const noexcept;

    /// RFC 5952 text: lowercase, no leading zeros, the first longest run (>= 2) of zero groups as "::",
    /// mixed notation for IPv4-mapped addresses only; dotted quad for IPv4; "%zone" appended. Allocates.
    [[nodiscard]] std::string to_string() const;
    /// Writes to_string()'s text at out (no NUL) and returns the end. out must have room for
    /// max_string_length characters. No allocation; any thread. An invalid address writes nothing.
    char* format_to(char* out) const noexcept;
    /// Every group in full: "2001:0db8:0000:...:8223" (IPv4: the dotted quad), "%zone" appended. Allocates.
    [[nodiscard]] std::string exploded() const;
    /// The DNS name for reverse lookups: "4.3.2.1.in-addr.arpa" (RFC 1035 3.5), nibbles of "ip6.arpa"
    /// (RFC 3596 2.5); no zone. Allocates.
    [[nodiscard]] std::string reverse_pointer() const;

    /// Equal when version, bytes and zone are equal.
    friend bool operator==(const ip_address& a, const ip_address& b) noexcept;
    /// Orders by version (invalid < IPv4 < IPv6), then value, then zone.
    friend std::strong_ordering operator<=>(const ip_address& a, const ip_address& b) noexcept;

private:
    // IPv4 is kept in the IPv4-mapped layout (bytes 10-11 = 0xff, 12-15 = the address), so that mapping
    // and unmapping only change version_.
    std::array<std::uint8_t, 16> bytes_{};
    std::array<char, max_zone_length> zone_{};
    std::uint8_t zone_len_ = 0;
    std::uint8_t version_ = 0;

    friend class address_parser;
};

struct teredo_pair {
    ip_address server;
    ip_address client;
    friend bool operator==(const teredo_pair&, const teredo_pair&) noexcept = default;
};

}  // namespace sockit
