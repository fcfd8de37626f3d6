// SPDX-License-Identifier: MIT
// uint128: the 128-bit unsigned integer of IPv6 arithmetic (RFC 4291 addresses as numbers), and its
// decimal text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sockit {

/// An unsigned 128-bit integer (GCC/Clang's __int128; __extension__ keeps -Wpedantic quiet).
__extension__ typedef unsigned __int128 uint128;

/// The decimal text of v ("0" ... "340282366920938463463374607431768211455"). Allocates; any thread.
std::string to_decimal(uint128 v);

/// Parses decimal digits only (no sign, no blanks, leading zeros allowed); nullopt when empty, not all
/// digits, or above 2^128-1. No allocation; any thread.
std::optional<uint128> parse_decimal(std::string_view text) noexcept;

}  // namespace sockit
