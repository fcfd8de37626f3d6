// SPDX-License-Identifier: MIT
// address_error: why an IP address or network text (RFC 791 dotted quad, RFC 4291 IPv6, RFC 4632 CIDR)
// does not parse, and where.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <system_error>

namespace sockit {

/// What is wrong with an address or network text; the category is address_category() ("sockit.address").
enum class address_errc {
    empty = 1,             ///< the text is empty
    bad_character,         ///< a character that cannot appear here (detail: the character)
    empty_octet,           ///< two dots in a row, or a dot at either end of a dotted quad
    leading_zero,          ///< an IPv4 octet with a leading zero ("01": octal in some parsers)
    octet_too_large,       ///< an IPv4 octet above 255 (detail: its value, saturated at 2^32-1)
    too_few_octets,        ///< fewer than four octets
    too_many_octets,       ///< more than four octets
    empty_group,           ///< a lone ':' at either end, or ':::'
    group_too_long,        ///< an IPv6 group of more than four hex digits (detail: the digit count)
    too_few_groups,        ///< fewer than eight groups and no "::"
    too_many_groups,       ///< more than eight groups (counting an embedded IPv4 as two)
    double_colon_twice,    ///< "::" appears more than once
    double_colon_no_zero,  ///< "::" with eight groups besides: it must stand for at least one
    bad_zone,              ///< a zone that is empty, longer than 15 characters, or has a bad character
    zone_on_ipv4,          ///< "%zone" after an IPv4 address
    bad_prefix,            ///< a prefix length that is not a decimal number (or has a leading zero)
    prefix_too_large,      ///< a prefix length above 32 (IPv4) or 128 (IPv6) (detail: the value)
    bad_netmask,           ///< a dotted mask that is neither a netmask nor a hostmask
    host_bits_set,         ///< strict parsing: the address has bits set beyond the prefix
    zone_in_network,       ///< a zone in a network ("fe80::%eth0/64")
    version_mismatch,      ///< IPv4 and IPv6 mixed where one version is needed
    bad_range,             ///< a range whose first address is above its last
    too_many_results,      ///< an operation would produce more results than the limit given
};

/// The category of address_errc; name() is "sockit.address".
const std::error_category& address_category() noexcept;

inline std::error_code make_error_code(address_errc e) noexcept {
    return {static_cast<int>(e), address_category()};
}

/// A parse error: what (code), where (offset into the input, in bytes) and one detail number whose
/// meaning depends on the code (see address_errc). message() renders all three for people.
struct address_error {
    std::error_code code;
    std::size_t offset = 0;
    std::uint32_t detail = 0;

    /// e.g. "octet 300 > 255 at offset 8". Allocates; any thread.
    [[nodiscard]] std::string message() const;

    friend bool operator==(const address_error&, const address_error&) noexcept = default;
};

/// Builds an address_error (no allocation, any thread).
inline address_error make_address_error(address_errc e, std::size_t offset,
                                        std::uint32_t detail = 0) noexcept {
    return {make_error_code(e), offset, detail};
}

}  // namespace sockit

template <>
struct std::is_error_code_enum<sockit::address_errc> : std::true_type {};
