// SPDX-License-Identifier: MIT
// tcp_view: a TCP header (RFC 9293): flags incl. NS/CWR/ECE (RFC 3168/3540), options MSS, window scale,
// SACK-permitted, SACK (RFC 2018), timestamps (RFC 7323); checksum with the pseudo-header.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// TCP flag bits as they sit in the low 9 bits of bytes 12..13.
namespace tcp_flag {
inline constexpr std::uint16_t fin = 0x001;
inline constexpr std::uint16_t syn = 0x002;
inline constexpr std::uint16_t rst = 0x004;
inline constexpr std::uint16_t psh = 0x008;
inline constexpr std::uint16_t ack = 0x010;
inline constexpr std::uint16_t urg = 0x020;
inline constexpr std::uint16_t ece = 0x040;
inline constexpr std::uint16_t cwr = 0x080;
inline constexpr std::uint16_t ns = 0x100;
}  // namespace tcp_flag

/// TCP option kinds.
namespace tcp_option {
inline constexpr std::uint8_t eol = 0;
inline constexpr std::uint8_t nop = 1;
inline constexpr std::uint8_t mss = 2;
inline constexpr std::uint8_t window_scale = 3;
inline constexpr std::uint8_t sack_permitted = 4;
inline constexpr std::uint8_t sack = 5;
inline constexpr std::uint8_t timestamps = 8;
}  // namespace tcp_option

/// The TCP header (20..60 bytes) and segment data over caller-owned bytes.
class tcp_view {
public:
    static constexpr std::size_t min_header_size = 20;

    tcp_view() noexcept = default;
    /// Views the segment at data. Errors: codec_errc::truncated (under 20 bytes or under the data
    /// offset), codec_errc::bad_length (data offset below 5).
    static result<tcp_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint16_t sport() const noexcept { return load_be16(data_.data()); }
    [[nodiscard]] std::uint16_t dport() const noexcept { return load_be16(data_.data() + 2); }
    [[nodiscard]] std::uint32_t seq() const noexcept { return load_be32(data_.data() + 4); }
    [[nodiscard]] std::uint32_t ack() const noexcept { return load_be32(data_.data() + 8); }
    /// Header length in 32-bit words (5..15).
    [[nodiscard]] std::uint8_t data_offset() const noexcept {
        return static_cast<std::uint8_t>(data_[12] >> 4);
    }
    [[nodiscard]] std::size_t header_size() const noexcept { return std::size_t{data_offset()} * 4; }
    /// The 9 flag bits (tcp_flag::*), NS included.
    [[nodiscard]] std::uint16_t flags() const noexcept {
        return static_cast<std::uint16_t>(load_be16(data_.data() + 12) & 0x01ff);
    }
    [[nodiscard]] bool has(std::uint16_t flag) const noexcept { return (flags() & flag) != 0; }
    [[nodiscard]] std::uint16_t window() const noexcept { return load_be16(data_.data() + 14); }
    [[nodiscard]] std::uint16_t checksum() const noexcept { return load_be16(data_.data() + 16); }
    [[nodiscard]] std::uint16_t urgent_pointer() const noexcept { return load_be16(data_.data() + 18); }
    /// Option bytes (walk them with option_cursor, or use the typed accessors below).
    [[nodiscard]] bytes_view options() const noexcept { return data_.subspan(20, header_size() - 20); }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size()); }
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(header_size()); }

    /// Typed options (the first of each kind with the right length; nullopt if absent or malformed).
    [[nodiscard]] std::optional<std::uint16_t> mss() const noexcept;
    [[nodiscard]] std::optional<std::uint8_t> window_scale() const noexcept;
    [[nodiscard]] bool sack_permitted() const noexcept;
    /// Timestamps option: TSval and TSecr.
    struct timestamps_value {
        std::uint32_t value;
        std::uint32_t echo_reply;
    };
    [[nodiscard]] std::optional<timestamps_value> timestamps() const noexcept;
    /// SACK blocks: the raw option value (8 bytes per left/right edge pair); empty if absent.
    [[nodiscard]] bytes_view sack_blocks() const noexcept;

    /// The checksum verifies over the whole segment viewed with the IPv4 pseudo-header.
    [[nodiscard]] bool checksum_ok_v4(std::span<const std::uint8_t, 4> src,
                                      std::span<const std::uint8_t, 4> dst) const noexcept;
    /// The same with the IPv6 pseudo-header.
    [[nodiscard]] bool checksum_ok_v6(std::span<const std::uint8_t, 16> src,
                                      std::span<const std::uint8_t, 16> dst) const noexcept;

private:
    explicit tcp_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
