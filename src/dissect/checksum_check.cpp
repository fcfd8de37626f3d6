// SPDX-License-Identifier: MIT
// checksum_check: the expected value of a failed checksum (RFC 1624 arithmetic) and the recognition of
// partial checksums left to offload (the pseudo-header sum alone, as Linux's CHECKSUM_PARTIAL leaves it).
#include "checksum_check.hpp"

#include "sockit/wire/internet_checksum.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::dissect {
namespace {

// The checksum over the pseudo-header, and optionally the segment after it.
wire::internet_checksum sum_of(const pseudo_header& ph, std::uint8_t protocol, bytes_view segment,
                               bool with_segment) noexcept {
    wire::internet_checksum c;
    if (ph.version == 4) {
        c.add_pseudo_header_v4(std::span<const std::uint8_t, 4>(ph.src, 4),
                               std::span<const std::uint8_t, 4>(ph.dst, 4), protocol,
                               static_cast<std::uint16_t>(segment.size()));
    } else {
        c.add_pseudo_header_v6(std::span<const std::uint8_t, 16>(ph.src, 16),
                               std::span<const std::uint8_t, 16>(ph.dst, 16), protocol,
                               static_cast<std::uint32_t>(segment.size()));
    }
    if (with_segment) c.add(segment);
    return c;
}

}  // namespace

std::uint16_t expected_checksum(std::uint16_t field, std::uint16_t computed) noexcept {
    std::uint32_t s = std::uint32_t{field} + computed;
    s = (s & 0xffff) + (s >> 16);
    s = (s & 0xffff) + (s >> 16);
    return static_cast<std::uint16_t>(s);
}

checksum_outcome failed_transport_checksum(const pseudo_header& ph, std::uint8_t protocol, bytes_view segment,
                                           std::uint16_t field) noexcept {
    const std::uint16_t computed = sum_of(ph, protocol, segment, true).value();
    const std::uint16_t partial = sum_of(ph, protocol, segment, false).folded_sum();
    // Only UDP and TCP checksums are left to NICs; an ICMPv6 one is always computed by the stack.
    const bool offloadable = protocol == wire::ip_proto::udp || protocol == wire::ip_proto::tcp;
    const bool offloaded = offloadable && (field == partial || field == static_cast<std::uint16_t>(~partial));
    return {offloaded ? checksum_verdict::unverified : checksum_verdict::bad,
            expected_checksum(field, computed)};
}

checksum_outcome failed_plain_checksum(bytes_view block, std::uint16_t field) noexcept {
    return {checksum_verdict::bad, expected_checksum(field, wire::internet_checksum::of(block))};
}

}  // namespace sockit::dissect
