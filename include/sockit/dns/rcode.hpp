// SPDX-License-Identifier: MIT
// rcode and opcode: DNS response codes (12-bit with the EDNS0 extension, RFC 6891 §6.1.3) and opcodes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::dns {

/// A response code: the header's 4 bits, extended to 12 bits by the OPT record's upper 8 bits.
enum class rcode : std::uint16_t {
    noerror = 0,
    formerr = 1,
    servfail = 2,
    nxdomain = 3,
    notimp = 4,
    refused = 5,
    yxdomain = 6,
    yxrrset = 7,
    nxrrset = 8,
    notauth = 9,
    notzone = 10,
    dsotypeni = 11,  ///< RFC 8490
    badvers = 16,
    badkey = 17,
    badtime = 18,
    badmode = 19,
    badname = 20,
    badalg = 21,
    badtrunc = 22,
    badcookie = 23,
};

/// A header OPCODE (4 bits).
enum class opcode : std::uint8_t {
    query = 0,
    iquery = 1,
    status = 2,
    notify = 4,
    update = 5,
};

/// The mnemonic as dig prints it ("NOERROR", "NXDOMAIN"); "RESERVED11" for unassigned values.
[[nodiscard]] std::string to_string(rcode r);
/// The mnemonic as dig prints it ("QUERY", "NOTIFY"); "RESERVED3" for unassigned values.
[[nodiscard]] std::string to_string(opcode o);

/// Parses an rcode mnemonic (case-insensitive) or a decimal number 0..4095. Errors: codec_errc::bad_value.
[[nodiscard]] result<rcode> parse_rcode(std::string_view text) noexcept;
/// Parses an opcode mnemonic (case-insensitive) or a decimal number 0..15. Errors: codec_errc::bad_value.
[[nodiscard]] result<opcode> parse_opcode(std::string_view text) noexcept;

}  // namespace sockit::dns
