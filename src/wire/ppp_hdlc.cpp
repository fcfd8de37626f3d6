// SPDX-License-Identifier: MIT
// ppp_hdlc: RFC 1662 framing, escaping and the FCS-16.
#include "sockit/wire/ppp_hdlc.hpp"

#include <array>

#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {
namespace {

constexpr std::uint8_t flag = 0x7e;
constexpr std::uint8_t escape = 0x7d;

// The reflected CRC-CCITT table (polynomial 0x8408), built at compile time.
constexpr std::array<std::uint16_t, 256> make_fcs_table() {
    std::array<std::uint16_t, 256> t{};
    for (unsigned b = 0; b < 256; ++b) {
        unsigned v = b;
        for (int i = 0; i < 8; ++i) v = (v & 1) ? (v >> 1) ^ 0x8408u : v >> 1;
        t[b] = static_cast<std::uint16_t>(v);
    }
    return t;
}
constexpr auto fcs_table = make_fcs_table();

}  // namespace

std::uint16_t ppp_fcs16(bytes_view data, std::uint16_t fcs) noexcept {
    for (std::uint8_t b : data) fcs = static_cast<std::uint16_t>((fcs >> 8) ^ fcs_table[(fcs ^ b) & 0xff]);
    return fcs;
}

void ppp_hdlc_frame(bytes_view frame, byte_buffer& out) {
    std::uint16_t fcs = static_cast<std::uint16_t>(~ppp_fcs16(frame));
    auto put = [&out](std::uint8_t b) {
        if (b == flag || b == escape || b < 0x20) {
            out.push_back(escape);
            out.push_back(static_cast<std::uint8_t>(b ^ 0x20));
        } else {
            out.push_back(b);
        }
    };
    out.push_back(flag);
    for (std::uint8_t b : frame) put(b);
    put(static_cast<std::uint8_t>(fcs & 0xff));
    put(static_cast<std::uint8_t>(fcs >> 8));
    out.push_back(flag);
}

result<void> ppp_hdlc_unframe(bytes_view framed, byte_buffer& out) {
    out.clear();
    std::size_t i = 0;
    while (i < framed.size() && framed[i] == flag) ++i;  // one or more opening flags
    bool escaped = false;
    bool closed = false;
    for (; i < framed.size(); ++i) {
        std::uint8_t b = framed[i];
        if (b == flag) {
            if (escaped) return fail(codec_errc::bad_value);  // RFC 1662 §4.2: an aborted frame
            closed = true;
            break;
        }
        if (escaped) {
            out.push_back(static_cast<std::uint8_t>(b ^ 0x20));
            escaped = false;
        } else if (b == escape) {
            escaped = true;
        } else {
            out.push_back(b);
        }
    }
    if (escaped) return fail(codec_errc::bad_value);
    if (!closed || out.size() < 2) return fail(codec_errc::truncated);
    if (ppp_fcs16(out) != 0xf0b8) return fail(codec_errc::bad_checksum);
    out.resize(out.size() - 2);
    return {};
}

}  // namespace sockit::wire
