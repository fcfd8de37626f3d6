// SPDX-License-Identifier: MIT
// ethernet_view: parsing the Ethernet II header.
#include "sockit/wire/ethernet_view.hpp"

#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {

result<ethernet_view> ethernet_view::parse(bytes_view data) noexcept {
    if (data.size() < header_size) return fail(codec_errc::truncated);
    return ethernet_view(data);
}

}  // namespace sockit::wire
