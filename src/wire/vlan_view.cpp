// SPDX-License-Identifier: MIT
// vlan_view: parsing an 802.1Q tag.
#include "sockit/wire/vlan_view.hpp"

#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {

result<vlan_view> vlan_view::parse(bytes_view data) noexcept {
    if (data.size() < header_size) return fail(codec_errc::truncated);
    return vlan_view(data);
}

}  // namespace sockit::wire
