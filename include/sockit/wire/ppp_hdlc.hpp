// SPDX-License-Identifier: MIT
// ppp_hdlc: RFC 1662 HDLC-like framing for PPP: 0x7e flags, 0x7d control-escape byte stuffing, FCS-16.
#pragma once

#include <cstdint>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::wire {

/// The RFC 1662 16-bit frame check sequence (CRC-CCITT, reflected, initial 0xffff) of data, before the
/// final complement; fcs16(frame + its two FCS bytes) equals 0xf0b8 when the frame is good.
std::uint16_t ppp_fcs16(bytes_view data, std::uint16_t fcs = 0xffff) noexcept;

/// Frames a PPP frame (address, control, protocol, information): appends the complemented FCS
/// (least significant byte first), escapes 0x7e, 0x7d and bytes below 0x20 (the default ACCM), and
/// wraps it in 0x7e flags. Appends to out; allocates only by growing out.
void ppp_hdlc_frame(bytes_view frame, byte_buffer& out);

/// Undoes ppp_hdlc_frame for one frame: strips the flags, unescapes, checks and removes the FCS,
/// writing the frame to out (replacing its contents). Errors: codec_errc::truncated (no closing flag or
/// shorter than the FCS), codec_errc::bad_value (an escape at the end), codec_errc::bad_checksum.
result<void> ppp_hdlc_unframe(bytes_view framed, byte_buffer& out);

}  // namespace sockit::wire
