// SPDX-License-Identifier: MIT
// rr_type: DNS resource record TYPE codes and their mnemonics both ways (RFC 1035 §3.2.2, RFC 3597 §5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::dns {

/// A TYPE (or QTYPE) value. Any 16-bit value is valid; the named ones are those this codec knows.
enum class rr_type : std::uint16_t {
    a = 1,
    ns = 2,
    cname = 5,
    soa = 6,
    ptr = 12,
    hinfo = 13,
    mx = 15,
    txt = 16,
    aaaa = 28,
    srv = 33,
    naptr = 35,
    ds = 43,
    rrsig = 46,
    nsec = 47,
    dnskey = 48,
    opt = 41,
    svcb = 64,
    https = 65,
    ixfr = 251,
    axfr = 252,
    any = 255,
    caa = 257,
};

/// The mnemonic of a type with one ("AAAA"), or nullopt. Never allocates; thread-safe.
[[nodiscard]] std::optional<std::string_view> mnemonic(rr_type t) noexcept;

/// The presentation form: the mnemonic, or "TYPE123" for types without one (RFC 3597 §5).
[[nodiscard]] std::string to_string(rr_type t);

/// Parses "AAAA", "aaaa" or "TYPE28" (case-insensitive). Errors: codec_errc::bad_value for an unknown
/// mnemonic or a number out of 0..65535. Never allocates; thread-safe.
[[nodiscard]] result<rr_type> parse_rr_type(std::string_view text) noexcept;

}  // namespace sockit::dns
