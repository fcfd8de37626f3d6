// SPDX-License-Identifier: MIT
// fields_dns: the -v/JSON fields of a DNS message (RFC 1035 §4.1), named as Wireshark names them.
#pragma once

#include "field_sink.hpp"
#include "sockit/dns/message_view.hpp"

namespace sockit::dissect {

template <bool Json>
inline void put_name_field(field_sink<Json>& s, std::string_view key, const dns::record_view& r) noexcept {
    auto n = r.name();  // cannot fail on a parsed message
    if (!n) return;
    char text[dns::dns_name::max_text_size];
    s.escaped(key, std::string_view(text, static_cast<std::size_t>(n->write_text(text) - text)));
}

// Wireshark's dns.* fields; the response-only flags only in responses, as tshark shows them.
template <bool Json>
inline void put_fields(field_sink<Json>& s, const dns::message_view& v) noexcept {
    const dns::dns_header& h = v.header();
    s.hex("id", h.id, 4);
    s.hex("flags", h.flags_word(), 4);
    s.flag("flags_response", h.qr);
    s.u("flags_opcode", static_cast<std::uint8_t>(h.opcode));
    if (h.qr) s.flag("flags_authoritative", h.aa);
    s.flag("flags_truncated", h.tc);
    s.flag("flags_recdesired", h.rd);
    if (h.qr) s.flag("flags_recavail", h.ra);
    s.flag("flags_z", h.z);
    if (h.qr) s.flag("flags_authenticated", h.ad);
    s.flag("flags_checkdisable", h.cd);
    if (h.qr) s.u("flags_rcode", h.rcode_low);
    s.u("count_queries", h.qdcount);
    s.u("count_answers", h.ancount);
    s.u("count_auth_rr", h.nscount);
    s.u("count_add_rr", h.arcount);
    // The first question and the first answer: name lengths are bounded (255 wire bytes, at
    // most 4 text bytes each), so the layer budget holds them.
    if (!v.questions().empty()) {
        const dns::record_view q = *v.questions().begin();  // a copy: the iterator is a temporary
        put_name_field(s, "qry_name", q);
        s.u("qry_type", static_cast<std::uint16_t>(q.type));
        s.hex("qry_class", static_cast<std::uint16_t>(q.klass), 4);
    }
    if (!v.answers().empty()) {
        const dns::record_view a = *v.answers().begin();
        put_name_field(s, "resp_name", a);
        s.u("resp_type", static_cast<std::uint16_t>(a.type));
        s.u("resp_ttl", a.ttl);
        bytes_view rd = a.rdata_bytes();
        if (a.type == dns::rr_type::a && rd.size() == 4) s.ip4("a", rd.first<4>());
        if (a.type == dns::rr_type::aaaa && rd.size() == 16) s.ip6("aaaa", rd.first<16>());
    }
}

}  // namespace sockit::dissect
