// SPDX-License-Identifier: MIT
// presentation: records and messages as dig 9.18 prints them (RFC 1035 §5.1, RFC 3597 §5, RFC 6891).
#include "sockit/dns/presentation.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "sockit/ip/ip_address.hpp"

namespace sockit::dns {
namespace {

constexpr unsigned tab_width = 8;
// dig's columns: owner name, then TTL at 24, class at 32, type at 40, RDATA at 48.
constexpr unsigned ttl_column = 24;
constexpr unsigned class_column = 32;
constexpr unsigned type_column = 40;
constexpr unsigned rdata_column = 48;
// dig +split default: hex is broken into words of 56 digits.
constexpr std::size_t hex_chunk = 56;

/// Moves from column *col to column to (at least one character further) with tabs, then spaces, as BIND's
/// master file dumper does.
void indent(std::string& out, unsigned& col, unsigned to) {
    if (to < col + 1) to = col + 1;
    const unsigned tabs = to / tab_width - col / tab_width;
    unsigned from = col;
    if (tabs > 0) {
        out.append(tabs, '\t');
        from = to / tab_width * tab_width;
    }
    out.append(to - from, ' ');
    col = to;
}

// Moves out to column `to` as indent() does, then appends text; col follows.
void put_column(std::string& out, unsigned& col, unsigned to, std::string_view text) {
    indent(out, col, to);
    out += text;
    col += static_cast<unsigned>(text.size());
}

void append_hex_words(std::string& out, bytes_view b) {
    static constexpr char digits[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i > 0 && (i * 2) % hex_chunk == 0) out.push_back(' ');
        out.push_back(digits[b[i] >> 4]);
        out.push_back(digits[b[i] & 0x0F]);
    }
}

void append_quoted(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x7F) {
            out += fmt::format("\\{:03}", static_cast<unsigned>(c));
        } else {
            if (c == '"' || c == '\\') out.push_back('\\');
            out.push_back(ch);
        }
    }
    out.push_back('"');
}

void append_v6(std::string& out, const std::array<std::uint8_t, 16>& a) {
    // IPv4-compatible addresses (::a.b.c.d, 96 zero bits then not ::/::1-like) keep the dotted quad, as dig
    // and dnspython print them; everything else is RFC 5952 text.
    bool compat = (a[12] | a[13]) != 0;
    for (std::size_t i = 0; i < 12 && compat; ++i) compat = a[i] == 0;
    if (compat) {
        out += fmt::format("::{}.{}.{}.{}", a[12], a[13], a[14], a[15]);
        return;
    }
    char buf[ip_address::max_string_length];
    // A non-null empty zone: ip_address::with_zone() memcpy()s from the zone's data even when it is empty.
    const ip_address addr =
        ip_address::from_v6_bytes(std::span<const std::uint8_t, 16>(a), std::string_view("", 0));
    out.append(buf, addr.format_to(buf));
}

void append_rdata(std::string& out, const rdata& rd) {
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, rdata_a>) {
                out += fmt::format("{}.{}.{}.{}", v.address[0], v.address[1], v.address[2], v.address[3]);
            } else if constexpr (std::is_same_v<T, rdata_aaaa>) {
                append_v6(out, v.address);
            } else if constexpr (std::is_same_v<T, rdata_cname> || std::is_same_v<T, rdata_ptr>) {
                v.target.append_to(out);
            } else if constexpr (std::is_same_v<T, rdata_ns>) {
                v.host.append_to(out);
            } else if constexpr (std::is_same_v<T, rdata_mx>) {
                out += fmt::format("{} ", v.preference);
                v.exchange.append_to(out);
            } else if constexpr (std::is_same_v<T, rdata_txt>) {
                for (std::size_t i = 0; i < v.strings.size(); ++i) {
                    if (i > 0) out.push_back(' ');
                    append_quoted(out, v.strings[i]);
                }
            } else if constexpr (std::is_same_v<T, rdata_soa>) {
                v.mname.append_to(out);
                out.push_back(' ');
                v.rname.append_to(out);
                out += fmt::format(" {} {} {} {} {}", v.serial, v.refresh, v.retry, v.expire, v.minimum);
            } else if constexpr (std::is_same_v<T, rdata_srv>) {
                out += fmt::format("{} {} {} ", v.priority, v.weight, v.port);
                v.target.append_to(out);
            } else if constexpr (std::is_same_v<T, rdata_caa>) {
                out += fmt::format("{} {} ", v.flags, v.tag);
                append_quoted(out, v.value);
            } else if constexpr (std::is_same_v<T, rdata_opt>) {
                byte_buffer raw;
                byte_writer w(raw);
                for (const edns_option& o : v.options) {
                    w.be16(o.code);
                    w.be16(static_cast<std::uint16_t>(o.data.size()));
                    w.bytes(o.data);
                }
                out += fmt::format("\\# {}", raw.size());
                if (!raw.empty()) out.push_back(' ');
                append_hex_words(out, raw);
            } else {
                out += fmt::format("\\# {}", v.data.size());
                if (!v.data.empty()) out.push_back(' ');
                append_hex_words(out, v.data);
            }
        },
        rd);
}

/// Space-separated lowercase hex bytes, then the printable text in parentheses, as dig shows options.
void append_option_bytes(std::string& out, bytes_view data) {
    for (std::size_t i = 0; i < data.size(); ++i) {
        if (i > 0) out.push_back(' ');
        out += fmt::format("{:02x}", data[i]);
    }
    out += " (\"";
    for (std::uint8_t c : data) out.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '.');
    out += "\")";
}

void append_edns(std::string& out, const dns::edns& e) {
    out += ";; OPT PSEUDOSECTION:\n";
    out += fmt::format("; EDNS: version: {}, flags:{}", e.version, e.dnssec_ok ? " do" : "");
    if (e.z != 0)
        out += fmt::format("; MBZ: 0x{:04x},", e.z);
    else
        out += ";";
    out += fmt::format(" udp: {}\n", e.udp_payload);
    for (const edns_option& o : e.options) {
        const auto code = static_cast<edns_option_code>(o.code);
        if (code == edns_option_code::cookie) {
            out += "; COOKIE: ";
            for (std::uint8_t c : o.data) out += fmt::format("{:02x}", c);
            out += '\n';
        } else if (code == edns_option_code::padding) {
            out += fmt::format("; PAD: ({} bytes)\n", o.data.size());
        } else {
            out += code == edns_option_code::nsid ? std::string("; NSID") : fmt::format("; OPT={}", o.code);
            out += ':';
            if (!o.data.empty()) {
                out += ' ';
                append_option_bytes(out, o.data);
            }
            out += '\n';
        }
    }
}

}  // namespace

std::string rdata_to_string(const rdata& rd) {
    std::string s;
    append_rdata(s, rd);
    return s;
}

std::string quote_string(std::string_view s) {
    std::string out;
    append_quoted(out, s);
    return out;
}

std::string to_string(const resource_record& rr, text_style style) {
    std::string out;
    rr.name.append_to(out);
    const std::string ttl = std::to_string(rr.ttl);
    const std::string klass = dns::to_string(rr.klass);
    const std::string type = dns::to_string(rr.type);
    if (style == text_style::plain) {
        out += fmt::format(" {} {} {} ", ttl, klass, type);
        append_rdata(out, rr.data);
        return out;
    }
    auto col = static_cast<unsigned>(out.size());
    put_column(out, col, ttl_column, ttl);
    put_column(out, col, class_column, klass);
    put_column(out, col, type_column, type);
    indent(out, col, rdata_column);
    append_rdata(out, rr.data);
    return out;
}

std::string to_string(const question& q, text_style style) {
    std::string name = q.name.to_string();
    const std::string klass = dns::to_string(q.klass);
    const std::string type = dns::to_string(q.type);
    if (style == text_style::plain) return fmt::format("{} {} {}", name, klass, type);
    // dig prefixes ';' without counting it in the column arithmetic.
    std::string out = ";" + name;
    auto col = static_cast<unsigned>(name.size());
    put_column(out, col, class_column, klass);
    put_column(out, col, type_column, type);
    return out;
}

std::string to_string(const message& m) {
    std::string out;
    const dns_header& h = m.header;
    out += fmt::format(";; ->>HEADER<<- opcode: {}, status: {}, id: {}\n", dns::to_string(h.opcode),
                       dns::to_string(m.full_rcode()), h.id);
    out += ";; flags:";
    for (std::string_view name : h.flag_names()) {
        out += ' ';
        out += name;
    }
    if (h.z) out += "; MBZ: 0x4";
    out += fmt::format("; QUERY: {}, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: {}\n\n", m.questions.size(),
                       m.answers.size(), m.authority.size(), m.additional.size() + (m.opt ? 1U : 0U));
    if (m.opt) append_edns(out, *m.opt);
    if (!m.questions.empty()) {
        out += ";; QUESTION SECTION:\n";
        for (const question& q : m.questions) out += to_string(q) + '\n';
        out += '\n';
    }
    const std::pair<section, const char*> sections[] = {
        {section::answer, "ANSWER"}, {section::authority, "AUTHORITY"}, {section::additional, "ADDITIONAL"}};
    for (const auto& [s, title] : sections) {
        const auto& records = m.records(s);
        if (records.empty()) continue;
        out += fmt::format(";; {} SECTION:\n", title);
        for (const resource_record& rr : records) out += to_string(rr) + '\n';
        out += '\n';
    }
    return out;
}

}  // namespace sockit::dns
