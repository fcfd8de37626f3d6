// SPDX-License-Identifier: MIT
// json_packet: a decoded frame as one JSON Lines object ("frame", "time", "caplen", "len", "layers", ...).
#pragma once

#include <sys/time.h>

#include <cstdint>

#include "sockit/core/bytes.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

class clock_text;
class output_buffer;

/// What one JSON object describes besides the decoded layers.
struct json_packet_meta {
    std::uint64_t number = 0;  ///< the frame's number, from 1
    timeval ts{};              ///< capture time
    std::uint32_t wire_length = 0;
    bool hex = false;  ///< add the frame's bytes as a "hex" string
};

/// Writes {"frame":N,"time":"...Z","time_epoch":S.U,"caplen":C,"len":L,"layers":[{"eth":{...}},...]
/// [,"stop":WHY,"stop_offset":N][,"hex":"..."]} and a newline. clock must have the iso_utc style.
/// No allocation.
void write_json_packet(output_buffer& out, clock_text& clock, const json_packet_meta& meta,
                       const decoded_frame& frame, bytes_view data);

}  // namespace sockit::dissect
