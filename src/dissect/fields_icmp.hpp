// SPDX-License-Identifier: MIT
// fields_icmp: the -v/JSON fields of ICMP (RFC 792) and ICMPv6 (RFC 4443) with NDP options (RFC 4861).
#pragma once

#include "field_sink.hpp"
#include "sockit/core/byte_order.hpp"
#include "sockit/dissect/frame_decoder.hpp"
#include "sockit/wire/option_cursor.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::dissect {

template <bool Json>
inline void put_fields(field_sink<Json>& s, const icmp_view& v) noexcept {
    s.u("type", v.type());
    s.u("code", v.code());
    s.hex("checksum", v.checksum(), 4);
    switch (v.type()) {
        case wire::icmp_type::echo_reply:
        case wire::icmp_type::echo_request:
        case wire::icmp_type::timestamp:
        case wire::icmp_type::timestamp_reply:
            s.u("ident", v.id());
            s.u("seq", v.seq());
            break;
        case wire::icmp_type::redirect: s.ip4("redir_gw", v.gateway()); break;
        case wire::icmp_type::dest_unreachable:
            if (v.code() == 4) s.u("mtu", v.next_hop_mtu());
            break;
        case wire::icmp_type::parameter_problem: s.u("pointer", v.pointer()); break;
        default: break;
    }
    s.u("length", v.bytes().size());
}
template <bool Json>
inline void put_fields(field_sink<Json>& s, const icmpv6_view& v) noexcept {
    s.u("type", v.type());
    s.u("code", v.code());
    s.hex("checksum", v.checksum(), 4);
    switch (v.type()) {
        case wire::icmpv6_type::echo_request:
        case wire::icmpv6_type::echo_reply:
            s.u("echo_identifier", v.id());
            s.u("echo_sequence_number", v.seq());
            break;
        case wire::icmpv6_type::packet_too_big: s.u("mtu", v.rest_of_header()); break;
        case wire::icmpv6_type::parameter_problem: s.u("pointer", v.rest_of_header()); break;
        case wire::icmpv6_type::router_advertisement:
            s.u("nd_ra_cur_hop_limit", v.cur_hop_limit());
            s.flag("nd_ra_flag_m", v.managed());
            s.flag("nd_ra_flag_o", v.other_config());
            s.u("nd_ra_router_lifetime", v.router_lifetime());
            s.u("nd_ra_reachable_time", v.reachable_time());
            s.u("nd_ra_retrans_timer", v.retrans_timer());
            break;
        case wire::icmpv6_type::neighbor_solicitation: s.ip6("nd_ns_target_address", v.target()); break;
        case wire::icmpv6_type::neighbor_advertisement:
            s.flag("nd_na_flag_r", v.router_flag());
            s.flag("nd_na_flag_s", v.solicited_flag());
            s.flag("nd_na_flag_o", v.override_flag());
            s.ip6("nd_na_target_address", v.target());
            break;
        case wire::icmpv6_type::redirect:
            s.ip6("nd_rd_target_address", v.target());
            s.ip6("nd_rd_destination_address", v.destination());
            break;
        default: break;
    }
    wire::ndp_option_cursor oc(v.ndp_options());
    wire::ndp_option o;
    int shown = 0;
    while (oc.next(o) && shown++ < 8) {
        switch (o.type) {
            case wire::ndp_option_type::source_link_layer: s.mac("opt_src_linkaddr", o.value); break;
            case wire::ndp_option_type::target_link_layer: s.mac("opt_target_linkaddr", o.value); break;
            case wire::ndp_option_type::prefix_information:
                if (o.value.size() >= 30) {
                    s.u("opt_prefix_length", o.value[0]);
                    s.flag("opt_prefix_flag_l", (o.value[1] & 0x80) != 0);
                    s.flag("opt_prefix_flag_a", (o.value[1] & 0x40) != 0);
                    s.u("opt_prefix_valid_lifetime", load_be32(o.value.data() + 2));
                    s.u("opt_prefix_preferred_lifetime", load_be32(o.value.data() + 6));
                    s.ip6("opt_prefix", o.value.subspan(14).first<16>());
                }
                break;
            case wire::ndp_option_type::mtu:
                if (o.value.size() >= 6) s.u("opt_mtu", load_be32(o.value.data() + 2));
                break;
            default: s.u("opt_type", o.type); break;
        }
    }
    s.u("length", v.bytes().size());
}

}  // namespace sockit::dissect
