// SPDX-License-Identifier: MIT
// internet_checksum: RFC 1071 sums, a 16-byte vector at a time where SSE2 is there, else 8 bytes at a time.
#include "sockit/wire/internet_checksum.hpp"

#include <cstring>

#include "sockit/core/byte_order.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sockit::wire {
namespace {

// Folds a 64-bit one's-complement accumulator to 16 bits (end-around carries).
std::uint16_t fold(std::uint64_t s) noexcept {
    s = (s & 0xffffffffu) + (s >> 32);
    s = (s & 0xffffffffu) + (s >> 32);
    s = (s & 0xffffu) + (s >> 16);
    s = (s & 0xffffu) + (s >> 16);
    return static_cast<std::uint16_t>(s);
}

}  // namespace

// The one's-complement sum is independent of byte order (RFC 1071 §2(B)): summing words loaded in the
// machine's order and swapping once at the end gives the network-order sum. 32-bit words go into 64-bit
// lanes, so no carry is lost before 2^32 words.
std::uint64_t checksum_partial(const std::uint8_t* p, std::size_t n) noexcept {
    std::uint64_t total = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i acc0 = zero, acc1 = zero, acc2 = zero, acc3 = zero;
    while (n >= 64) {
        __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
        __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32));
        __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48));
        acc0 = _mm_add_epi64(acc0, _mm_unpacklo_epi32(a, zero));
        acc1 = _mm_add_epi64(acc1, _mm_unpackhi_epi32(a, zero));
        acc2 = _mm_add_epi64(acc2, _mm_unpacklo_epi32(b, zero));
        acc3 = _mm_add_epi64(acc3, _mm_unpackhi_epi32(b, zero));
        acc0 = _mm_add_epi64(acc0, _mm_unpacklo_epi32(c, zero));
        acc1 = _mm_add_epi64(acc1, _mm_unpackhi_epi32(c, zero));
        acc2 = _mm_add_epi64(acc2, _mm_unpacklo_epi32(d, zero));
        acc3 = _mm_add_epi64(acc3, _mm_unpackhi_epi32(d, zero));
        p += 64;
        n -= 64;
    }
    while (n >= 16) {
        __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        acc0 = _mm_add_epi64(acc0, _mm_unpacklo_epi32(a, zero));
        acc1 = _mm_add_epi64(acc1, _mm_unpackhi_epi32(a, zero));
        p += 16;
        n -= 16;
    }
    __m128i acc = _mm_add_epi64(_mm_add_epi64(acc0, acc1), _mm_add_epi64(acc2, acc3));
    std::uint64_t lanes[2];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(lanes), acc);
    // Each lane is below 2^63 for any realistic size; fold them separately to keep the carries.
    total = fold(lanes[0]);
    total += fold(lanes[1]);
#endif
    while (n >= 4) {
        std::uint32_t w;
        std::memcpy(&w, p, 4);
        total += w;
        p += 4;
        n -= 4;
    }
    if (n > 0) {
        // The last 1 to 3 bytes, zero-padded to a word: a trailing odd byte is the first byte of a padded
        // 16-bit word (in memory order), and the word's two halves fold like two 16-bit words.
        std::uint8_t tail[4] = {};
        std::memcpy(tail, p, n);
        std::uint32_t w;
        std::memcpy(&w, tail, 4);
        total += w;
    }
    return total;
}

void internet_checksum::add(bytes_view data) noexcept {
    if (data.empty()) return;
    std::uint16_t part = fold(checksum_partial(data.data(), data.size()));
    // A block that starts at an odd offset has its bytes in the other halves of the words.
    if (odd_) part = byteswap(part);
    sum_ += part;
    if ((data.size() & 1) != 0) odd_ = !odd_;
}

void internet_checksum::add16(std::uint16_t v) noexcept {
    std::uint8_t b[2];
    store_be16(b, v);
    add(bytes_view(b, 2));
}

void internet_checksum::add_pseudo_header_v4(std::span<const std::uint8_t, 4> src,
                                             std::span<const std::uint8_t, 4> dst, std::uint8_t protocol,
                                             std::uint16_t length) noexcept {
    std::uint8_t ph[12];
    std::memcpy(ph, src.data(), 4);
    std::memcpy(ph + 4, dst.data(), 4);
    ph[8] = 0;
    ph[9] = protocol;
    store_be16(ph + 10, length);
    add(bytes_view(ph, sizeof ph));
}

void internet_checksum::add_pseudo_header_v6(std::span<const std::uint8_t, 16> src,
                                             std::span<const std::uint8_t, 16> dst, std::uint8_t next_header,
                                             std::uint32_t length) noexcept {
    std::uint8_t ph[40];
    std::memcpy(ph, src.data(), 16);
    std::memcpy(ph + 16, dst.data(), 16);
    store_be32(ph + 32, length);
    ph[36] = ph[37] = ph[38] = 0;
    ph[39] = next_header;
    add(bytes_view(ph, sizeof ph));
}

namespace {

// Whether segment sums to zero after the pseudo-header that add_pseudo_header adds.
template <class AddPseudoHeader>
bool verifies(bytes_view segment, AddPseudoHeader add_pseudo_header) noexcept {
    internet_checksum c;
    add_pseudo_header(c);
    c.add(segment);
    return c.value() == 0;
}

}  // namespace

bool internet_checksum::verifies_v4(std::span<const std::uint8_t, 4> src,
                                    std::span<const std::uint8_t, 4> dst, std::uint8_t protocol,
                                    bytes_view segment) noexcept {
    return verifies(segment, [&](internet_checksum& c) {
        c.add_pseudo_header_v4(src, dst, protocol, static_cast<std::uint16_t>(segment.size()));
    });
}

bool internet_checksum::verifies_v6(std::span<const std::uint8_t, 16> src,
                                    std::span<const std::uint8_t, 16> dst, std::uint8_t next_header,
                                    bytes_view segment) noexcept {
    return verifies(segment, [&](internet_checksum& c) {
        c.add_pseudo_header_v6(src, dst, next_header, static_cast<std::uint32_t>(segment.size()));
    });
}

std::uint16_t internet_checksum::folded_sum() const noexcept {
    std::uint16_t native = fold(sum_);
    // The sum was of words in memory order; convert to the network-order value.
    std::uint8_t b[2];
    std::memcpy(b, &native, 2);
    return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}

std::uint16_t internet_checksum::value() const noexcept { return static_cast<std::uint16_t>(~folded_sum()); }

}  // namespace sockit::wire
