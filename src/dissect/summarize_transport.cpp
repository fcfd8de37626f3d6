// SPDX-License-Identifier: MIT
// summarize_transport: the line's TCP (RFC 9293) and UDP (RFC 768) parts, with the DNS message (RFC 1035)
// they carry on port 53.
#include "protocol_names.hpp"
#include "sockit/dissect/dns_summary.hpp"
#include "summarizers.hpp"

namespace sockit::dissect {

char* put_tcp_summary(char* p, const tcp_view& tcp, const dns::message_view* dns) {
    p = put_s(p, "Flags [");
    p = put_tcp_flags(p, tcp.flags());
    p = put_s(p, "], seq ");
    p = put_u(p, tcp.seq());
    if (tcp.has(wire::tcp_flag::ack)) {
        p = put_s(p, ", ack ");
        p = put_u(p, tcp.ack());
    }
    p = put_s(p, ", win ");
    p = put_u(p, tcp.window());
    p = put_s(p, ", length ");
    p = put_u(p, tcp.payload().size());
    if (dns != nullptr) {
        *p++ = ' ';
        p = put_dns_summary(p, *dns);
    }
    return p;
}

char* put_udp_summary(char* p, const udp_view& udp, const dns::message_view* dns) {
    if (dns != nullptr) return put_dns_summary(p, *dns);
    p = put_s(p, "UDP, length ");
    return put_u(p, udp.length() >= 8 ? udp.length() - 8u : 0u);
}

}  // namespace sockit::dissect
