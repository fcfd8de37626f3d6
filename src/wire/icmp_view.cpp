// SPDX-License-Identifier: MIT
// icmp_view / icmpv6_view: parsing ICMP (RFC 792) and ICMPv6 (RFC 4443, RFC 4861).
#include "sockit/wire/icmp_view.hpp"

#include "sockit/core/codec_errc.hpp"
#include "sockit/wire/icmpv6_view.hpp"
#include "sockit/wire/internet_checksum.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::wire {

result<icmp_view> icmp_view::parse(bytes_view data) noexcept {
    if (data.size() < header_size) return fail(codec_errc::truncated);
    return icmp_view(data);
}

bool icmp_view::checksum_ok() const noexcept { return internet_checksum::of(data_) == 0; }

result<icmpv6_view> icmpv6_view::parse(bytes_view data) noexcept {
    if (data.size() < 4) return fail(codec_errc::truncated);
    std::uint8_t type = data[0];
    if (type >= 133 && type <= 137 && data.size() < fixed_size_for(type)) return fail(codec_errc::truncated);
    return icmpv6_view(data);
}

bool icmpv6_view::checksum_ok(std::span<const std::uint8_t, 16> src,
                              std::span<const std::uint8_t, 16> dst) const noexcept {
    return internet_checksum::verifies_v6(src, dst, ip_proto::icmpv6, data_);
}

}  // namespace sockit::wire
