// SPDX-License-Identifier: MIT
// Byte vocabulary: views of caller-owned bytes and owned byte buffers.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace sockit {

/// A read-only view of bytes owned by the caller.
using bytes_view = std::span<const std::uint8_t>;
/// An owned, growable byte buffer.
using byte_buffer = std::vector<std::uint8_t>;

/// Views the characters of s as bytes (no copy).
inline bytes_view as_bytes(std::string_view s) noexcept {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// Views bytes as characters (no copy).
inline std::string_view as_chars(bytes_view b) noexcept {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace sockit
