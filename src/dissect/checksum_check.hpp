// SPDX-License-Identifier: MIT
// checksum_check: what the decoder records when a checksum fails: the value the field should hold (as
// tcpdump -vv shows it) and whether a UDP/TCP field is a partial checksum left to offload.
#pragma once

#include <cstdint>
#include <span>

#include "sockit/core/bytes.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

/// The IP addresses a transport checksum covers (RFC 768, RFC 9293 §3.1, RFC 8200 §8.1).
struct pseudo_header {
    int version = 4;                    ///< 4 or 6
    const std::uint8_t* src = nullptr;  ///< 4 or 16 bytes
    const std::uint8_t* dst = nullptr;
};

/// A verdict and the value the checksum field should hold.
struct checksum_outcome {
    checksum_verdict verdict = checksum_verdict::not_checked;
    std::uint16_t expected = 0;
};

/// The value a checksum field should hold, given the field and the checksum computed over the covered
/// bytes with the field in place (0 when it verifies): their one's-complement sum (RFC 1624).
[[nodiscard]] std::uint16_t expected_checksum(std::uint16_t field, std::uint16_t computed) noexcept;

/// A UDP, TCP or ICMPv6 checksum field that failed to verify over segment (the covered bytes, field
/// included) under the pseudo-header: for UDP and TCP unverified when the field holds the folded
/// pseudo-header sum or its complement (checksum offload: the NIC adds the rest), else bad; with the
/// value expected.
[[nodiscard]] checksum_outcome failed_transport_checksum(const pseudo_header& ph, std::uint8_t protocol,
                                                         bytes_view segment, std::uint16_t field) noexcept;

/// A checksum with no pseudo-header (IPv4 header, ICMP) that failed over block: bad, with the value
/// expected.
[[nodiscard]] checksum_outcome failed_plain_checksum(bytes_view block, std::uint16_t field) noexcept;

}  // namespace sockit::dissect
