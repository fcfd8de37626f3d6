// SPDX-License-Identifier: MIT
// mac_address: parsing and formatting of EUI-48 addresses.
#include "sockit/wire/mac_address.hpp"

#include <cstring>

#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {
namespace {

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

mac_address mac_address::from_bytes(std::span<const std::uint8_t, 6> b) noexcept {
    mac_address m;
    std::memcpy(m.bytes_.data(), b.data(), 6);
    return m;
}

result<mac_address> mac_address::parse(std::string_view text) noexcept {
    if (text.size() != text_size) return fail(codec_errc::bad_value);
    char sep = text[2];
    if (sep != ':' && sep != '-') return fail(codec_errc::bad_value);
    mac_address m;
    for (std::size_t i = 0; i < 6; ++i) {
        int hi = hex_value(text[i * 3]);
        int lo = hex_value(text[i * 3 + 1]);
        if (hi < 0 || lo < 0) return fail(codec_errc::bad_value);
        if (i < 5 && text[i * 3 + 2] != sep) return fail(codec_errc::bad_value);
        m.bytes_[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return m;
}

char* mac_address::format_to(char* out) const noexcept {
    static constexpr char digits[] = "0123456789abcdef";
    for (std::size_t i = 0; i < 6; ++i) {
        if (i != 0) *out++ = ':';
        *out++ = digits[bytes_[i] >> 4];
        *out++ = digits[bytes_[i] & 15];
    }
    return out;
}

std::string mac_address::to_string() const {
    std::string s(text_size, '\0');
    format_to(s.data());
    return s;
}

}  // namespace sockit::wire
