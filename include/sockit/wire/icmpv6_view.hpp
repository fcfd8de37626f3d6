// SPDX-License-Identifier: MIT
// icmpv6_view: an ICMPv6 message (RFC 4443) and Neighbor Discovery (RFC 4861): RS, RA, NS, NA, redirect.
#pragma once

#include <cstdint>
#include <span>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// ICMPv6 message types.
namespace icmpv6_type {
inline constexpr std::uint8_t dest_unreachable = 1;
inline constexpr std::uint8_t packet_too_big = 2;
inline constexpr std::uint8_t time_exceeded = 3;
inline constexpr std::uint8_t parameter_problem = 4;
inline constexpr std::uint8_t echo_request = 128;
inline constexpr std::uint8_t echo_reply = 129;
inline constexpr std::uint8_t router_solicitation = 133;
inline constexpr std::uint8_t router_advertisement = 134;
inline constexpr std::uint8_t neighbor_solicitation = 135;
inline constexpr std::uint8_t neighbor_advertisement = 136;
inline constexpr std::uint8_t redirect = 137;
}  // namespace icmpv6_type

/// NDP option types (RFC 4861 §4.6).
namespace ndp_option_type {
inline constexpr std::uint8_t source_link_layer = 1;
inline constexpr std::uint8_t target_link_layer = 2;
inline constexpr std::uint8_t prefix_information = 3;
inline constexpr std::uint8_t redirected_header = 4;
inline constexpr std::uint8_t mtu = 5;
}  // namespace ndp_option_type

/// One NDP option: type and the bytes after the type and length bytes (length*8 - 2 of them).
struct ndp_option {
    std::uint8_t type = 0;
    bytes_view value{};
};

/// Iterates NDP options (type, length in 8-byte units, value). A zero length or an option past the end
/// stops the walk with error() = codec_errc::bad_length (RFC 4861 §4.6: such a packet is discarded).
class ndp_option_cursor {
public:
    explicit ndp_option_cursor(bytes_view options) noexcept : data_(options) {}
    /// Reads the next option into out; false at the end or on a malformed option (see error()).
    bool next(ndp_option& out) noexcept {
        if (pos_ >= data_.size() || error_ != codec_errc{}) return false;
        if (pos_ + 2 > data_.size() || data_[pos_ + 1] == 0 || pos_ + data_[pos_ + 1] * 8u > data_.size()) {
            error_ = codec_errc::bad_length;
            return false;
        }
        std::size_t len = data_[pos_ + 1] * 8u;
        out = {data_[pos_], data_.subspan(pos_ + 2, len - 2)};
        pos_ += len;
        return true;
    }
    [[nodiscard]] codec_errc error() const noexcept { return error_; }

private:
    bytes_view data_;
    std::size_t pos_ = 0;
    codec_errc error_{};
};

/// An ICMPv6 message over caller-owned bytes, with NDP field accessors. Accessors for a type's fields
/// are valid only when has_fields() says the bytes are there.
class icmpv6_view {
public:
    static constexpr std::size_t header_size = 8;

    icmpv6_view() noexcept = default;
    /// Views the message at data. Errors: codec_errc::truncated below 4 bytes (type, code, checksum) or
    /// when an NDP message is shorter than its fixed part.
    static result<icmpv6_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint8_t type() const noexcept { return data_[0]; }
    [[nodiscard]] std::uint8_t code() const noexcept { return data_[1]; }
    [[nodiscard]] std::uint16_t checksum() const noexcept { return load_be16(data_.data() + 2); }
    /// The 4 bytes after the checksum (MTU of packet-too-big, pointer of parameter-problem). 0 if absent.
    [[nodiscard]] std::uint32_t rest_of_header() const noexcept {
        return data_.size() >= 8 ? load_be32(data_.data() + 4) : 0;
    }
    // Echo request/reply.
    [[nodiscard]] std::uint16_t id() const noexcept {
        return data_.size() >= 8 ? load_be16(data_.data() + 4) : 0;
    }
    [[nodiscard]] std::uint16_t seq() const noexcept {
        return data_.size() >= 8 ? load_be16(data_.data() + 6) : 0;
    }
    /// An NDP message type (133..137).
    [[nodiscard]] bool is_ndp() const noexcept { return type() >= 133 && type() <= 137; }
    /// The size of the fixed part of this type (before NDP options or the quoted packet / echo data).
    [[nodiscard]] std::size_t fixed_size() const noexcept { return fixed_size_for(type()); }
    static std::size_t fixed_size_for(std::uint8_t type) noexcept {
        switch (type) {
            case icmpv6_type::router_advertisement: return 16;
            case icmpv6_type::neighbor_solicitation:
            case icmpv6_type::neighbor_advertisement: return 24;
            case icmpv6_type::redirect: return 40;
            default: return 8;
        }
    }
    /// The bytes for fixed_size() are present (parse guarantees it for NDP types).
    [[nodiscard]] bool has_fields() const noexcept { return data_.size() >= fixed_size(); }
    // Router advertisement (134).
    [[nodiscard]] std::uint8_t cur_hop_limit() const noexcept { return data_[4]; }
    [[nodiscard]] bool managed() const noexcept { return (data_[5] & 0x80) != 0; }
    [[nodiscard]] bool other_config() const noexcept { return (data_[5] & 0x40) != 0; }
    [[nodiscard]] std::uint16_t router_lifetime() const noexcept { return load_be16(data_.data() + 6); }
    [[nodiscard]] std::uint32_t reachable_time() const noexcept { return load_be32(data_.data() + 8); }
    [[nodiscard]] std::uint32_t retrans_timer() const noexcept { return load_be32(data_.data() + 12); }
    // Neighbor advertisement (136) flags.
    [[nodiscard]] bool router_flag() const noexcept { return (data_[4] & 0x80) != 0; }
    [[nodiscard]] bool solicited_flag() const noexcept { return (data_[4] & 0x40) != 0; }
    [[nodiscard]] bool override_flag() const noexcept { return (data_[4] & 0x20) != 0; }
    /// NS, NA, redirect: the target address.
    [[nodiscard]] std::span<const std::uint8_t, 16> target() const noexcept { return data_.subspan<8, 16>(); }
    /// Redirect: the destination address.
    [[nodiscard]] std::span<const std::uint8_t, 16> destination() const noexcept {
        return data_.subspan<24, 16>();
    }
    /// NDP: the options after the fixed part (walk them with ndp_option_cursor); empty for other types.
    [[nodiscard]] bytes_view ndp_options() const noexcept {
        return is_ndp() && has_fields() ? data_.subspan(fixed_size()) : bytes_view{};
    }
    /// The checksum verifies with the IPv6 pseudo-header of the enclosing packet (RFC 4443 §2.3).
    [[nodiscard]] bool checksum_ok(std::span<const std::uint8_t, 16> src,
                                   std::span<const std::uint8_t, 16> dst) const noexcept;
    /// Bytes after the 8-byte header (empty if shorter).
    [[nodiscard]] bytes_view body() const noexcept {
        return data_.size() >= 8 ? data_.subspan(8) : bytes_view{};
    }
    /// The whole message.
    [[nodiscard]] bytes_view bytes() const noexcept { return data_; }

private:
    explicit icmpv6_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
