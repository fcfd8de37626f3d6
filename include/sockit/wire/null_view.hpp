// SPDX-License-Identifier: MIT
// null_view: the 4-byte BSD loopback header of LINKTYPE_NULL (host byte order) and LINKTYPE_LOOP (network
// order).
#pragma once

#include <cstdint>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// The address family word of a BSD loopback frame.
class null_view {
public:
    static constexpr std::size_t header_size = 4;

    null_view() noexcept = default;
    /// Views the header. big_endian: LINKTYPE_LOOP, or LINKTYPE_NULL written by a big-endian host
    /// (libpcap does not swap this field; a value above 0xffff in one order is read in the other).
    /// Errors: codec_errc::truncated.
    static result<null_view> parse(bytes_view data, bool big_endian) noexcept;

    /// The address family (2 AF_INET; 24, 28 or 30 AF_INET6 depending on the BSD).
    [[nodiscard]] std::uint32_t family() const noexcept { return family_; }
    [[nodiscard]] bool is_ipv4() const noexcept { return family_ == 2; }
    [[nodiscard]] bool is_ipv6() const noexcept {
        return family_ == 24 || family_ == 28 || family_ == 30 || family_ == 10;
    }
    [[nodiscard]] bytes_view header() const noexcept { return data_.first(header_size); }
    [[nodiscard]] bytes_view payload() const noexcept { return data_.subspan(header_size); }

private:
    null_view(bytes_view d, std::uint32_t f) noexcept : data_(d), family_(f) {}
    bytes_view data_{};
    std::uint32_t family_ = 0;
};

}  // namespace sockit::wire
