// SPDX-License-Identifier: MIT
// json_packet: a decoded frame as one JSON Lines object; the layers' members come from the same field
// descriptions as the -v tree.
#include "json_packet.hpp"

#include "clock_text.hpp"
#include "hex_dump.hpp"
#include "layer_fields.hpp"
#include "output_buffer.hpp"

namespace sockit::dissect {

void write_json_packet(output_buffer& out, clock_text& clock, const json_packet_meta& meta,
                       const decoded_frame& frame, bytes_view data) {
    char* p = out.reserve(256);
    p = put_s(p, "{\"frame\":");
    p = put_u(p, meta.number);
    p = put_s(p, ",\"time\":\"");
    p = clock.put(p, meta.ts);
    p = put_s(p, "Z\",\"time_epoch\":");
    p = put_u(p, static_cast<std::uint64_t>(meta.ts.tv_sec));
    *p++ = '.';
    p = clock_text::put_usec(p, meta.ts);
    p = put_s(p, ",\"caplen\":");
    p = put_u(p, data.size());
    p = put_s(p, ",\"len\":");
    p = put_u(p, meta.wire_length);
    p = put_s(p, ",\"layers\":[");
    out.commit(p);
    bool first = true;
    for (const auto& l : frame.layers()) {
        field_sink<true> s{out.reserve(layer_budget)};
        if (!first) *s.p++ = ',';
        first = false;
        s.p = put_s(s.p, "{\"");
        s.p = put_s(s.p, layer_name(l.view));
        s.p = put_s(s.p, "\":{");
        s.u("offset", l.offset);
        put_layer_fields(s, l);
        s.p = put_s(s.p, "}}");
        out.commit(s.p);
    }
    p = out.reserve(128);
    *p++ = ']';
    if (frame.stop_reason() != codec_errc{}) {
        p = put_s(p, ",\"stop\":\"");
        p = put_s(p, issue_name(frame.stop_reason()));
        p = put_s(p, "\",\"stop_offset\":");
        p = put_u(p, frame.stop_offset());
    }
    if (meta.hex) {
        p = put_s(p, ",\"hex\":\"");
        out.commit(p);
        write_hex_string(out, data);
        p = out.reserve(8);
        *p++ = '"';
    }
    *p++ = '}';
    *p++ = '\n';
    out.commit(p);
}

}  // namespace sockit::dissect
