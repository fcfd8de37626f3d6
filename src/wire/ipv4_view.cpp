// SPDX-License-Identifier: MIT
// ipv4_view: parsing and checking the IPv4 header (RFC 791, RFC 1071).
#include "sockit/wire/ipv4_view.hpp"

#include "sockit/core/codec_errc.hpp"
#include "sockit/wire/internet_checksum.hpp"

namespace sockit::wire {

result<ipv4_view> ipv4_view::parse(bytes_view data) noexcept {
    if (data.size() < min_header_size) return fail(codec_errc::truncated);
    if ((data[0] >> 4) != 4) return fail(codec_errc::bad_version);
    std::size_t hs = std::size_t{data[0] & 0x0fu} * 4;
    if (hs < min_header_size) return fail(codec_errc::bad_length);
    if (data.size() < hs) return fail(codec_errc::truncated);
    return ipv4_view(data);
}

bool ipv4_view::checksum_ok() const noexcept { return internet_checksum::of(header()) == 0; }

bytes_view ipv4_view::payload() const noexcept {
    std::size_t hs = header_size();
    std::size_t end = total_length();
    if (end < hs || end > data_.size()) end = data_.size();
    return data_.subspan(hs, end - hs);
}

}  // namespace sockit::wire
