// SPDX-License-Identifier: MIT
// arp_view: an ARP packet (RFC 826) of any hardware/protocol address sizes, zero-copy.
#pragma once

#include <cstdint>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// ARP: 8 fixed bytes then sender and target hardware and protocol addresses (hlen and plen bytes each).
class arp_view {
public:
    static constexpr std::size_t fixed_size = 8;
    static constexpr std::uint16_t request = 1;
    static constexpr std::uint16_t reply = 2;

    arp_view() noexcept = default;
    /// Views the packet at data. Errors: codec_errc::truncated when the fixed part or any of the four
    /// addresses is cut. Never reads past data.
    static result<arp_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint16_t htype() const noexcept { return load_be16(data_.data()); }
    [[nodiscard]] std::uint16_t ptype() const noexcept { return load_be16(data_.data() + 2); }
    [[nodiscard]] std::uint8_t hlen() const noexcept { return data_[4]; }
    [[nodiscard]] std::uint8_t plen() const noexcept { return data_[5]; }
    [[nodiscard]] std::uint16_t oper() const noexcept { return load_be16(data_.data() + 6); }
    [[nodiscard]] bytes_view sender_hw() const noexcept { return data_.subspan(8, hlen()); }
    [[nodiscard]] bytes_view sender_proto() const noexcept { return data_.subspan(8u + hlen(), plen()); }
    [[nodiscard]] bytes_view target_hw() const noexcept {
        return data_.subspan(8u + hlen() + plen(), hlen());
    }
    [[nodiscard]] bytes_view target_proto() const noexcept {
        return data_.subspan(8u + 2u * hlen() + plen(), plen());
    }
    /// Ethernet (1) and IPv4 (0x0800) with 6- and 4-byte addresses: the common case.
    [[nodiscard]] bool is_ethernet_ipv4() const noexcept {
        return htype() == 1 && ptype() == 0x0800 && hlen() == 6 && plen() == 4;
    }
    /// The ARP bytes (fixed part and addresses).
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(size()); }
    [[nodiscard]] std::size_t size() const noexcept { return fixed_size + 2u * (hlen() + plen()); }
    /// Bytes after the ARP packet (Ethernet padding, usually).
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(size()); }

private:
    explicit arp_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
