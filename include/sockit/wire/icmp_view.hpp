// SPDX-License-Identifier: MIT
// icmp_view: an ICMPv4 message (RFC 792, RFC 1191): type, code, checksum and the rest-of-header word.
#pragma once

#include <cstdint>
#include <span>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// ICMP message types (RFC 792 and successors).
namespace icmp_type {
inline constexpr std::uint8_t echo_reply = 0;
inline constexpr std::uint8_t dest_unreachable = 3;
inline constexpr std::uint8_t source_quench = 4;
inline constexpr std::uint8_t redirect = 5;
inline constexpr std::uint8_t echo_request = 8;
inline constexpr std::uint8_t router_advertisement = 9;
inline constexpr std::uint8_t router_solicitation = 10;
inline constexpr std::uint8_t time_exceeded = 11;
inline constexpr std::uint8_t parameter_problem = 12;
inline constexpr std::uint8_t timestamp = 13;
inline constexpr std::uint8_t timestamp_reply = 14;
}  // namespace icmp_type

/// The 8-byte ICMP header and its body over caller-owned bytes.
class icmp_view {
public:
    static constexpr std::size_t header_size = 8;

    icmp_view() noexcept = default;
    /// Views the message at data (all of it is the ICMP message). Errors: codec_errc::truncated below 8
    /// bytes.
    static result<icmp_view> parse(bytes_view data) noexcept;

    [[nodiscard]] std::uint8_t type() const noexcept { return data_[0]; }
    [[nodiscard]] std::uint8_t code() const noexcept { return data_[1]; }
    [[nodiscard]] std::uint16_t checksum() const noexcept { return load_be16(data_.data() + 2); }
    /// The 4 bytes after the checksum, as one number.
    [[nodiscard]] std::uint32_t rest_of_header() const noexcept { return load_be32(data_.data() + 4); }
    /// Echo, timestamp, information: identifier and sequence number.
    [[nodiscard]] std::uint16_t id() const noexcept { return load_be16(data_.data() + 4); }
    [[nodiscard]] std::uint16_t seq() const noexcept { return load_be16(data_.data() + 6); }
    /// Redirect: the gateway address.
    [[nodiscard]] std::span<const std::uint8_t, 4> gateway() const noexcept { return data_.subspan<4, 4>(); }
    /// Destination unreachable, code 4 (fragmentation needed): the next-hop MTU (RFC 1191).
    [[nodiscard]] std::uint16_t next_hop_mtu() const noexcept { return load_be16(data_.data() + 6); }
    /// Parameter problem: the pointer to the offending octet.
    [[nodiscard]] std::uint8_t pointer() const noexcept { return data_[4]; }
    /// Error messages (unreachable, source quench, redirect, time exceeded, parameter problem) quote the
    /// offending IP header and 8+ bytes of its payload in body().
    [[nodiscard]] bool is_error() const noexcept {
        std::uint8_t t = type();
        return t == 3 || t == 4 || t == 5 || t == 11 || t == 12;
    }
    /// The message checksum verifies over all the bytes viewed.
    [[nodiscard]] bool checksum_ok() const noexcept;
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size); }
    /// Everything after the 8-byte header (echo data, or the quoted datagram of an error).
    [[nodiscard]] bytes_view body() const noexcept { return data_.subspan(header_size); }
    /// The whole message.
    [[nodiscard]] bytes_view bytes() const noexcept { return data_; }

private:
    explicit icmp_view(bytes_view d) noexcept : data_(d) {}
    bytes_view data_{};
};

}  // namespace sockit::wire
