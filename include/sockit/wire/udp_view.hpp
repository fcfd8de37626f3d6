// SPDX-License-Identifier: MIT
// udp_view: a UDP header (RFC 768): ports, length, checksum with the IPv4 or IPv6 pseudo-header.
#pragma once

#include <cstdint>
#include <span>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// The 8-byte UDP header and its payload over caller-owned bytes.
class udp_view {
public:
    static constexpr std::size_t header_size = 8;

    udp_view() noexcept = default;
    /// Views the datagram at data. Errors: codec_errc::truncated below 8 bytes.
    static result<udp_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint16_t sport() const noexcept { return load_be16(data_.data()); }
    [[nodiscard]] std::uint16_t dport() const noexcept { return load_be16(data_.data() + 2); }
    [[nodiscard]] std::uint16_t length() const noexcept { return load_be16(data_.data() + 4); }
    [[nodiscard]] std::uint16_t checksum() const noexcept { return load_be16(data_.data() + 6); }
    /// The length field covers at least the header and no more than the bytes the IP layer gave.
    [[nodiscard]] bool length_ok() const noexcept {
        return length() >= header_size && length() <= data_.size();
    }
    /// The payload: length - 8 bytes when length_ok(), else everything after the header.
    [[nodiscard]] bytes_view payload() const noexcept {
        return length_ok() ? data_.subspan(header_size, length() - header_size) : data_.subspan(header_size);
    }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size); }
    /// Checksum verification over the datagram (length() bytes when length_ok()) with an IPv4
    /// pseudo-header; a zero checksum (none sent) verifies.
    [[nodiscard]] bool checksum_ok_v4(std::span<const std::uint8_t, 4> src,
                                      std::span<const std::uint8_t, 4> dst) const noexcept;
    /// The same with an IPv6 pseudo-header; zero is invalid over IPv6 (RFC 8200 §8.1).
    [[nodiscard]] bool checksum_ok_v6(std::span<const std::uint8_t, 16> src,
                                      std::span<const std::uint8_t, 16> dst) const noexcept;

private:
    explicit udp_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
