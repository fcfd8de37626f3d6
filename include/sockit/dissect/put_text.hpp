// SPDX-License-Identifier: MIT
// put_text: the text primitives of the packet printers: numbers, hex, addresses and strings written at a
// cursor into a buffer the caller sized, without allocating or calling into stdio per field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/ip/ip_address.hpp"

namespace sockit::dissect {

// Each put_* writes at p and returns the end; the caller guarantees the room.

inline constexpr char hex_digits[] = "0123456789abcdef";

// Two decimal digits per lookup.
inline constexpr char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Copies n bytes with fixed-size (inlined) moves: two overlapping chunks cover any n up to 16 without
// reading outside [src, src + n). Small copies dominate the output, and a libc call per field costs more.
inline void copy_small(char* dst, const char* src, std::size_t n) noexcept {
    if (n >= 8) {
        if (n > 16) {
            std::memcpy(dst, src, n);
            return;
        }
        std::memcpy(dst, src, 8);
        std::memcpy(dst + n - 8, src + n - 8, 8);
    } else if (n >= 4) {
        std::memcpy(dst, src, 4);
        std::memcpy(dst + n - 4, src + n - 4, 4);
    } else if (n >= 2) {
        std::memcpy(dst, src, 2);
        std::memcpy(dst + n - 2, src + n - 2, 2);
    } else if (n == 1) {
        *dst = *src;
    }
}

inline char* put_u(char* p, std::uint64_t v) noexcept {
    // Count the digits (four per division), then write them in place from the end, two at a time.
    std::size_t n = 1;
    for (std::uint64_t t = v;; t /= 10000, n += 4) {
        if (t < 10) break;
        if (t < 100) {
            n += 1;
            break;
        }
        if (t < 1000) {
            n += 2;
            break;
        }
        if (t < 10000) {
            n += 3;
            break;
        }
    }
    char* s = p + n;
    while (v >= 100) {
        std::size_t i = static_cast<std::size_t>(v % 100) * 2;
        v /= 100;
        *--s = digit_pairs[i + 1];
        *--s = digit_pairs[i];
    }
    if (v >= 10) {
        std::size_t i = static_cast<std::size_t>(v) * 2;
        *--s = digit_pairs[i + 1];
        *--s = digit_pairs[i];
    } else {
        *--s = static_cast<char>('0' + v);
    }
    return p + n;
}

// Zero-padded to width digits.
inline char* put_u_width(char* p, std::uint64_t v, int width) noexcept {
    for (int i = width - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

inline char* put_hex(char* p, std::uint64_t v, int digits) noexcept {
    for (int i = digits - 1; i >= 0; --i) {
        p[i] = hex_digits[v & 15];
        v >>= 4;
    }
    return p + digits;
}

/// v in lower-case hex without leading zeros (printf's %x).
inline char* put_hex_short(char* p, std::uint64_t v) noexcept {
    int digits = 1;
    while (digits < 16 && (v >> (4 * digits)) != 0) ++digits;
    return put_hex(p, v, digits);
}

inline char* put_s(char* p, std::string_view s) noexcept {
    copy_small(p, s.data(), s.size());
    return p + s.size();
}

inline char* put_ip4(char* p, std::span<const std::uint8_t, 4> a) noexcept {
    for (std::size_t i = 0; i < 4; ++i) {
        if (i != 0) *p++ = '.';
        p = put_u(p, a[i]);
    }
    return p;
}

inline char* put_ip6(char* p, std::span<const std::uint8_t, 16> a) noexcept {
    return ip_address::from_v6_bytes(a).format_to(p);
}

inline char* put_mac(char* p, bytes_view b) noexcept {
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i != 0) *p++ = ':';
        *p++ = hex_digits[b[i] >> 4];
        *p++ = hex_digits[b[i] & 15];
    }
    return p;
}

}  // namespace sockit::dissect
