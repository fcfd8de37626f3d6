// SPDX-License-Identifier: MIT
// Decimal text of 128-bit integers (IPv6 addresses and network sizes as numbers).
#include "sockit/ip/uint128.hpp"

#include <algorithm>

namespace sockit {

std::string to_decimal(uint128 v) {
    char buf[40];
    char* p = buf + sizeof buf;
    do {
        *--p = static_cast<char>('0' + static_cast<int>(v % 10));
        v /= 10;
    } while (v != 0);
    return {p, buf + sizeof buf};
}

std::optional<uint128> parse_decimal(std::string_view text) noexcept {
    if (text.empty()) return std::nullopt;
    constexpr uint128 max = ~uint128{0};
    uint128 v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto d = static_cast<unsigned>(c - '0');
        if (v > (max - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

}  // namespace sockit
