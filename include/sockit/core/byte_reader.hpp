// SPDX-License-Identifier: MIT
// byte_reader: a bounds-checked cursor over untrusted bytes; never reads past the end.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/core/result.hpp"

namespace sockit {

/// Reads integers (big-endian) and sub-spans from a byte view, checking every bound. A failed read
/// returns codec_errc::truncated and leaves the cursor where it was. Cheap to copy; owns nothing.
class byte_reader {
public:
    constexpr byte_reader() noexcept = default;
    constexpr explicit byte_reader(bytes_view data) noexcept : data_(data) {}

    /// Bytes not yet read.
    [[nodiscard]] constexpr std::size_t remaining() const noexcept { return data_.size() - pos_; }
    /// Bytes read so far (the offset of the next byte).
    [[nodiscard]] constexpr std::size_t offset() const noexcept { return pos_; }
    [[nodiscard]] constexpr bool empty() const noexcept { return remaining() == 0; }
    /// The whole underlying view, and what is left of it.
    [[nodiscard]] constexpr bytes_view data() const noexcept { return data_; }
    [[nodiscard]] constexpr bytes_view rest() const noexcept { return data_.subspan(pos_); }

    result<std::uint8_t> u8() noexcept { return read_int<std::uint8_t>(); }
    result<std::uint16_t> be16() noexcept { return read_int<std::uint16_t>(); }
    result<std::uint32_t> be32() noexcept { return read_int<std::uint32_t>(); }
    result<std::uint64_t> be64() noexcept { return read_int<std::uint64_t>(); }

    /// The next n bytes as a view, advancing past them.
    result<bytes_view> bytes(std::size_t n) noexcept {
        if (n > remaining()) return fail(codec_errc::truncated);
        bytes_view out = data_.subspan(pos_, n);
        pos_ += n;
        return out;
    }

    /// Skips n bytes.
    result<void> skip(std::size_t n) noexcept {
        if (n > remaining()) return fail(codec_errc::truncated);
        pos_ += n;
        return {};
    }

    /// Moves the cursor to an absolute offset (for formats with pointers, such as DNS names).
    result<void> seek(std::size_t offset) noexcept {
        if (offset > data_.size()) return fail(codec_errc::truncated);
        pos_ = offset;
        return {};
    }

private:
    template <class U>
    result<U> read_int() noexcept {
        if (sizeof(U) > remaining()) return fail(codec_errc::truncated);
        U v = load_be<U>(data_.data() + pos_);
        pos_ += sizeof(U);
        return v;
    }

    bytes_view data_{};
    std::size_t pos_ = 0;
};

}  // namespace sockit
