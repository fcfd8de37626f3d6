// SPDX-License-Identifier: MIT
// byte_range: evaluating a Range request header against a representation's length (RFC 9110 §14.1-§14.4).
#pragma once

#include <cstdint>
#include <string_view>

namespace sockit::http {

/// What a server does with a Range header field for a representation of a given length.
struct byte_range {
    enum class outcome {
        full,           ///< serve the whole representation (no or unusable Range, several ranges): 200
        partial,        ///< serve [first, last]: 206 with Content-Range: bytes first-last/length
        unsatisfiable,  ///< no range overlaps the representation: 416 with Content-Range: bytes */length
    };
    outcome result = outcome::full;
    std::uint64_t first = 0;  ///< partial only: the first byte
    std::uint64_t last = 0;   ///< partial only: the last byte (inclusive, < length)

    /// Bytes of a partial answer.
    [[nodiscard]] constexpr std::uint64_t size() const noexcept { return last - first + 1; }

    /// Evaluates `header` (the Range field value) for a representation of `length` bytes. Only the
    /// "bytes" unit is understood; a field that is not valid ranges-specifier syntax, or another unit, is
    /// ignored (full), as RFC 9110 §14.2 allows. Several satisfiable ranges are answered in full (no
    /// multipart/byteranges); a single range is clamped to the length. Thread-safe, never fails.
    [[nodiscard]] static byte_range evaluate(std::string_view header, std::uint64_t length) noexcept;
};

}  // namespace sockit::http
