// SPDX-License-Identifier: MIT
// sll_view: parsing Linux cooked capture headers v1 and v2.
#include "sockit/wire/sll_view.hpp"

#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {

result<sll_view> sll_view::parse_v1(bytes_view data) noexcept {
    if (data.size() < 16) return fail(codec_errc::truncated);
    return sll_view(data, false);
}

result<sll_view> sll_view::parse_v2(bytes_view data) noexcept {
    if (data.size() < 20) return fail(codec_errc::truncated);
    return sll_view(data, true);
}

}  // namespace sockit::wire
