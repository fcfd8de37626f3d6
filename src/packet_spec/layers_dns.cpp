// SPDX-License-Identifier: MIT
// layers_dns: the dns() layer: a query (or, with qr, a response skeleton) through the DNS codec (RFC 1035,
// EDNS RFC 6891), length-prefixed over tcp (RFC 1035 §4.2.2).

#include "layer_builders.hpp"
#include "sockit/dns/message_builder.hpp"
#include "sockit/dns/tcp_framing.hpp"

namespace sockit::packet_spec {

namespace {

/// The dns() layer: a query (or, with qr, a response skeleton) through the DNS codec.
struct dns_layer {
    dns::dns_name qname;
    dns::rr_type qtype = dns::rr_type::a;
    dns::rr_class qclass = dns::rr_class::in;
    dns::query_options options;
    bool qr = false, aa = false, tc = false, ra = false;
    dns::rcode rcode = dns::rcode::noerror;
};

result<byte_buffer, spec_error> encode_dns(const layer_spec& l, bool over_tcp) {
    static const field_table<dns_layer> fields{
        {{"qname",
          [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              auto n = dns::dns_name::parse(*t);
              if (!n)
                  return fail(r.bad(fmt::format("dns.qname is not a domain name: {}", n.error().message())));
              b.qname = *n;
              return {};
          }},
         {"qtype", SOCKIT_SET(parsed(dns::parse_rr_type,
                                     "dns.qtype wants a type mnemonic (A, AAAA, MX, ...) or TYPEnnn"),
                              b.qtype)},
         {"qclass",
          SOCKIT_SET(parsed(dns::parse_rr_class, "dns.qclass wants IN, CH, HS, ANY or CLASSnnn"), b.qclass)},
         {"opcode",
          SOCKIT_SET(parsed(dns::parse_opcode, "dns.opcode wants QUERY, NOTIFY, UPDATE, ... or 0..15"),
                     b.options.opcode)},
         {"rcode",
          SOCKIT_SET(parsed(dns::parse_rcode, "dns.rcode wants NOERROR, NXDOMAIN, ... or 0..4095"), b.rcode)},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.options.id)},
         {"rd", SOCKIT_SET(flag(), b.options.recursion_desired)},
         {"ad", SOCKIT_SET(flag(), b.options.authentic_data)},
         {"cd", SOCKIT_SET(flag(), b.options.checking_disabled)},
         {"do", SOCKIT_SET(flag(), b.options.dnssec_ok)},
         {"qr", SOCKIT_SET(flag(), b.qr)},
         {"aa", SOCKIT_SET(flag(), b.aa)},
         {"tc", SOCKIT_SET(flag(), b.tc)},
         {"ra", SOCKIT_SET(flag(), b.ra)},
         {"edns",
          [](auto& b, const value_reader& r) -> field_result {
              if (r.a.value && (lower(*r.a.value) == "off" || *r.a.value == "0")) {
                  b.options.edns_payload.reset();
                  return {};
              }
              return set(b.options.edns_payload, r.uint<std::uint16_t>());
          }}},
        {{"noedns", [](auto& b) { b.options.edns_payload.reset(); }}}};
    auto d = apply_fields(l, fields, dns_layer{});
    if (!d) return fail(d.error());
    dns::message m = dns::make_query(d->qname, d->qtype, d->options, d->qclass);
    m.header.qr = d->qr;
    m.header.aa = d->aa;
    m.header.tc = d->tc;
    m.header.ra = d->ra;
    if (static_cast<unsigned>(d->rcode) > 15 && !m.opt)
        return fail(make_error(l.offset, l.name, "an rcode over 15 needs EDNS (drop noedns/edns=off)"));
    m.set_rcode(d->rcode);
    byte_buffer out;
    auto wire = m.encode();
    if (!wire)
        return fail(make_error(l.offset, l.name, "cannot encode the DNS message: " + wire.error().message()));
    if (over_tcp) {
        (void)dns::append_tcp_frame(out, *wire);  // a query is far below 65535 bytes
    } else {
        out = std::move(*wire);
    }
    return out;
}

}  // namespace

layer_result build_dns(const layer_context& c) {
    auto bytes = encode_dns(c.layer, c.previous_is("tcp"));
    if (!bytes) return fail(bytes.error());
    return wire::layer_builder{wire::raw_builder{std::move(*bytes)}};
}

}  // namespace sockit::packet_spec
