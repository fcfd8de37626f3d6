// SPDX-License-Identifier: MIT
// substring_finder: picks the needle's two rarest bytes, filters positions on them, verifies candidates.
#include "sockit/search/substring_finder.hpp"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sockit::search {
namespace {

bool is_upper(std::uint8_t c) noexcept { return c >= 'A' && c <= 'Z'; }
bool is_lower(std::uint8_t c) noexcept { return c >= 'a' && c <= 'z'; }
std::uint8_t to_lower(std::uint8_t c) noexcept {
    return is_upper(c) ? static_cast<std::uint8_t>(c | 0x20) : c;
}

/// How common a byte is in typical files (text, source code, binaries), higher = more common. A rough
/// ranking is enough: it only chooses which needle bytes filter candidates, never changes results.
int commonness(std::uint8_t c) noexcept {
    static constexpr std::string_view lower_by_frequency = "etaoinsrhldcumfpgwybvkxjqz";
    if (c == ' ' || c == 0 || c == '\n' || c == 0xff) return 100;
    if (is_lower(c)) return 90 - static_cast<int>(lower_by_frequency.find(static_cast<char>(c)));
    if (is_upper(c)) return 40 - static_cast<int>(lower_by_frequency.find(static_cast<char>(c | 0x20))) / 2;
    if (c >= '0' && c <= '9') return 50;
    if (c == '\t' || c == '\r' || c == '_' || c == '.' || c == ',' || c == '(' || c == ')' || c == '=' ||
        c == ';' || c == '"' || c == '/' || c == '-' || c == '*' || c == ':')
        return 60;
    if (c < 0x20) return 30;   // other control bytes: frequent in binaries only
    if (c >= 0x80) return 20;  // UTF-8 and binary
    return 25;                 // remaining punctuation
}

}  // namespace

substring_finder::substring_finder(std::string_view needle, bool ignore_case)
    : needle_(needle), ignore_case_(ignore_case) {
    if (ignore_case_) {
        for (auto& ch : needle_) ch = static_cast<char>(to_lower(static_cast<std::uint8_t>(ch)));
    }
    auto rank = [&](std::size_t i) {
        std::uint8_t c = static_cast<std::uint8_t>(needle_[i]);
        int r = commonness(c);
        if (ignore_case_ && is_lower(c)) r += 10;  // a folded letter matches two bytes
        return r;
    };
    for (std::size_t i = 1; i < needle_.size(); ++i) {
        if (rank(i) < rank(offset1_)) offset1_ = i;
    }
    offset2_ = offset1_ == 0 && needle_.size() > 1 ? 1 : 0;
    for (std::size_t i = 0; i < needle_.size(); ++i) {
        if (i != offset1_ && rank(i) < rank(offset2_)) offset2_ = i;
    }
    byte1_ = static_cast<std::uint8_t>(needle_[offset1_]);
    byte2_ = static_cast<std::uint8_t>(needle_[offset2_]);
    fold1_ = ignore_case_ && is_lower(byte1_) ? 0x20 : 0;
    fold2_ = ignore_case_ && is_lower(byte2_) ? 0x20 : 0;
}

bool substring_finder::anchors_match(const std::uint8_t* at) const noexcept {
    return (at[offset1_] | fold1_) == byte1_ && (at[offset2_] | fold2_) == byte2_;
}

bool substring_finder::matches_at(const std::uint8_t* at) const noexcept {
    if (!ignore_case_) return std::memcmp(at, needle_.data(), needle_.size()) == 0;
    for (std::size_t i = 0; i < needle_.size(); ++i) {
        if (to_lower(at[i]) != static_cast<std::uint8_t>(needle_[i])) return false;
    }
    return true;
}

std::size_t substring_finder::find_scalar(const std::uint8_t* p, std::size_t from,
                                          std::size_t last) const noexcept {
    for (std::size_t pos = from; pos <= last; ++pos) {
        if (anchors_match(p + pos) && matches_at(p + pos)) return pos;
    }
    return npos;
}

std::size_t substring_finder::find(std::span<const std::uint8_t> haystack) const noexcept {
    const std::size_t n = haystack.size();
    const std::size_t len = needle_.size();
    if (n < len) return npos;
    const std::uint8_t* p = haystack.data();
    const std::size_t last = n - len;  // the last position a match may start at
    std::size_t pos = 0;
#if defined(__SSE2__)
    // Positions pos..pos+15 at once: the 16 bytes at pos+offset1_ and at pos+offset2_ must both equal the
    // anchor bytes. A block is loaded only when all of it lies inside the haystack (offsets <= len-1).
    const __m128i want1 = _mm_set1_epi8(static_cast<char>(byte1_));
    const __m128i want2 = _mm_set1_epi8(static_cast<char>(byte2_));
    const __m128i fold1 = _mm_set1_epi8(static_cast<char>(fold1_));
    const __m128i fold2 = _mm_set1_epi8(static_cast<char>(fold2_));
    while (pos + 16 <= last + 1) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos + offset1_));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + pos + offset2_));
        const __m128i hit = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(a, fold1), want1),
                                          _mm_cmpeq_epi8(_mm_or_si128(b, fold2), want2));
        auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
        while (mask != 0) {
            const std::size_t at = pos + static_cast<std::size_t>(__builtin_ctz(mask));
            if (matches_at(p + at)) return at;
            mask &= mask - 1;
        }
        pos += 16;
    }
#endif
    return find_scalar(p, pos, last);
}

}  // namespace sockit::search
