// SPDX-License-Identifier: MIT
// ethernet_view: an Ethernet II / IEEE 802.3 header (destination, source, EtherType or length), zero-copy.
#pragma once

#include <cstdint>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/wire/mac_address.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::wire {

/// The 14-byte Ethernet header over caller-owned bytes. 802.1Q tags are separate layers (vlan_view),
/// found when ethertype() is a tag protocol identifier. Cheap to copy; owns nothing.
class ethernet_view {
public:
    static constexpr std::size_t header_size = 14;

    ethernet_view() noexcept = default;
    /// Views the frame at data. Errors: codec_errc::truncated below 14 bytes. Never reads past data.
    static result<ethernet_view> parse(bytes_view data) noexcept;

    [[nodiscard]] mac_address dst() const noexcept { return mac_address::from_bytes(data_.subspan<0, 6>()); }
    [[nodiscard]] mac_address src() const noexcept { return mac_address::from_bytes(data_.subspan<6, 6>()); }
    /// The EtherType (or the 802.3 length when <= 1500).
    [[nodiscard]] std::uint16_t ethertype() const noexcept { return load_be16(data_.data() + 12); }
    /// True when ethertype() is an IEEE 802.3 length (an LLC frame follows, not a typed payload).
    [[nodiscard]] bool is_802_3() const noexcept { return ethertype() <= ethertype::max_length; }
    /// The 14 header bytes.
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size); }
    /// Everything after the header (up to the end of the captured bytes).
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(header_size); }

private:
    explicit ethernet_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
