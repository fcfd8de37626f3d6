// SPDX-License-Identifier: MIT
// ipv6_view / ipv6_ext_view: parsing the IPv6 header and extension headers (RFC 8200).
#include "sockit/wire/ipv6_view.hpp"

#include "sockit/core/codec_errc.hpp"
#include "sockit/wire/ipv6_ext_view.hpp"

namespace sockit::wire {

result<ipv6_view> ipv6_view::parse(bytes_view data) noexcept {
    if (data.size() < header_size) return fail(codec_errc::truncated);
    if ((data[0] >> 4) != 6) return fail(codec_errc::bad_version);
    return ipv6_view(data);
}

result<ipv6_ext_view> ipv6_ext_view::parse(std::uint8_t kind, bytes_view data) noexcept {
    if (!is_extension(kind)) return fail(codec_errc::bad_value);
    if (data.size() < 8) return fail(codec_errc::truncated);
    std::size_t size = 0;
    if (kind == ip_proto::fragment) {
        size = 8;
    } else if (kind == 51) {
        size = (std::size_t{data[1]} + 2) * 4;  // AH counts 4-byte words, minus 2 (RFC 4302 §2.2)
    } else {
        size = (std::size_t{data[1]} + 1) * 8;
    }
    if (data.size() < size) return fail(codec_errc::truncated);
    return ipv6_ext_view(data, kind, size);
}

}  // namespace sockit::wire
