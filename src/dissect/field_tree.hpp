// SPDX-License-Identifier: MIT
// field_tree: the -v view of a decoded frame: one indented line of name=value fields per layer.
#pragma once

#include "sockit/core/bytes.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

class output_buffer;

/// Writes "    LAYER name=value ..." per layer of frame (and "    stopped: WHY at offset N of SIZE" when
/// decoding stopped early); data is the frame's bytes. No allocation.
void write_field_tree(output_buffer& out, const decoded_frame& frame, bytes_view data);

}  // namespace sockit::dissect
