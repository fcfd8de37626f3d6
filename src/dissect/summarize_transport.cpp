// SPDX-License-Identifier: MIT
// summarize_transport: the line's TCP (RFC 9293) and UDP (RFC 768) parts as tcpdump writes them, with
// the DNS message (RFC 1035) they carry on port 53, mDNS (RFC 6762) on 5353 and LLMNR (RFC 4795) on 5355.
#include "protocol_names.hpp"
#include "sockit/dissect/dns_summary.hpp"
#include "summarizers.hpp"
#include "tcp_options_text.hpp"

namespace sockit::dissect {
namespace {

constexpr std::uint16_t dns_port = 53;
constexpr std::uint16_t mdns_port = 5353;

// tcpdump -vv's words for a TCP checksum, after the flags.
char* put_tcp_checksum(char* p, std::uint16_t field, const frame_layer& layer) noexcept {
    if (layer.checksum != checksum_verdict::ok && layer.checksum != checksum_verdict::bad &&
        layer.checksum != checksum_verdict::unverified)
        return p;
    p = put_s(p, ", cksum 0x");
    p = put_hex(p, field, 4);
    switch (layer.checksum) {
        case checksum_verdict::ok: return put_s(p, " (correct)");
        case checksum_verdict::bad:
            p = put_s(p, " (incorrect -> 0x");
            p = put_hex(p, layer.checksum_expected, 4);
            *p++ = ')';
            return p;
        default: return put_s(p, " (unverified)");
    }
}

// tcpdump -vv's words for a UDP checksum, before the payload's summary.
char* put_udp_checksum(char* p, std::uint16_t field, const frame_layer& layer) noexcept {
    switch (layer.checksum) {
        case checksum_verdict::ok: return put_s(p, "[udp sum ok] ");
        case checksum_verdict::absent: return put_s(p, "[no cksum] ");
        case checksum_verdict::bad:
            p = put_hex(put_s(p, "[bad udp cksum 0x"), field, 4);
            p = put_hex(put_s(p, " -> 0x"), layer.checksum_expected, 4);
            return put_s(p, "!] ");
        case checksum_verdict::unverified:
            p = put_hex(put_s(p, "[udp cksum 0x"), field, 4);
            return put_s(p, " unverified] ");
        case checksum_verdict::not_checked: return p;
    }
    return p;
}

}  // namespace

char* put_tcp_summary(char* p, const tcp_view& tcp, const tcp_seq_view& seq, const frame_outline& outline,
                      const line_style& style) {
    const std::uint16_t flags = tcp.flags();
    const std::size_t length = tcp.payload().size();
    p = put_s(p, "Flags [");
    p = put_tcp_flags(p, flags);
    *p++ = ']';
    if (style.checksums) p = put_tcp_checksum(p, tcp.checksum(), *outline.transport_layer);
    if (style.checksums || length > 0 ||
        (flags & (wire::tcp_flag::syn | wire::tcp_flag::fin | wire::tcp_flag::rst)) != 0) {
        p = put_s(p, ", seq ");
        p = put_u(p, seq.seq);
        if (length > 0) {
            *p++ = ':';
            p = put_u(p, static_cast<std::uint32_t>(seq.seq + length));
        }
    }
    if (tcp.has(wire::tcp_flag::ack)) {
        p = put_s(p, ", ack ");
        p = put_u(p, seq.ack);
    }
    p = put_s(p, ", win ");
    p = put_u(p, tcp.window());
    if (tcp.has(wire::tcp_flag::urg)) {
        p = put_s(p, ", urg ");
        p = put_u(p, tcp.urgent_pointer());
    }
    bool bad_options = false;
    p = put_tcp_options(p, tcp.options(), seq.sack_base, flags, length > 0, bad_options);
    if (bad_options) return p;  // tcpdump ends the segment's text at a malformed option
    p = put_s(p, ", length ");
    p = put_u(p, length);
    if (outline.dns != nullptr) {
        *p++ = ' ';
        p = put_dns_summary(p, *outline.dns, dns_flavor::dns);
    }
    return p;
}

char* put_udp_summary(char* p, const udp_view& udp, const frame_outline& outline, const line_style& style) {
    if (style.checksums) p = put_udp_checksum(p, udp.checksum(), *outline.transport_layer);
    if (outline.dns != nullptr) {
        // Port 53 first: a query from port 5353 to a unicast server is plain DNS.
        const bool on_53 = udp.sport() == dns_port || udp.dport() == dns_port;
        const bool mdns = !on_53 && (udp.sport() == mdns_port || udp.dport() == mdns_port);
        return put_dns_summary(p, *outline.dns, mdns ? dns_flavor::mdns : dns_flavor::dns);
    }
    p = put_s(p, "UDP, length ");
    return put_u(p, udp.length() >= 8 ? udp.length() - 8u : 0u);
}

}  // namespace sockit::dissect
