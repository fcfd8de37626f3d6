// SPDX-License-Identifier: MIT
// substring_finder: fixed-string search in bytes, exact or ASCII case-folded (a rare-byte pair filter, SSE2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sockit::search {

/// Finds a fixed string (the needle) in byte ranges. Candidates come from two of the needle's rarest bytes
/// compared 16 positions at a time (SSE2 where the target has it, a scalar loop elsewhere); each candidate
/// is verified in full. With `ignore_case` the ASCII letters A-Z and a-z match each other; other bytes
/// (UTF-8 included) match only themselves. Immutable after construction: one finder may be used by many
/// threads at once.
class substring_finder {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    /// A finder for `needle`. Precondition: the needle is not empty.
    substring_finder(std::string_view needle, bool ignore_case);

    /// The offset of the first occurrence of the needle in `haystack`, or npos. Never reads outside it.
    [[nodiscard]] std::size_t find(std::span<const std::uint8_t> haystack) const noexcept;

    /// The needle's length in bytes.
    [[nodiscard]] std::size_t size() const noexcept { return needle_.size(); }

private:
    [[nodiscard]] bool matches_at(const std::uint8_t* at) const noexcept;
    [[nodiscard]] bool anchors_match(const std::uint8_t* at) const noexcept;
    [[nodiscard]] std::size_t find_scalar(const std::uint8_t* p, std::size_t from,
                                          std::size_t last) const noexcept;

    std::string needle_;  // folded to lower case when ignore_case_
    bool ignore_case_;
    std::size_t offset1_ = 0;  // the rarest byte's position in the needle
    std::size_t offset2_ = 0;  // the second rarest (another position when the needle has two bytes or more)
    std::uint8_t byte1_ = 0;   // the needle's byte there (lower case when folding a letter)
    std::uint8_t byte2_ = 0;
    std::uint8_t fold1_ = 0;  // 0x20 when byte1_ is a folded letter: haystack bytes are OR-ed with it first
    std::uint8_t fold2_ = 0;
};

}  // namespace sockit::search
