// SPDX-License-Identifier: MIT
// internet_checksum: the RFC 1071 one's-complement checksum (with RFC 1624 byte-order independence),
// computed a word at a time, and the TCP/UDP pseudo-headers of RFC 768/9293 (IPv4) and RFC 8200 (IPv6).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sockit/core/bytes.hpp"

namespace sockit::wire {

/// An incremental Internet checksum. Feed the covered bytes in order with add() (any split, any
/// alignment), then read value(): the number to store big-endian in the checksum field. A block that
/// already holds a correct checksum sums to zero: verify with `c.add(block); c.value() == 0`.
/// Never allocates; not thread-safe (a plain value type).
class internet_checksum {
public:
    /// Adds bytes to the sum. Blocks may have odd sizes: the next block continues mid-word.
    void add(bytes_view data) noexcept;
    /// Adds a 16-bit field given as a host-order value (as if its two big-endian bytes were added).
    void add16(std::uint16_t v) noexcept;
    /// Adds a 32-bit field given as a host-order value (two 16-bit words).
    void add32(std::uint32_t v) noexcept {
        add16(static_cast<std::uint16_t>(v >> 16));
        add16(static_cast<std::uint16_t>(v));
    }
    /// Adds the IPv4 pseudo-header (RFC 768, RFC 9293 §3.1): source, destination, zero, protocol, length.
    void add_pseudo_header_v4(std::span<const std::uint8_t, 4> src, std::span<const std::uint8_t, 4> dst,
                              std::uint8_t protocol, std::uint16_t length) noexcept;
    /// Adds the IPv6 pseudo-header (RFC 8200 §8.1): source, destination, 32-bit length, next header.
    void add_pseudo_header_v6(std::span<const std::uint8_t, 16> src, std::span<const std::uint8_t, 16> dst,
                              std::uint8_t next_header, std::uint32_t length) noexcept;

    /// The one's complement of the folded one's-complement sum, host order (store it with store_be16).
    [[nodiscard]] std::uint16_t value() const noexcept;
    /// The folded one's-complement sum itself (not complemented), host order.
    [[nodiscard]] std::uint16_t folded_sum() const noexcept;

    /// The checksum of one block: internet_checksum{}.add(data).value().
    [[nodiscard]] static std::uint16_t of(bytes_view data) noexcept {
        internet_checksum c;
        c.add(data);
        return c.value();
    }
    /// Whether a segment (transport header with its checksum field, and payload) verifies under the IPv4
    /// pseudo-header: its sum with the pseudo-header is zero. segment.size() must fit 16 bits.
    [[nodiscard]] static bool verifies_v4(std::span<const std::uint8_t, 4> src,
                                          std::span<const std::uint8_t, 4> dst, std::uint8_t protocol,
                                          bytes_view segment) noexcept;
    /// Whether a segment verifies under the IPv6 pseudo-header (RFC 8200 §8.1).
    [[nodiscard]] static bool verifies_v6(std::span<const std::uint8_t, 16> src,
                                          std::span<const std::uint8_t, 16> dst, std::uint8_t next_header,
                                          bytes_view segment) noexcept;

private:
    std::uint64_t sum_ = 0;  // sum of words as loaded in native byte order
    bool odd_ = false;       // an odd number of bytes has been added so far
};

/// The raw one's-complement partial sum of a block, words loaded in native byte order, not folded.
/// Exposed for benchmarks and for callers that combine blocks themselves; most want internet_checksum.
std::uint64_t checksum_partial(const std::uint8_t* data, std::size_t size) noexcept;

}  // namespace sockit::wire
