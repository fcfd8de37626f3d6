// SPDX-License-Identifier: MIT
// fields_transport: the -v/JSON fields of UDP (RFC 768) and TCP (RFC 9293, options RFC 7323, 2018).
#pragma once

#include "field_sink.hpp"
#include "protocol_names.hpp"
#include "sockit/core/byte_order.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

template <bool Json>
inline void put_fields(field_sink<Json>& s, const udp_view& v) noexcept {
    s.u("srcport", v.sport());
    s.u("dstport", v.dport());
    s.u("length", v.length());
    s.hex("checksum", v.checksum(), 4);
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const tcp_view& v) noexcept {
    s.u("srcport", v.sport());
    s.u("dstport", v.dport());
    s.u("seq_raw", v.seq());
    s.u("ack_raw", v.ack());
    s.u("hdr_len", v.header_size());
    s.hex("flags", v.flags(), 3);
    s.text("flags_str", [&](char* q) { return put_tcp_flags(q, v.flags()); });
    s.u("window_size_value", v.window());
    s.hex("checksum", v.checksum(), 4);
    s.u("urgent_pointer", v.urgent_pointer());
    if (!v.options().empty()) {
        if (auto m = v.mss()) s.u("options_mss_val", *m);
        if (auto w = v.window_scale()) s.u("options_wscale_shift", *w);
        if (v.sack_permitted()) s.flag("options_sack_perm", true);
        if (auto t = v.timestamps()) {
            s.u("options_timestamp_tsval", t->value);
            s.u("options_timestamp_tsecr", t->echo_reply);
        }
        bytes_view sack = v.sack_blocks();
        if (!sack.empty()) {
            s.text("options_sack", [&](char* q) {
                for (std::size_t i = 0; i + 8 <= sack.size(); i += 8) {
                    if (i != 0) *q++ = ',';
                    q = put_u(q, load_be32(sack.data() + i));
                    *q++ = '-';
                    q = put_u(q, load_be32(sack.data() + i + 4));
                }
                return q;
            });
        }
    }
    s.u("len", v.payload().size());
}

}  // namespace sockit::dissect
