// SPDX-License-Identifier: MIT
// byte_writer: appends big-endian integers and bytes to a growable buffer, with back-patching.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"

namespace sockit {

/// Appends to a byte_buffer owned by the caller. Lengths and checksums that are known only at the end
/// are written as placeholders and patched with patch_be16/patch_be32.
class byte_writer {
public:
    explicit byte_writer(byte_buffer& out) noexcept : out_(&out) {}

    /// Bytes in the buffer (including what was there before this writer).
    [[nodiscard]] std::size_t size() const noexcept { return out_->size(); }
    [[nodiscard]] byte_buffer& buffer() noexcept { return *out_; }

    void u8(std::uint8_t v) { out_->push_back(v); }
    void be16(std::uint16_t v) { append_int(v); }
    void be32(std::uint32_t v) { append_int(v); }
    void be64(std::uint64_t v) { append_int(v); }
    void bytes(bytes_view b) { out_->insert(out_->end(), b.begin(), b.end()); }
    void zeros(std::size_t n) { out_->insert(out_->end(), n, 0); }

    /// Overwrites 2 or 4 bytes at an offset already written. Precondition: offset + width <= size().
    void patch_be16(std::size_t offset, std::uint16_t v) noexcept { store_be16(out_->data() + offset, v); }
    void patch_be32(std::size_t offset, std::uint32_t v) noexcept { store_be32(out_->data() + offset, v); }

private:
    template <class U>
    void append_int(U v) {
        std::size_t at = out_->size();
        out_->resize(at + sizeof(U));
        store_be<U>(out_->data() + at, v);
    }

    byte_buffer* out_;
};

}  // namespace sockit
