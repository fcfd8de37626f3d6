// SPDX-License-Identifier: MIT
// rr_class: DNS CLASS codes and their mnemonics both ways (RFC 1035 §3.2.4, RFC 3597 §5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::dns {

/// A CLASS (or QCLASS) value. In an OPT record this field carries the UDP payload size instead.
enum class rr_class : std::uint16_t {
    in = 1,
    cs = 2,  ///< CSNET, obsolete (printed CLASS2, as dig does)
    ch = 3,
    hs = 4,
    none = 254,
    any = 255,
};

/// The mnemonic of a class with one ("IN", "CH"), or nullopt. Never allocates; thread-safe.
[[nodiscard]] std::optional<std::string_view> mnemonic(rr_class c) noexcept;

/// The presentation form: the mnemonic, or "CLASS123" (RFC 3597 §5).
[[nodiscard]] std::string to_string(rr_class c);

/// Parses "IN", "ch" or "CLASS3" (case-insensitive). Errors: codec_errc::bad_value. Thread-safe.
[[nodiscard]] result<rr_class> parse_rr_class(std::string_view text) noexcept;

}  // namespace sockit::dns
