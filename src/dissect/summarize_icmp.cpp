// SPDX-License-Identifier: MIT
// summarize_icmp: the line's ICMP (RFC 792) and ICMPv6 (RFC 4443; NDP, RFC 4861) parts, named as tcpdump
// names the message types.
#include "protocol_names.hpp"
#include "summarizers.hpp"

namespace sockit::dissect {
namespace {

// The type's name, or "type N" when it has none.
char* put_type(char* p, std::string_view name, std::uint8_t type) noexcept {
    if (!name.empty()) return put_s(p, name);
    p = put_s(p, "type ");
    return put_u(p, type);
}

char* put_echo(char* p, std::uint16_t id, std::uint16_t seq) noexcept {
    p = put_s(p, ", id ");
    p = put_u(p, id);
    p = put_s(p, ", seq ");
    return put_u(p, seq);
}

char* put_length(char* p, std::size_t n) noexcept {
    p = put_s(p, ", length ");
    return put_u(p, n);
}

}  // namespace

char* put_icmp_summary(char* p, const icmp_view& m, const frame_layer& layer,
                       const line_style& style) noexcept {
    p = put_s(p, "ICMP ");
    p = put_type(p, icmp_type_name(m.type()), m.type());
    if (m.type() == wire::icmp_type::echo_request || m.type() == wire::icmp_type::echo_reply) {
        p = put_echo(p, m.id(), m.seq());
    } else if (m.code() != 0) {
        p = put_s(p, " code ");
        p = put_u(p, m.code());
    }
    p = put_length(p, m.bytes().size());
    if (style.checksums && layer.checksum == checksum_verdict::bad) {
        p = put_hex_short(put_s(p, " (wrong icmp cksum "), m.checksum());
        p = put_hex_short(put_s(p, " (->"), layer.checksum_expected);
        p = put_s(p, ")!)");
    }
    return p;
}

char* put_icmpv6_summary(char* p, const icmpv6_view& m, const frame_layer& layer,
                         const line_style& style) noexcept {
    if (style.checksums && layer.checksum == checksum_verdict::ok) p = put_s(p, "[icmp6 sum ok] ");
    if (style.checksums && layer.checksum == checksum_verdict::bad) {
        p = put_hex(put_s(p, "[bad icmp6 cksum 0x"), m.checksum(), 4);
        p = put_hex(put_s(p, " -> 0x"), layer.checksum_expected, 4);
        p = put_s(p, "!] ");
    }
    p = put_s(p, "ICMP6, ");
    p = put_type(p, icmpv6_type_name(m.type()), m.type());
    if (m.type() == wire::icmpv6_type::echo_request || m.type() == wire::icmpv6_type::echo_reply) {
        p = put_echo(p, m.id(), m.seq());
    } else if (m.type() == wire::icmpv6_type::neighbor_solicitation && m.has_fields()) {
        p = put_s(p, ", who has ");
        p = put_ip6(p, m.target());
    } else if (m.type() == wire::icmpv6_type::neighbor_advertisement && m.has_fields()) {
        p = put_s(p, ", tgt is ");
        p = put_ip6(p, m.target());
    } else if (m.type() == wire::icmpv6_type::redirect && m.has_fields()) {
        p = put_s(p, ", ");
        p = put_ip6(p, m.destination());
        p = put_s(p, " to ");
        p = put_ip6(p, m.target());
    }
    return put_length(p, m.bytes().size());
}

}  // namespace sockit::dissect
