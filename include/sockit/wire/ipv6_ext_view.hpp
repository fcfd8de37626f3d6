// SPDX-License-Identifier: MIT
// ipv6_ext_view: IPv6 extension headers (RFC 8200 §4): hop-by-hop and destination options, routing,
// fragment; any other with the common next-header/length layout (e.g. AH, RFC 4302, counted in 4-byte units).
#pragma once

#include <cstdint>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::wire {

/// One extension header. kind() is the next-header value that announced it.
class ipv6_ext_view {
public:
    ipv6_ext_view() noexcept = default;
    /// True for the next-header values this view understands (0, 43, 44, 60, 51 AH, 135 mobility).
    static bool is_extension(std::uint8_t next_header) noexcept {
        return next_header == ip_proto::hop_by_hop || next_header == ip_proto::routing ||
               next_header == ip_proto::fragment || next_header == ip_proto::destination ||
               next_header == 51 || next_header == 135;
    }
    /// Views the extension header of kind at data. Errors: codec_errc::truncated when the header (by its
    /// own length field) is cut; codec_errc::bad_value when kind is not an extension header.
    static result<ipv6_ext_view> parse(std::uint8_t kind, bytes_view data) noexcept;

    [[nodiscard]] std::uint8_t kind() const noexcept { return kind_; }
    [[nodiscard]] std::uint8_t next_header() const noexcept { return data_[0]; }
    /// The whole header's size in bytes (8 for a fragment header).
    [[nodiscard]] std::size_t header_size() const noexcept { return size_; }
    /// Hop-by-hop and destination options: the TLV options (after next header and length; Pad1 is a
    /// single zero byte, every other option has type, length, value).
    [[nodiscard]] bytes_view options() const noexcept { return data_.subspan(2, size_ - 2); }
    // Routing header fields (kind 43).
    [[nodiscard]] std::uint8_t routing_type() const noexcept { return data_[2]; }
    [[nodiscard]] std::uint8_t segments_left() const noexcept { return data_[3]; }
    /// Routing data after the 4 fixed bytes (for types 0 and 2: 4 reserved bytes then addresses).
    [[nodiscard]] bytes_view routing_data() const noexcept { return data_.subspan(4, size_ - 4); }
    // Fragment header fields (kind 44).
    /// Fragment offset in 8-byte units.
    [[nodiscard]] std::uint16_t fragment_offset() const noexcept {
        return static_cast<std::uint16_t>(load_be16(data_.data() + 2) >> 3);
    }
    [[nodiscard]] bool more_fragments() const noexcept { return (data_[3] & 1) != 0; }
    [[nodiscard]] std::uint32_t identification() const noexcept { return load_be32(data_.data() + 4); }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(size_); }
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(size_); }

private:
    ipv6_ext_view(bytes_view d, std::uint8_t kind, std::size_t size) noexcept
        : data_(d), size_(size), kind_(kind) {}
    bytes_view data_{};
    std::size_t size_ = 0;
    std::uint8_t kind_ = 0;
};

}  // namespace sockit::wire
