// SPDX-License-Identifier: MIT
// fields_ip: the -v/JSON fields of IPv4 (RFC 791), IPv6 (RFC 8200) and its extension headers.
#pragma once

#include "field_sink.hpp"
#include "sockit/dissect/frame_decoder.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::dissect {

template <bool Json>
inline void put_fields(field_sink<Json>& s, const ipv4_view& v) noexcept {
    s.u("version", v.version());
    s.u("hdr_len", v.header_size());
    s.hex("dsfield", v.tos(), 2);
    s.u("len", v.total_length());
    s.hex("id", v.id(), 4);
    s.hex("flags", v.flags(), 2);
    s.flag("df", v.dont_fragment());
    s.flag("mf", v.more_fragments());
    s.u("frag_offset", v.fragment_offset());  // 8-byte units, as the header (and tshark 4) has it
    s.u("ttl", v.ttl());
    s.u("proto", v.protocol());
    s.hex("checksum", v.checksum(), 4);
    s.ip4("src", v.src());
    s.ip4("dst", v.dst());
    if (!v.options().empty()) s.bytes_hex("options", v.options());
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const ipv6_view& v) noexcept {
    s.u("version", v.version());
    s.hex("tclass", v.traffic_class(), 2);
    s.hex("flow", v.flow_label(), 5);
    s.u("plen", v.payload_length());
    s.u("nxt", v.next_header());
    s.u("hlim", v.hop_limit());
    s.ip6("src", v.src());
    s.ip6("dst", v.dst());
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const ipv6_ext_view& v) noexcept {
    s.u("nxt", v.next_header());
    s.u("len", v.header_size());
    switch (v.kind()) {
        case wire::ip_proto::routing:
            s.u("type", v.routing_type());
            s.u("segleft", v.segments_left());
            if ((v.routing_type() == 0 || v.routing_type() == 2) && v.routing_data().size() >= 20)
                s.ip6("address", v.routing_data().subspan(4).first<16>());
            break;
        case wire::ip_proto::fragment:
            s.u("offset", v.fragment_offset());
            s.flag("more", v.more_fragments());
            s.hex("id", v.identification(), 8);
            break;
        default: s.bytes_hex("options", v.options()); break;
    }
}

}  // namespace sockit::dissect
