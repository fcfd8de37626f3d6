// SPDX-License-Identifier: MIT
// Character classes of HTTP/1.1 (RFC 9110 §5.6.2 tokens, §5.5 field values; RFC 5234 core rules).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sockit::http::detail {

constexpr std::array<bool, 256> make_tchar_table() noexcept {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (char c : {'!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~'}) {
        t[static_cast<unsigned char>(c)] = true;
    }
    return t;
}
inline constexpr std::array<bool, 256> tchar_table = make_tchar_table();

/// tchar: the characters of a token (method, field name, transfer coding, chunk-ext name).
constexpr bool is_tchar(std::uint8_t c) noexcept { return tchar_table[c]; }
constexpr bool is_tchar(char c) noexcept { return is_tchar(static_cast<std::uint8_t>(c)); }

/// SP or HTAB.
constexpr bool is_ws(std::uint8_t c) noexcept { return c == ' ' || c == '\t'; }
constexpr bool is_ws(char c) noexcept { return is_ws(static_cast<std::uint8_t>(c)); }

/// s without leading and trailing OWS (SP and HTAB; RFC 9110 §5.6.3).
constexpr std::string_view trim_ows(std::string_view s) noexcept {
    while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
    return s;
}

/// A byte allowed inside a field value or reason phrase: HTAB, SP, VCHAR, obs-text.
constexpr bool is_field_char(std::uint8_t c) noexcept { return c == '\t' || (c >= 0x20 && c != 0x7F); }
constexpr bool is_field_char(char c) noexcept { return is_field_char(static_cast<std::uint8_t>(c)); }

/// A byte allowed in a request-target: visible US-ASCII (no SP, no CTL, no obs-text).
constexpr bool is_target_char(std::uint8_t c) noexcept { return c > 0x20 && c < 0x7F; }
constexpr bool is_target_char(char c) noexcept { return is_target_char(static_cast<std::uint8_t>(c)); }

/// The value of a hex digit, or -1.
constexpr int hex_value(std::uint8_t c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace sockit::http::detail
