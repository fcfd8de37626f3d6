// SPDX-License-Identifier: MIT
// The address_errc error category and the text of address_error (RFC 791 / RFC 4291 / RFC 4632 input).
#include "sockit/ip/address_error.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <string>

#include "sockit/core/enum_category.hpp"

namespace sockit {
namespace {

// One message per address_errc value, in declaration order (the first is 1).
constexpr const char* messages[] = {
    "empty address",                    // empty
    "unexpected character",             // bad_character
    "empty octet",                      // empty_octet
    "leading zero in an octet",         // leading_zero
    "octet > 255",                      // octet_too_large
    "too few octets",                   // too_few_octets
    "too many octets",                  // too_many_octets
    "empty group",                      // empty_group
    "group of more than 4 hex digits",  // group_too_long
    "too few groups",                   // too_few_groups
    "too many groups",                  // too_many_groups
    "'::' more than once",              // double_colon_twice
    "'::' with 8 groups",               // double_colon_no_zero
    "bad zone",                         // bad_zone
    "zone on an IPv4 address",          // zone_on_ipv4
    "bad prefix length",                // bad_prefix
    "prefix length too large",          // prefix_too_large
    "bad netmask",                      // bad_netmask
    "host bits set",                    // host_bits_set
    "zone in a network",                // zone_in_network
    "IPv4 and IPv6 mixed",              // version_mismatch
    "first address above last",         // bad_range
    "too many results",                 // too_many_results
};

// A character as people read it in a message: itself when printable, else \xHH.
std::string show_char(std::uint32_t c) {
    if (c >= 0x20 && c < 0x7f && c != '\'') return std::string(1, static_cast<char>(c));
    return fmt::format("\\x{:02x}", c & 0xffu);
}

}  // namespace

const std::error_category& address_category() noexcept {
    return enum_category_of<address_errc::too_many_results>("sockit.address", messages,
                                                            "unknown address error");
}

std::string address_error::message() const {
    if (code.category() != address_category()) return fmt::format("{} at offset {}", code.message(), offset);
    const auto at = offset;
    switch (static_cast<address_errc>(code.value())) {
        case address_errc::empty: return "empty address";
        case address_errc::bad_character:
            return fmt::format("unexpected character '{}' at offset {}", show_char(detail), at);
        case address_errc::empty_octet: return fmt::format("empty octet at offset {}", at);
        case address_errc::leading_zero: return fmt::format("leading zero in octet at offset {}", at);
        case address_errc::octet_too_large:
            if (detail == UINT32_MAX) return fmt::format("octet > 255 at offset {}", at);
            return fmt::format("octet {} > 255 at offset {}", detail, at);
        case address_errc::too_few_octets: return fmt::format("only {} octets, need 4", detail);
        case address_errc::too_many_octets: return fmt::format("more than 4 octets at offset {}", at);
        case address_errc::empty_group: return fmt::format("empty group at offset {}", at);
        case address_errc::group_too_long:
            return fmt::format("group of {} hex digits (at most 4) at offset {}", detail, at);
        case address_errc::too_few_groups: return fmt::format("only {} groups, need 8 or '::'", detail);
        case address_errc::too_many_groups: return fmt::format("more than 8 groups at offset {}", at);
        case address_errc::double_colon_twice: return fmt::format("second '::' at offset {}", at);
        case address_errc::double_colon_no_zero:
            return fmt::format("'::' at offset {} with 8 groups besides (it must stand for at least one)",
                               at);
        case address_errc::bad_zone:
            if (detail == 0) return fmt::format("empty zone at offset {}", at);
            if (detail == UINT32_MAX) return fmt::format("zone longer than 15 characters at offset {}", at);
            return fmt::format("character '{}' not allowed in a zone at offset {}", show_char(detail), at);
        case address_errc::zone_on_ipv4: return fmt::format("zone on an IPv4 address at offset {}", at);
        case address_errc::bad_prefix:
            return fmt::format("prefix length is not a plain decimal number at offset {}", at);
        case address_errc::prefix_too_large:
            if (detail == UINT32_MAX) return fmt::format("prefix length too large at offset {}", at);
            return fmt::format("prefix length {} too large at offset {}", detail, at);
        case address_errc::bad_netmask:
            return fmt::format("mask is neither a netmask nor a hostmask at offset {}", at);
        case address_errc::host_bits_set: return fmt::format("host bits set (strict) at offset {}", at);
        case address_errc::zone_in_network:
            return fmt::format("zone not allowed in a network at offset {}", at);
        case address_errc::version_mismatch: return "IPv4 and IPv6 mixed";
        case address_errc::bad_range: return "first address is above the last";
        case address_errc::too_many_results: return fmt::format("more than {} results", detail);
    }
    return fmt::format("{} at offset {}", code.message(), at);
}

}  // namespace sockit
