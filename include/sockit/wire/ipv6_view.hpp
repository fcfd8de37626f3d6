// SPDX-License-Identifier: MIT
// ipv6_view: the fixed IPv6 header (RFC 8200 §3); extension headers are ipv6_ext_view layers.
#pragma once

#include <cstdint>
#include <span>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// The 40-byte IPv6 header over caller-owned bytes.
class ipv6_view {
public:
    static constexpr std::size_t header_size = 40;

    ipv6_view() noexcept = default;
    /// Views the header at data. Errors: codec_errc::truncated (under 40 bytes),
    /// codec_errc::bad_version (version is not 6).
    static result<ipv6_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint8_t version() const noexcept { return static_cast<std::uint8_t>(data_[0] >> 4); }
    [[nodiscard]] std::uint8_t traffic_class() const noexcept {
        return static_cast<std::uint8_t>((load_be16(data_.data()) >> 4) & 0xff);
    }
    [[nodiscard]] std::uint32_t flow_label() const noexcept { return load_be32(data_.data()) & 0xfffff; }
    [[nodiscard]] std::uint16_t payload_length() const noexcept { return load_be16(data_.data() + 4); }
    [[nodiscard]] std::uint8_t next_header() const noexcept { return data_[6]; }
    [[nodiscard]] std::uint8_t hop_limit() const noexcept { return data_[7]; }
    [[nodiscard]] std::span<const std::uint8_t, 16> src() const noexcept { return data_.subspan<8, 16>(); }
    [[nodiscard]] std::span<const std::uint8_t, 16> dst() const noexcept { return data_.subspan<24, 16>(); }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size); }
    /// Every byte payload_length promises was captured.
    [[nodiscard]] bool complete() const noexcept { return header_size + payload_length() <= data_.size(); }
    /// The payload (extension headers included): payload_length bytes, clipped to the bytes present.
    /// A zero payload_length with a hop-by-hop header (a jumbogram, RFC 2675) yields everything captured.
    [[nodiscard]] bytes_view payload() const noexcept {
        std::size_t len = payload_length();
        bytes_view rest = data_.subspan(header_size);
        if (len == 0 && next_header() == 0) return rest;
        return rest.first(len < rest.size() ? len : rest.size());
    }

private:
    explicit ipv6_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
