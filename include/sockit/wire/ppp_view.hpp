// SPDX-License-Identifier: MIT
// ppp_view: a PPP frame header (RFC 1661) as libpcap's DLT_PPP/DLT_PPP_SERIAL carry it: optional
// address/control (0xff 0x03, RFC 1662) and a protocol field, possibly compressed to one byte.
#pragma once

#include <cstdint>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// The PPP header over unstuffed bytes (see ppp_hdlc.hpp for RFC 1662 flags, escaping and FCS).
class ppp_view {
public:
    ppp_view() noexcept = default;
    /// Views the frame at data. Errors: codec_errc::truncated when the protocol field is cut;
    /// codec_errc::bad_value when the protocol field is not odd in its low byte (RFC 1661 §2).
    static result<ppp_view> parse(bytes_view data) noexcept;

    /// The frame starts with the HDLC address and control bytes 0xff 0x03.
    [[nodiscard]] bool has_address_control() const noexcept { return header_size_ == 3 || header_size_ == 4; }
    /// The protocol (0x0021 IPv4, 0x0057 IPv6, 0xc021 LCP, ...).
    [[nodiscard]] std::uint16_t protocol() const noexcept { return protocol_; }
    /// The protocol field used one byte (protocol-field compression, RFC 1661 §6.5).
    [[nodiscard]] bool protocol_compressed() const noexcept { return header_size_ == 1 || header_size_ == 3; }
    [[nodiscard]] std::size_t header_size() const noexcept { return header_size_; }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size_); }
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(header_size_); }

private:
    ppp_view(bytes_view d, std::uint16_t proto, std::uint8_t hs) noexcept
        : data_(d), protocol_(proto), header_size_(hs) {}
    bytes_view data_{};
    std::uint16_t protocol_ = 0;
    std::uint8_t header_size_ = 0;
};

}  // namespace sockit::wire
