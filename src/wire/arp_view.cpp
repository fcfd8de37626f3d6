// SPDX-License-Identifier: MIT
// arp_view: parsing ARP (RFC 826).
#include "sockit/wire/arp_view.hpp"

#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {

result<arp_view> arp_view::parse(bytes_view data) noexcept {
    if (data.size() < fixed_size) return fail(codec_errc::truncated);
    std::size_t need = fixed_size + 2u * (std::size_t{data[4]} + data[5]);
    if (data.size() < need) return fail(codec_errc::truncated);
    return arp_view(data);
}

}  // namespace sockit::wire
