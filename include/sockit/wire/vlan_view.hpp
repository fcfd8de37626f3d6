// SPDX-License-Identifier: MIT
// vlan_view: an IEEE 802.1Q / 802.1ad tag as it follows a TPID (priority, DEI, VLAN id, inner EtherType).
#pragma once

#include <cstdint>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// The 4 bytes after a tag protocol identifier (0x8100, 0x88a8, 0x9100): the TCI and the next EtherType.
class vlan_view {
public:
    static constexpr std::size_t header_size = 4;

    vlan_view() noexcept = default;
    /// Views the tag at data (just after the TPID). Errors: codec_errc::truncated below 4 bytes.
    static result<vlan_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint16_t tci() const noexcept { return load_be16(data_.data()); }
    /// Priority code point (IEEE 802.1p), 0..7.
    [[nodiscard]] std::uint8_t pcp() const noexcept { return static_cast<std::uint8_t>(tci() >> 13); }
    /// Drop eligible indicator (formerly CFI).
    [[nodiscard]] bool dei() const noexcept { return (tci() & 0x1000) != 0; }
    /// VLAN identifier, 0..4095.
    [[nodiscard]] std::uint16_t vid() const noexcept { return static_cast<std::uint16_t>(tci() & 0x0fff); }
    /// The EtherType of what follows the tag.
    [[nodiscard]] std::uint16_t ethertype() const noexcept { return load_be16(data_.data() + 2); }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size); }
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(header_size); }

private:
    explicit vlan_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
