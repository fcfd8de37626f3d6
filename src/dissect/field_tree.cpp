// SPDX-License-Identifier: MIT
// field_tree: the -v view of a decoded frame, one line of fields per layer.
#include "field_tree.hpp"

#include "layer_fields.hpp"
#include "output_buffer.hpp"

namespace sockit::dissect {

void write_field_tree(output_buffer& out, const decoded_frame& frame, bytes_view data) {
    for (const auto& l : frame.layers()) {
        field_sink<false> s{out.reserve(layer_budget)};
        s.p = put_s(s.p, "    ");
        s.p = put_s(s.p, layer_name(l.view));
        put_layer_fields(s, l);
        *s.p++ = '\n';
        out.commit(s.p);
    }
    if (frame.stop_reason() != codec_errc{}) {
        char* p = out.reserve(128);
        p = put_s(p, "    stopped: ");
        p = put_s(p, issue_name(frame.stop_reason()));
        p = put_s(p, " at offset ");
        p = put_u(p, frame.stop_offset());
        p = put_s(p, " of ");
        p = put_u(p, data.size());
        *p++ = '\n';
        out.commit(p);
    }
}

}  // namespace sockit::dissect
