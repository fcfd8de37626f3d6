// SPDX-License-Identifier: MIT
// message_builder: queries with EDNS0 and response skeletons (RFC 1035 §4.1, RFC 6891 §6.1, §7).
#include "sockit/dns/message_builder.hpp"

namespace sockit::dns {

message make_query(const dns_name& name, rr_type type, const query_options& options, rr_class klass) {
    message m;
    m.header.id = options.id;
    m.header.opcode = options.opcode;
    m.header.rd = options.recursion_desired;
    m.header.ad = options.authentic_data;
    m.header.cd = options.checking_disabled;
    m.questions.push_back({name, type, klass});
    if (options.edns_payload) {
        dns::edns e;
        e.udp_payload = *options.edns_payload;
        e.dnssec_ok = options.dnssec_ok;
        e.options = options.edns_options;
        m.opt = std::move(e);
    }
    return m;
}

result<byte_buffer> build_query(const dns_name& name, rr_type type, const query_options& options,
                                rr_class klass) {
    return make_query(name, type, options, klass).encode();
}

message make_response(const message& query, dns::rcode r, std::uint16_t response_payload) {
    message m;
    m.header.id = query.header.id;
    m.header.qr = true;
    m.header.opcode = query.header.opcode;
    m.header.rd = query.header.rd;
    m.header.cd = query.header.cd;
    m.questions = query.questions;
    if (query.opt) {
        dns::edns e;
        e.udp_payload = response_payload;
        e.dnssec_ok = query.opt->dnssec_ok;
        m.opt = std::move(e);
    }
    m.set_rcode(r);
    return m;
}

}  // namespace sockit::dns
