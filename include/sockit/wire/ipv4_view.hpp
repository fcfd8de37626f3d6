// SPDX-License-Identifier: MIT
// ipv4_view: an IPv4 header (RFC 791): options, flags, fragment offset, header checksum (RFC 1071).
#pragma once

#include <cstdint>
#include <span>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// An IPv4 header over caller-owned bytes. parse() checks only what it needs to read the header safely;
/// length_ok() and checksum_ok() report the rest, so that a decoder can flag a bad packet and go on.
class ipv4_view {
public:
    static constexpr std::size_t min_header_size = 20;

    ipv4_view() noexcept = default;
    /// Views the header at data. Errors: codec_errc::truncated (under 20 bytes, or under the IHL),
    /// codec_errc::bad_version (version is not 4), codec_errc::bad_length (IHL below 5).
    static result<ipv4_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint8_t version() const noexcept { return static_cast<std::uint8_t>(data_[0] >> 4); }
    /// Internet header length in 32-bit words (5..15).
    [[nodiscard]] std::uint8_t ihl() const noexcept { return static_cast<std::uint8_t>(data_[0] & 0x0f); }
    [[nodiscard]] std::size_t header_size() const noexcept { return std::size_t{ihl()} * 4; }
    /// Type of service byte: DSCP (high 6 bits) and ECN (low 2, RFC 3168).
    [[nodiscard]] std::uint8_t tos() const noexcept { return data_[1]; }
    [[nodiscard]] std::uint8_t dscp() const noexcept { return static_cast<std::uint8_t>(data_[1] >> 2); }
    [[nodiscard]] std::uint8_t ecn() const noexcept { return static_cast<std::uint8_t>(data_[1] & 3); }
    [[nodiscard]] std::uint16_t total_length() const noexcept { return load_be16(data_.data() + 2); }
    [[nodiscard]] std::uint16_t id() const noexcept { return load_be16(data_.data() + 4); }
    /// The three flag bits: 4 reserved ("evil"), 2 don't fragment, 1 more fragments.
    [[nodiscard]] std::uint8_t flags() const noexcept { return static_cast<std::uint8_t>(data_[6] >> 5); }
    [[nodiscard]] bool reserved_flag() const noexcept { return (data_[6] & 0x80) != 0; }
    [[nodiscard]] bool dont_fragment() const noexcept { return (data_[6] & 0x40) != 0; }
    [[nodiscard]] bool more_fragments() const noexcept { return (data_[6] & 0x20) != 0; }
    /// Fragment offset in 8-byte units.
    [[nodiscard]] std::uint16_t fragment_offset() const noexcept {
        return static_cast<std::uint16_t>(load_be16(data_.data() + 6) & 0x1fff);
    }
    /// A fragment of a larger datagram (offset non-zero or more fragments follow): the payload is not
    /// a whole transport header + data.
    [[nodiscard]] bool is_fragment() const noexcept { return more_fragments() || fragment_offset() != 0; }
    [[nodiscard]] std::uint8_t ttl() const noexcept { return data_[8]; }
    [[nodiscard]] std::uint8_t protocol() const noexcept { return data_[9]; }
    [[nodiscard]] std::uint16_t checksum() const noexcept { return load_be16(data_.data() + 10); }
    [[nodiscard]] std::span<const std::uint8_t, 4> src() const noexcept { return data_.subspan<12, 4>(); }
    [[nodiscard]] std::span<const std::uint8_t, 4> dst() const noexcept { return data_.subspan<16, 4>(); }
    /// The option bytes (header_size() - 20 of them; walk them with option_cursor).
    [[nodiscard]] bytes_view options() const noexcept { return data_.subspan(20, header_size() - 20); }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size()); }

    /// total_length covers at least the header. (When false, payload() is everything captured.)
    [[nodiscard]] bool length_ok() const noexcept { return total_length() >= header_size(); }
    /// Every byte total_length promises was captured (false for snap-length cuts and short packets).
    [[nodiscard]] bool complete() const noexcept { return total_length() <= data_.size(); }
    /// The header checksum verifies (RFC 1071: the header sums to 0xffff).
    [[nodiscard]] bool checksum_ok() const noexcept;
    /// The payload: from the header's end to total_length, clipped to the bytes present; trailing
    /// link-layer padding is excluded.
    [[nodiscard]] bytes_view payload() const noexcept;

private:
    explicit ipv4_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
