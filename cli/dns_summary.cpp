// SPDX-License-Identifier: MIT
// dns_summary: a DNS message in one line, in the spirit of tcpdump -nn (RFC 1035 §4.1 header and records).
#include "dns_summary.hpp"

#include <fmt/format.h>

#include "sockit/dns/presentation.hpp"
#include "sockit/dns/rcode.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::cli {
namespace {

// tcpdump's names for the header RCODEs; the rest (and EDNS's extended codes) as dig names them.
std::string rcode_name(dns::rcode rc) {
    static constexpr const char* names[] = {"NoError", "FormErr", "ServFail", "NXDomain", "NotImp", "Refused",
                                            "YXDomain", "YXRRSet", "NXRRSet", "NotAuth", "NotZone"};
    auto n = static_cast<std::size_t>(rc);
    return n < std::size(names) ? names[n] : dns::to_string(rc);
}

}  // namespace

std::string dns_summary(const dns::message_view& m, std::size_t max_size) {
    const dns::dns_header& h = m.header();
    std::string out = fmt::format("{}", h.id);
    if (!h.qr) {
        if (h.rd) out += '+';
        if (h.cd) out += '%';
    } else {
        if (h.aa) out += '*';
        if (!h.ra) out += '-';
        if (h.tc) out += '|';
    }
    if (h.opcode != dns::opcode::query) out += ' ' + dns::to_string(h.opcode);
    // Questions and answers can be many and long (names up to 1,020 escaped characters, TXT up to 64 KiB):
    // the list ends with " ..." at max_size.
    bool cut = false;
    auto append = [&](std::string_view item) {
        if (cut) return;
        if (out.size() + item.size() > max_size) {
            out += " ...";
            cut = true;
            return;
        }
        out += item;
    };
    if (!h.qr) {
        if (h.arcount != 0) out += fmt::format(" [{}au]", h.arcount);
        for (const dns::record_view& q : m.questions()) {
            auto name = q.name();  // cannot fail on a parsed message
            append(fmt::format(" {}? {}", dns::to_string(q.type), name ? name->to_string() : "?"));
        }
    } else {
        if (dns::rcode rc = m.full_rcode(); rc != dns::rcode::noerror) out += ' ' + rcode_name(rc);
        out += fmt::format(" {}/{}/{}", h.ancount, h.nscount, h.arcount);
        const char* separator = " ";
        for (const dns::record_view& a : m.answers()) {
            auto rd = a.rdata();  // cannot fail on a parsed message
            append(fmt::format("{}{} {}", separator, dns::to_string(a.type), rd ? dns::rdata_to_string(*rd) : "?"));
            separator = ", ";
        }
    }
    out += fmt::format(" ({})", m.wire().size());
    return out;
}

}  // namespace sockit::cli
