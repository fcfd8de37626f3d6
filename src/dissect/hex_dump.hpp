// SPDX-License-Identifier: MIT
// hex_dump: a frame's bytes in hex: tcpdump -xx's offset-and-groups layout (-x), or one string (JSON).
#pragma once

#include "sockit/core/bytes.hpp"

namespace sockit::dissect {

class output_buffer;

/// tcpdump -xx layout: per 16 bytes, "\t0xOOOO: " then 8 groups of 4 hex digits, and a newline.
void write_hex_dump(output_buffer& out, bytes_view data);

/// The bytes as lowercase hex digits, nothing around them.
void write_hex_string(output_buffer& out, bytes_view data);

}  // namespace sockit::dissect
