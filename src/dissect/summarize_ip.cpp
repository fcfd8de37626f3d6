// SPDX-License-Identifier: MIT
// summarize_ip: the line's network part: IPv4 (RFC 791) or IPv6 (RFC 8200) endpoints with the transport's
// ports, then the transport's summarizer, or the fragment or unknown protocol when none was decoded.
#include "sockit/dissect/put_text.hpp"
#include "summarizers.hpp"

namespace sockit::dissect {
namespace {

// An address, then ".PORT" when the transport has ports (port < 0: it has none).
template <class PutAddress>
char* put_endpoint(char* p, PutAddress put_address, int port) noexcept {
    p = put_address(p);
    if (port >= 0) {
        *p++ = '.';
        p = put_u(p, static_cast<std::uint64_t>(port));
    }
    return p;
}

// No transport header was decoded: a later fragment, or a protocol the decoder does not know.
char* put_ip_payload(char* p, const frame_outline& o) noexcept {
    const wire::ipv4_view* ip4 = o.ip4;
    const ipv6_ext_view* frag6 = o.frag6;
    const bool later_fragment = (ip4 != nullptr && ip4->fragment_offset() != 0) ||
                                (frag6 != nullptr && frag6->fragment_offset() != 0);
    const std::size_t len = ip4 != nullptr ? ip4->payload().size() : o.ip6->payload().size();
    if (later_fragment) {
        p = put_s(p, "frag id ");
        p = put_u(p, ip4 != nullptr ? ip4->id() : frag6->identification());
        p = put_s(p, ", offset ");
        p = put_u(p, ip4 != nullptr ? std::uint32_t{ip4->fragment_offset()} * 8u
                                    : std::uint32_t{frag6->fragment_offset()} * 8u);
        if (ip4 != nullptr ? ip4->more_fragments() : frag6->more_fragments()) p = put_s(p, "+");
    } else {
        p = put_s(p, "ip-proto-");
        p = put_u(p, ip4 != nullptr ? ip4->protocol() : o.ip6->next_header());
    }
    p = put_s(p, ", length ");
    return put_u(p, len);
}

// The numbers a TCP segment shows: relative to its connection's (style.seqs), or as sent.
tcp_seq_view seq_numbers(const tcp_view& t, const frame_outline& o, const line_style& style) {
    if (style.seqs == nullptr) return {t.seq(), t.ack(), 0};
    if (o.ip4 != nullptr) return style.seqs->relate(t, o.ip4->src().data(), o.ip4->dst().data(), 4);
    return style.seqs->relate(t, o.ip6->src().data(), o.ip6->dst().data(), 16);
}

// The transport's summarizer, picked by the transport layer's protocol.
struct transport_summarizer {
    char* p;
    const frame_outline& o;
    const line_style& style;
    char* operator()(const tcp_view& t) const {
        return put_tcp_summary(p, t, seq_numbers(t, o, style), o, style);
    }
    char* operator()(const udp_view& u) const { return put_udp_summary(p, u, o, style); }
    char* operator()(const icmp_view& m) const { return put_icmp_summary(p, m, *o.transport_layer, style); }
    char* operator()(const icmpv6_view& m) const {
        return put_icmpv6_summary(p, m, *o.transport_layer, style);
    }
    template <class Other>
    char* operator()(const Other&) const {
        return put_ip_payload(p, o);
    }
};

}  // namespace

char* put_ip_summary(char* p, const frame_outline& o, const line_style& style) {
    int sport = -1;
    int dport = -1;
    if (o.transport != nullptr) {
        if (const auto* t = std::get_if<tcp_view>(o.transport)) {
            sport = t->sport();
            dport = t->dport();
        } else if (const auto* u = std::get_if<udp_view>(o.transport)) {
            sport = u->sport();
            dport = u->dport();
        }
    }
    // "IP src.port > dst.port" (IP6 for IPv6), whichever family: put_ip prints one address.
    auto put_ends = [&](const char* family, const auto& ip, auto put_ip) {
        p = put_s(p, family);
        p = put_endpoint(
            p, [&](char* q) { return put_ip(q, ip.src()); }, sport);
        p = put_s(p, " > ");
        p = put_endpoint(
            p, [&](char* q) { return put_ip(q, ip.dst()); }, dport);
    };
    if (o.ip4 != nullptr) {
        if (style.checksums && o.ip_layer->checksum == checksum_verdict::bad) {
            // Where tcpdump -vv ends its IPv4 header line: ", bad cksum 1234 (->8e8e)!)".
            p = put_s(p, "IP (bad cksum ");
            p = put_hex_short(p, o.ip4->checksum());
            p = put_s(p, " (->");
            p = put_hex_short(p, o.ip_layer->checksum_expected);
            p = put_s(p, ")!) ");
            put_ends("", *o.ip4, [](char* q, const auto& a) { return put_ip4(q, a); });
        } else {
            put_ends("IP ", *o.ip4, [](char* q, const auto& a) { return put_ip4(q, a); });
        }
    } else {
        put_ends("IP6 ", *o.ip6, [](char* q, const auto& a) { return put_ip6(q, a); });
    }
    p = put_s(p, ": ");
    if (o.transport == nullptr) return put_ip_payload(p, o);
    return std::visit(transport_summarizer{p, o, style}, *o.transport);
}

}  // namespace sockit::dissect
