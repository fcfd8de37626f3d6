// SPDX-License-Identifier: MIT
// dns_summary: a DNS message in one line, in the spirit of tcpdump -nn (RFC 1035 §4.1 header and records).
#include "sockit/dissect/dns_summary.hpp"

#include <string>
#include <string_view>

#include "sockit/core/byte_order.hpp"
#include "sockit/dissect/put_text.hpp"
#include "sockit/dns/presentation.hpp"
#include "sockit/dns/rcode.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dissect {
namespace {

// Items (questions, answers) are written while the line is shorter than this; one item is at most a
// name's text (dns_name::max_text_size) plus a type, or a capped RDATA text.
constexpr std::size_t soft_limit = 400;
constexpr std::size_t max_rdata_text = 200;
static_assert(soft_limit + dns::dns_name::max_text_size + 100 < dns_summary_max);

char* put_type(char* p, dns::rr_type t) {
    if (auto name = dns::mnemonic(t)) return put_s(p, *name);
    p = put_s(p, "TYPE");
    return put_u(p, static_cast<std::uint16_t>(t));
}

// tcpdump's names for the header RCODEs; the rest (EDNS's extended codes) as dig names them.
char* put_rcode(char* p, dns::rcode rc) {
    static constexpr std::string_view names[] = {"NoError", "FormErr", "ServFail", "NXDomain",
                                                 "NotImp",  "Refused", "YXDomain", "YXRRSet",
                                                 "NXRRSet", "NotAuth", "NotZone"};
    auto n = static_cast<std::size_t>(rc);
    return n < std::size(names) ? put_s(p, names[n]) : put_s(p, dns::to_string(rc));
}

// The top bit of a class in mDNS (RFC 6762): unicast-response in a question, cache-flush in a record.
constexpr std::uint16_t mdns_class_bit = 0x8000;
constexpr std::uint16_t mdns_class_mask = 0x7fff;

// " CLASS" when the class is not IN, by tcpdump's names.
char* put_class(char* p, std::uint16_t klass) {
    if (klass == static_cast<std::uint16_t>(dns::rr_class::in)) return p;
    switch (static_cast<dns::rr_class>(klass)) {
        case dns::rr_class::ch: return put_s(p, " CHAOS");
        case dns::rr_class::hs: return put_s(p, " HS");
        case dns::rr_class::any: return put_s(p, " ANY");
        default:
            p = put_s(p, " (Class ");
            p = put_u(p, klass);
            *p++ = ')';
            return p;
    }
}

// tcpdump's name of an opcode other than QUERY (" inv_q", " notify", ... " op15"), after the ID.
char* put_opcode(char* p, dns::opcode op) {
    const auto n = static_cast<unsigned>(op);
    switch (n) {
        case 0: return p;
        case 1: return put_s(p, " inv_q");
        case 2: return put_s(p, " stat");
        case 4: return put_s(p, " notify");
        case 5: return put_s(p, " update");
        default: return put_u(put_s(p, " op"), n);
    }
}

// " [N" + what + "]", tcpdump's note of a section count.
char* put_count(char* p, std::uint16_t n, std::string_view what) {
    p = put_s(p, " [");
    p = put_u(p, n);
    p = put_s(p, what);
    *p++ = ']';
    return p;
}

// A name inside the message (compressed or not) at offset.
char* put_name_at(char* p, bytes_view message, std::size_t offset) {
    auto name = dns::dns_name::decode(message, offset);  // cannot fail on a parsed message
    return name ? name->write_text(p) : put_s(p, "?");
}

char* put_rdata(char* p, const dns::record_view& r) {
    bytes_view rd = r.rdata_bytes();
    switch (r.type) {
        case dns::rr_type::a:
            if (rd.size() == 4) return put_ip4(p, rd.first<4>());
            break;
        case dns::rr_type::aaaa:
            if (rd.size() == 16) return put_ip6(p, rd.first<16>());
            break;
        case dns::rr_type::cname:
        case dns::rr_type::ns:
        case dns::rr_type::ptr: return put_name_at(p, r.message, r.rdata_offset);
        default: break;
    }
    auto typed = r.rdata();  // cannot fail on a parsed message
    if (!typed) return put_s(p, "?");
    std::string text = dns::rdata_to_string(*typed);
    if (text.size() > max_rdata_text) {
        text.resize(max_rdata_text);
        text += "...";
    }
    return put_s(p, text);
}

}  // namespace

char* put_dns_summary(char* p, const dns::message_view& m, dns_flavor flavor) {
    const bool mdns = flavor == dns_flavor::mdns;
    char* const start = p;
    const dns::dns_header& h = m.header();
    p = put_u(p, h.id);
    p = put_opcode(p, h.opcode);
    if (!h.qr) {
        if (h.rd) *p++ = '+';
        if (h.cd) *p++ = '%';
    } else {
        if (dns::rcode rc = m.full_rcode(); rc != dns::rcode::noerror) {
            *p++ = ' ';
            p = put_rcode(p, rc);
        }
        if (h.aa) *p++ = '*';
        if (!h.ra) *p++ = '-';
        if (h.tc) *p++ = '|';
    }
    bool cut = false;
    // Whether another item fits under the soft limit; the first refusal writes " ...".
    auto room = [&] {
        if (!cut && static_cast<std::size_t>(p - start) >= soft_limit) {
            p = put_s(p, " ...");
            cut = true;
        }
        return !cut;
    };
    if (!h.qr) {
        // Bits of the second header word a query should not set: AA, TC, RA, Z, RCODE.
        const std::uint16_t word = load_be16(m.wire().data() + 2);
        if ((word & 0x6cf) != 0) {
            p = put_s(p, " [b2&3=0x");
            p = put_hex_short(p, word);
            *p++ = ']';
        }
        if (h.opcode == dns::opcode::iquery) {  // an inverse query carries one answer, no question
            if (h.qdcount != 0) p = put_count(p, h.qdcount, "q");
            if (h.ancount != 1) p = put_count(p, h.ancount, "a");
        } else {
            if (h.ancount != 0) p = put_count(p, h.ancount, "a");
            if (h.qdcount != 1) p = put_count(p, h.qdcount, "q");
        }
        if (h.nscount != 0) p = put_count(p, h.nscount, "n");
        if (h.arcount != 0) p = put_count(p, h.arcount, "au");
        for (const dns::record_view& q : m.questions()) {
            if (!room()) break;
            *p++ = ' ';
            p = put_type(p, q.type);
            const auto klass = static_cast<std::uint16_t>(q.klass);
            p = put_class(p, mdns ? static_cast<std::uint16_t>(klass & mdns_class_mask) : klass);
            if (mdns) p = put_s(p, (klass & mdns_class_bit) != 0 ? " (QU)" : " (QM)");
            p = put_s(p, "? ");
            p = put_name_at(p, q.message, q.name_offset);
        }
    } else {
        if (h.qdcount != 1) p = put_count(p, h.qdcount, "q");
        *p++ = ' ';
        p = put_u(p, h.ancount);
        *p++ = '/';
        p = put_u(p, h.nscount);
        *p++ = '/';
        p = put_u(p, h.arcount);
        bool first = true;
        for (const dns::record_view& a : m.answers()) {
            if (!room()) break;
            if (!first) *p++ = ',';
            first = false;
            const auto klass = static_cast<std::uint16_t>(a.klass);
            if (a.type != dns::rr_type::opt)
                p = put_class(p, mdns ? static_cast<std::uint16_t>(klass & mdns_class_mask) : klass);
            if (mdns && (klass & mdns_class_bit) != 0) p = put_s(p, " (Cache flush)");
            *p++ = ' ';
            p = put_type(p, a.type);
            *p++ = ' ';
            p = put_rdata(p, a);
        }
    }
    p = put_s(p, " (");
    p = put_u(p, m.wire().size());
    *p++ = ')';
    return p;
}

}  // namespace sockit::dissect
