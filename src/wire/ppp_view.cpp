// SPDX-License-Identifier: MIT
// ppp_view: parsing the PPP header (RFC 1661, RFC 1662 address/control).
#include "sockit/wire/ppp_view.hpp"

#include "sockit/core/byte_order.hpp"
#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {

result<ppp_view> ppp_view::parse(bytes_view data) noexcept {
    std::uint8_t at = 0;
    if (data.size() >= 2 && data[0] == 0xff && data[1] == 0x03) at = 2;
    if (data.size() < at + 1u) return fail(codec_errc::truncated);
    // Protocol numbers are odd in their low byte and even in the high one: an odd first byte is a
    // compressed (one-byte) field.
    if ((data[at] & 1) != 0) return ppp_view(data, data[at], static_cast<std::uint8_t>(at + 1));
    if (data.size() < at + 2u) return fail(codec_errc::truncated);
    std::uint16_t proto = load_be16(data.data() + at);
    if ((proto & 1) == 0) return fail(codec_errc::bad_value);
    return ppp_view(data, proto, static_cast<std::uint8_t>(at + 2));
}

}  // namespace sockit::wire
