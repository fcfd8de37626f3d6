// SPDX-License-Identifier: MIT
// udp_view: parsing UDP (RFC 768) and checking its checksum.
#include "sockit/wire/udp_view.hpp"

#include "sockit/core/codec_errc.hpp"
#include "sockit/wire/internet_checksum.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::wire {

result<udp_view> udp_view::parse(bytes_view data) noexcept {
    if (data.size() < header_size) return fail(codec_errc::truncated);
    return udp_view(data);
}

bool udp_view::checksum_ok_v4(std::span<const std::uint8_t, 4> src,
                              std::span<const std::uint8_t, 4> dst) const noexcept {
    if (checksum() == 0) return true;  // no checksum sent (RFC 768)
    bytes_view covered = length_ok() ? data_.first(length()) : data_;
    return internet_checksum::verifies_v4(src, dst, ip_proto::udp, covered);
}

bool udp_view::checksum_ok_v6(std::span<const std::uint8_t, 16> src,
                              std::span<const std::uint8_t, 16> dst) const noexcept {
    if (checksum() == 0) return false;  // mandatory over IPv6
    bytes_view covered = length_ok() ? data_.first(length()) : data_;
    return internet_checksum::verifies_v6(src, dst, ip_proto::udp, covered);
}

}  // namespace sockit::wire
