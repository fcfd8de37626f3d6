// SPDX-License-Identifier: MIT
// sll_view: libpcap's Linux "cooked" capture headers, LINKTYPE_LINUX_SLL (16 bytes) and SLL2 (20 bytes).
#pragma once

#include <cstdint>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// A Linux cooked header, version 1 or 2 (the fields are the same, the layouts differ).
class sll_view {
public:
    sll_view() noexcept = default;
    /// Views an SLL (v1, 16 bytes) header. Errors: codec_errc::truncated.
    static result<sll_view> parse_v1(bytes_view data) noexcept;
    /// Views an SLL2 (20 bytes) header. Errors: codec_errc::truncated.
    static result<sll_view> parse_v2(bytes_view data) noexcept;

    /// 1 or 2.
    [[nodiscard]] int version() const noexcept { return v2_ ? 2 : 1; }
    /// 0 to us, 1 broadcast, 2 multicast, 3 to someone else, 4 sent by us.
    [[nodiscard]] std::uint8_t packet_type() const noexcept {
        return v2_ ? data_[10] : static_cast<std::uint8_t>(load_be16(data_.data()));
    }
    /// ARPHRD_ type of the interface (1 Ethernet, 772 loopback, ...).
    [[nodiscard]] std::uint16_t arphrd() const noexcept { return load_be16(data_.data() + (v2_ ? 8 : 2)); }
    /// Interface index (SLL2 only; 0 for SLL).
    [[nodiscard]] std::uint32_t ifindex() const noexcept { return v2_ ? load_be32(data_.data() + 4) : 0; }
    /// The link-layer source address (up to 8 bytes).
    [[nodiscard]] bytes_view address() const noexcept {
        std::size_t len = v2_ ? data_[11] : load_be16(data_.data() + 4);
        return data_.subspan(v2_ ? 12 : 6, len > 8 ? 8 : len);
    }
    /// The protocol of the payload (an EtherType, or a Linux ETH_P_ value for non-Ethernet frames).
    [[nodiscard]] std::uint16_t protocol() const noexcept { return load_be16(data_.data() + (v2_ ? 0 : 14)); }
    [[nodiscard]] std::size_t header_size() const noexcept { return v2_ ? 20 : 16; }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size()); }
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(header_size()); }

private:
    sll_view(bytes_view d, bool v2) noexcept : data_(d), v2_(v2) {}
    bytes_view data_{};
    bool v2_ = false;
};

}  // namespace sockit::wire
