// SPDX-License-Identifier: MIT
// packet_output: formatting of decoded frames (line, field tree, JSON Lines, hex, statistics) with a
// hand-rolled output buffer, so that printing keeps up with the decoder.
#include "packet_output.hpp"

#include <fmt/format.h>

#include <cstring>
#include <ctime>
#include <string>

#include "dns_summary.hpp"
#include "put_text.hpp"
#include "sockit/wire/option_cursor.hpp"
#include "sockit/wire/protocol_numbers.hpp"

namespace sockit::cli {

using namespace sockit::wire;

namespace {

std::string_view issue_name(codec_errc e) noexcept {
    switch (e) {
        case codec_errc::need_more: return "need_more";
        case codec_errc::truncated: return "truncated";
        case codec_errc::bad_length: return "bad_length";
        case codec_errc::bad_checksum: return "bad_checksum";
        case codec_errc::bad_version: return "bad_version";
        case codec_errc::bad_value: return "bad_value";
        case codec_errc::too_large: return "too_large";
        case codec_errc::loop: return "loop";
        case codec_errc::no_space: return "no_space";
    }
    return "none";
}

// tcpdump's flag letters: S F P R U W E, '.' for ACK; N for NS.
char* put_tcp_flags(char* p, std::uint16_t f) noexcept {
    if (f & tcp_flag::syn) *p++ = 'S';
    if (f & tcp_flag::fin) *p++ = 'F';
    if (f & tcp_flag::psh) *p++ = 'P';
    if (f & tcp_flag::rst) *p++ = 'R';
    if (f & tcp_flag::urg) *p++ = 'U';
    if (f & tcp_flag::cwr) *p++ = 'W';
    if (f & tcp_flag::ece) *p++ = 'E';
    if (f & tcp_flag::ns) *p++ = 'N';
    if (f & tcp_flag::ack) *p++ = '.';
    if (f == 0) p = put_s(p, "none");
    return p;
}

std::string_view icmp_type_name(std::uint8_t t) noexcept {
    switch (t) {
        case 0: return "echo reply";
        case 3: return "unreachable";
        case 4: return "source quench";
        case 5: return "redirect";
        case 8: return "echo request";
        case 9: return "router advertisement";
        case 10: return "router solicitation";
        case 11: return "time exceeded";
        case 12: return "parameter problem";
        case 13: return "time stamp request";
        case 14: return "time stamp reply";
        default: return {};
    }
}

std::string_view icmpv6_type_name(std::uint8_t t) noexcept {
    switch (t) {
        case 1: return "destination unreachable";
        case 2: return "packet too big";
        case 3: return "time exceeded";
        case 4: return "parameter problem";
        case 128: return "echo request";
        case 129: return "echo reply";
        case 130: return "multicast listener query";
        case 131: return "multicast listener report";
        case 132: return "multicast listener done";
        case 133: return "router solicitation";
        case 134: return "router advertisement";
        case 135: return "neighbor solicitation";
        case 136: return "neighbor advertisement";
        case 137: return "redirect";
        case 143: return "multicast listener report v2";
        default: return {};
    }
}

}  // namespace

// ---- the output buffer ---------------------------------------------------------------------------

/// A large append buffer over a stdio stream. reserve(n) guarantees n writable bytes at the returned
/// pointer; commit(end) keeps what was written. Flushes when past the high-water mark.
class packet_output::buffer {
public:
    static constexpr std::size_t capacity = 1 << 20;
    static constexpr std::size_t high_water = capacity - (1 << 16);

    explicit buffer(std::FILE* f) : f_(f), data_(new char[capacity]) {}
    ~buffer() { flush(); }
    buffer(const buffer&) = delete;
    buffer& operator=(const buffer&) = delete;

    char* reserve(std::size_t n) {
        if (size_ + n > capacity) {
            flush();
            if (n > capacity) n = capacity;  // callers never ask for more than 64 KiB at once
        }
        return data_.get() + size_;
    }
    void commit(char* end) noexcept {
        size_ = static_cast<std::size_t>(end - data_.get());
        if (size_ > high_water) flush();
    }
    void put(std::string_view s) { commit(put_s(reserve(s.size()), s)); }
    bool flush() noexcept {
        if (size_ != 0 && std::fwrite(data_.get(), 1, size_, f_) != size_) ok_ = false;
        size_ = 0;
        return ok_;
    }
    bool finish() noexcept { return flush() && std::fflush(f_) == 0 && ok_; }

private:
    std::FILE* f_;
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    bool ok_ = true;
};

// ---- field sinks: one description of every layer's fields, two renderings -----------------------

namespace {

// Writes `name=value` pairs (the -v tree) or `"name":value` members (JSON) at a cursor. Every value is
// bounded (addresses, numbers, option bytes capped at max_hex bytes), so one reservation covers a layer.
// Each member writes through a local cursor and stores p once: a store through char* may alias p, so
// advancing p itself byte by byte would reload it from memory after every byte.
template <bool Json>
struct sink {
    char* p;
    bool first = true;
    static constexpr std::size_t max_hex = 64;

    char* key(char* q, std::string_view name) noexcept {
        if constexpr (Json) {
            if (!first) *q++ = ',';
            first = false;
            *q++ = '"';
            q = put_s(q, name);
            *q++ = '"';
            *q++ = ':';
        } else {
            *q++ = ' ';
            q = put_s(q, name);
            *q++ = '=';
        }
        return q;
    }
    void u(std::string_view name, std::uint64_t v) noexcept { p = put_u(key(p, name), v); }
    void hex(std::string_view name, std::uint64_t v, int digits) noexcept {
        char* q = key(p, name);
        if constexpr (Json) *q++ = '"';
        *q++ = '0';
        *q++ = 'x';
        q = put_hex(q, v, digits);
        if constexpr (Json) *q++ = '"';
        p = q;
    }
    void flag(std::string_view name, bool v) noexcept {
        char* q = key(p, name);
        if constexpr (Json) {
            q = put_s(q, v ? "true" : "false");
        } else {
            *q++ = v ? '1' : '0';
        }
        p = q;
    }
    template <class F>
    void text(std::string_view name, F&& write) noexcept {
        char* q = key(p, name);
        if constexpr (Json) *q++ = '"';
        q = write(q);
        if constexpr (Json) *q++ = '"';
        p = q;
    }
    void str(std::string_view name, std::string_view v) noexcept {
        text(name, [&](char* q) { return put_s(q, v); });
    }
    // Text that may hold '"' or '\\' (a DNS name's presentation form), escaped for JSON.
    void escaped(std::string_view name, std::string_view v) noexcept {
        text(name, [&](char* q) {
            for (char c : v) {
                if (Json && (c == '"' || c == '\\')) *q++ = '\\';
                *q++ = c;
            }
            return q;
        });
    }
    void ip4(std::string_view name, std::span<const std::uint8_t, 4> a) noexcept {
        text(name, [&](char* q) { return put_ip4(q, a); });
    }
    void ip6(std::string_view name, std::span<const std::uint8_t, 16> a) noexcept {
        text(name, [&](char* q) { return put_ip6(q, a); });
    }
    void mac(std::string_view name, bytes_view b) noexcept {
        text(name, [&](char* q) { return put_mac(q, b.first(b.size() < 16 ? b.size() : 16)); });
    }
    void bytes_hex(std::string_view name, bytes_view b) noexcept {
        text(name, [&](char* q) {
            std::size_t n = b.size() < max_hex ? b.size() : max_hex;
            for (std::size_t i = 0; i < n; ++i) {
                *q++ = hex_digits[b[i] >> 4];
                *q++ = hex_digits[b[i] & 15];
            }
            if (n < b.size()) q = put_s(q, "...");
            return q;
        });
    }
};

// The most bytes a layer's fields take (generous: option lists are bounded by their header sizes).
constexpr std::size_t layer_budget = 4096;

template <bool Json>
void layer_fields(sink<Json>& s, const frame_layer& layer) noexcept {
    struct visitor {
        sink<Json>& s;
        void operator()(const payload_view& v) const noexcept { s.u("length", v.data.size()); }
        void operator()(const ethernet_view& v) const noexcept {
            // The frame's own bytes: dst()/src() build mac_address copies, a store-forwarding stall apiece.
            s.mac("dst", v.header().first(6));
            s.mac("src", v.header().subspan(6, 6));
            if (v.is_802_3()) {
                s.u("len", v.ethertype());
            } else {
                s.hex("type", v.ethertype(), 4);
            }
        }
        void operator()(const vlan_view& v) const noexcept {
            s.u("priority", v.pcp());
            s.flag("dei", v.dei());
            s.u("id", v.vid());
            s.hex("etype", v.ethertype(), 4);
        }
        void operator()(const sll_view& v) const noexcept {
            s.u("pkttype", v.packet_type());
            s.u("hatype", v.arphrd());
            if (v.version() == 2) s.u("ifindex", v.ifindex());
            s.mac("src", v.address());
            s.hex("etype", v.protocol(), 4);
        }
        void operator()(const null_view& v) const noexcept { s.u("family", v.family()); }
        void operator()(const ppp_view& v) const noexcept {
            if (v.has_address_control()) {
                s.hex("address", 0xff, 2);
                s.hex("control", 0x03, 2);
            }
            s.hex("protocol", v.protocol(), 4);
        }
        void operator()(const arp_view& v) const noexcept {
            s.u("hw_type", v.htype());
            s.hex("proto_type", v.ptype(), 4);
            s.u("hw_size", v.hlen());
            s.u("proto_size", v.plen());
            s.u("opcode", v.oper());
            s.mac("src_hw_mac", v.sender_hw());
            if (v.plen() == 4) {
                s.ip4("src_proto_ipv4", v.sender_proto().first<4>());
            } else {
                s.bytes_hex("src_proto", v.sender_proto());
            }
            s.mac("dst_hw_mac", v.target_hw());
            if (v.plen() == 4) {
                s.ip4("dst_proto_ipv4", v.target_proto().first<4>());
            } else {
                s.bytes_hex("dst_proto", v.target_proto());
            }
        }
        void operator()(const ipv4_view& v) const noexcept {
            s.u("version", v.version());
            s.u("hdr_len", v.header_size());
            s.hex("dsfield", v.tos(), 2);
            s.u("len", v.total_length());
            s.hex("id", v.id(), 4);
            s.hex("flags", v.flags(), 2);
            s.flag("df", v.dont_fragment());
            s.flag("mf", v.more_fragments());
            s.u("frag_offset", v.fragment_offset());  // 8-byte units, as the header (and tshark 4) has it
            s.u("ttl", v.ttl());
            s.u("proto", v.protocol());
            s.hex("checksum", v.checksum(), 4);
            s.ip4("src", v.src());
            s.ip4("dst", v.dst());
            if (!v.options().empty()) s.bytes_hex("options", v.options());
        }
        void operator()(const ipv6_view& v) const noexcept {
            s.u("version", v.version());
            s.hex("tclass", v.traffic_class(), 2);
            s.hex("flow", v.flow_label(), 5);
            s.u("plen", v.payload_length());
            s.u("nxt", v.next_header());
            s.u("hlim", v.hop_limit());
            s.ip6("src", v.src());
            s.ip6("dst", v.dst());
        }
        void operator()(const ipv6_ext_view& v) const noexcept {
            s.u("nxt", v.next_header());
            s.u("len", v.header_size());
            switch (v.kind()) {
                case ip_proto::routing:
                    s.u("type", v.routing_type());
                    s.u("segleft", v.segments_left());
                    if ((v.routing_type() == 0 || v.routing_type() == 2) && v.routing_data().size() >= 20)
                        s.ip6("address", v.routing_data().subspan(4).first<16>());
                    break;
                case ip_proto::fragment:
                    s.u("offset", v.fragment_offset());
                    s.flag("more", v.more_fragments());
                    s.hex("id", v.identification(), 8);
                    break;
                default: s.bytes_hex("options", v.options()); break;
            }
        }
        void operator()(const icmp_view& v) const noexcept {
            s.u("type", v.type());
            s.u("code", v.code());
            s.hex("checksum", v.checksum(), 4);
            switch (v.type()) {
                case icmp_type::echo_reply:
                case icmp_type::echo_request:
                case icmp_type::timestamp:
                case icmp_type::timestamp_reply:
                    s.u("ident", v.id());
                    s.u("seq", v.seq());
                    break;
                case icmp_type::redirect: s.ip4("redir_gw", v.gateway()); break;
                case icmp_type::dest_unreachable:
                    if (v.code() == 4) s.u("mtu", v.next_hop_mtu());
                    break;
                case icmp_type::parameter_problem: s.u("pointer", v.pointer()); break;
                default: break;
            }
            s.u("length", v.bytes().size());
        }
        void operator()(const icmpv6_view& v) const noexcept {
            s.u("type", v.type());
            s.u("code", v.code());
            s.hex("checksum", v.checksum(), 4);
            switch (v.type()) {
                case icmpv6_type::echo_request:
                case icmpv6_type::echo_reply:
                    s.u("echo_identifier", v.id());
                    s.u("echo_sequence_number", v.seq());
                    break;
                case icmpv6_type::packet_too_big: s.u("mtu", v.rest_of_header()); break;
                case icmpv6_type::parameter_problem: s.u("pointer", v.rest_of_header()); break;
                case icmpv6_type::router_advertisement:
                    s.u("nd_ra_cur_hop_limit", v.cur_hop_limit());
                    s.flag("nd_ra_flag_m", v.managed());
                    s.flag("nd_ra_flag_o", v.other_config());
                    s.u("nd_ra_router_lifetime", v.router_lifetime());
                    s.u("nd_ra_reachable_time", v.reachable_time());
                    s.u("nd_ra_retrans_timer", v.retrans_timer());
                    break;
                case icmpv6_type::neighbor_solicitation: s.ip6("nd_ns_target_address", v.target()); break;
                case icmpv6_type::neighbor_advertisement:
                    s.flag("nd_na_flag_r", v.router_flag());
                    s.flag("nd_na_flag_s", v.solicited_flag());
                    s.flag("nd_na_flag_o", v.override_flag());
                    s.ip6("nd_na_target_address", v.target());
                    break;
                case icmpv6_type::redirect:
                    s.ip6("nd_rd_target_address", v.target());
                    s.ip6("nd_rd_destination_address", v.destination());
                    break;
                default: break;
            }
            ndp_option_cursor oc(v.ndp_options());
            ndp_option o;
            int shown = 0;
            while (oc.next(o) && shown++ < 8) {
                switch (o.type) {
                    case ndp_option_type::source_link_layer: s.mac("opt_src_linkaddr", o.value); break;
                    case ndp_option_type::target_link_layer: s.mac("opt_target_linkaddr", o.value); break;
                    case ndp_option_type::prefix_information:
                        if (o.value.size() >= 30) {
                            s.u("opt_prefix_length", o.value[0]);
                            s.flag("opt_prefix_flag_l", (o.value[1] & 0x80) != 0);
                            s.flag("opt_prefix_flag_a", (o.value[1] & 0x40) != 0);
                            s.u("opt_prefix_valid_lifetime", load_be32(o.value.data() + 2));
                            s.u("opt_prefix_preferred_lifetime", load_be32(o.value.data() + 6));
                            s.ip6("opt_prefix", o.value.subspan(14).first<16>());
                        }
                        break;
                    case ndp_option_type::mtu:
                        if (o.value.size() >= 6) s.u("opt_mtu", load_be32(o.value.data() + 2));
                        break;
                    default: s.u("opt_type", o.type); break;
                }
            }
            s.u("length", v.bytes().size());
        }
        void operator()(const udp_view& v) const noexcept {
            s.u("srcport", v.sport());
            s.u("dstport", v.dport());
            s.u("length", v.length());
            s.hex("checksum", v.checksum(), 4);
        }
        void operator()(const tcp_view& v) const noexcept {
            s.u("srcport", v.sport());
            s.u("dstport", v.dport());
            s.u("seq_raw", v.seq());
            s.u("ack_raw", v.ack());
            s.u("hdr_len", v.header_size());
            s.hex("flags", v.flags(), 3);
            s.text("flags_str", [&](char* q) { return put_tcp_flags(q, v.flags()); });
            s.u("window_size_value", v.window());
            s.hex("checksum", v.checksum(), 4);
            s.u("urgent_pointer", v.urgent_pointer());
            if (!v.options().empty()) {
                if (auto m = v.mss()) s.u("options_mss_val", *m);
                if (auto w = v.window_scale()) s.u("options_wscale_shift", *w);
                if (v.sack_permitted()) s.flag("options_sack_perm", true);
                if (auto t = v.timestamps()) {
                    s.u("options_timestamp_tsval", t->value);
                    s.u("options_timestamp_tsecr", t->echo_reply);
                }
                bytes_view sack = v.sack_blocks();
                if (!sack.empty()) {
                    s.text("options_sack", [&](char* q) {
                        for (std::size_t i = 0; i + 8 <= sack.size(); i += 8) {
                            if (i != 0) *q++ = ',';
                            q = put_u(q, load_be32(sack.data() + i));
                            *q++ = '-';
                            q = put_u(q, load_be32(sack.data() + i + 4));
                        }
                        return q;
                    });
                }
            }
            s.u("len", v.payload().size());
        }
        // Wireshark's dns.* fields; the response-only flags only in responses, as tshark shows them.
        void operator()(const dns::message_view& v) const noexcept {
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
                name_field("qry_name", q);
                s.u("qry_type", static_cast<std::uint16_t>(q.type));
                s.hex("qry_class", static_cast<std::uint16_t>(q.klass), 4);
            }
            if (!v.answers().empty()) {
                const dns::record_view a = *v.answers().begin();
                name_field("resp_name", a);
                s.u("resp_type", static_cast<std::uint16_t>(a.type));
                s.u("resp_ttl", a.ttl);
                bytes_view rd = a.rdata_bytes();
                if (a.type == dns::rr_type::a && rd.size() == 4) s.ip4("a", rd.first<4>());
                if (a.type == dns::rr_type::aaaa && rd.size() == 16) s.ip6("aaaa", rd.first<16>());
            }
        }
        void name_field(std::string_view key, const dns::record_view& r) const noexcept {
            auto n = r.name();  // cannot fail on a parsed message
            if (!n) return;
            char text[dns::dns_name::max_text_size];
            s.escaped(key, std::string_view(text, static_cast<std::size_t>(n->write_text(text) - text)));
        }
    };
    // Each alternative writes through a local copy of the sink with everything inlined (flatten), so the
    // cursor stays in a register; through the caller's sink it would go to memory around every store.
    std::visit(
        [&s](const auto& v) __attribute__((flatten)) {
            sink<Json> local = s;
            visitor{local}(v);
            s = local;
        },
        layer.view);
    if (layer.issue != codec_errc{}) s.str("issue", issue_name(layer.issue));
}

}  // namespace

// ---- packet_output -------------------------------------------------------------------------------

packet_output::packet_output(packet_output_options options, std::FILE* out)
    : options_(options), out_(std::make_unique<buffer>(out)) {}

packet_output::~packet_output() = default;

char* packet_output::put_time(char* p, const timeval& ts) {
    if (ts.tv_sec != cached_sec_) {
        std::time_t t = ts.tv_sec;
        std::tm tm{};
        bool json = options_.format == packet_format::json;
        if (json || options_.utc) {
            gmtime_r(&t, &tm);
        } else {
            localtime_r(&t, &tm);
        }
        char* q = cached_text_.data();
        if (json) {
            q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_year + 1900) % 10000, 4);
            *q++ = '-';
            q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_mon + 1), 2);
            *q++ = '-';
            q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_mday), 2);
            *q++ = 'T';
        }
        q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_hour), 2);
        *q++ = ':';
        q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_min), 2);
        *q++ = ':';
        q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_sec), 2);
        cached_len_ = static_cast<std::size_t>(q - cached_text_.data());
        cached_sec_ = ts.tv_sec;
    }
    std::memcpy(p, cached_text_.data(), cached_len_);
    p += cached_len_;
    *p++ = '.';
    long usec = ts.tv_usec;
    if (usec < 0 || usec > 999999) usec = 0;
    return put_u_width(p, static_cast<std::uint64_t>(usec), 6);
}

void packet_output::packet(const timeval& ts, std::uint32_t wire_length, bytes_view data, link_type link) {
    decode_frame(data, link, frame_);
    ++count_;
    if (frame_.has_problem()) ++problems_;
    if (options_.stats) count_stats(data);
    switch (options_.format) {
        case packet_format::json: json(ts, wire_length, data); break;
        case packet_format::verbose:
            line(ts, wire_length, data);
            tree(data);
            break;
        case packet_format::line: line(ts, wire_length, data); break;
    }
    if (options_.hex && options_.format != packet_format::json) hexdump(data);
}

void packet_output::line(const timeval& ts, std::uint32_t wire_length, bytes_view data) {
    // Bounded: time, 16 layers of VLAN tags, two addresses, the transport, a DNS summary, the issues.
    char* p = out_->reserve(1024 + dns_summary_max);
    p = put_time(p, ts);
    *p++ = ' ';
    auto layers = frame_.layers();
    // The innermost network layer and what follows it.
    const ipv4_view* ip4 = nullptr;
    const ipv6_view* ip6 = nullptr;
    const ipv6_ext_view* frag6 = nullptr;
    std::size_t transport = layers.size();
    const arp_view* arp = nullptr;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const layer_view& v = layers[i].view;
        if (const auto* a = std::get_if<ipv4_view>(&v)) {
            ip4 = a;
            ip6 = nullptr;
            frag6 = nullptr;
            transport = layers.size();
        } else if (const auto* b = std::get_if<ipv6_view>(&v)) {
            ip6 = b;
            ip4 = nullptr;
            frag6 = nullptr;
            transport = layers.size();
        } else if (const auto* e = std::get_if<ipv6_ext_view>(&v)) {
            if (e->kind() == ip_proto::fragment) frag6 = e;
        } else if (const auto* vl = std::get_if<vlan_view>(&v)) {
            p = put_s(p, "vlan ");
            p = put_u(p, vl->vid());
            p = put_s(p, ", ");
        } else if (const auto* ar = std::get_if<arp_view>(&v)) {
            arp = ar;
        } else if (!std::holds_alternative<payload_view>(v) && (ip4 != nullptr || ip6 != nullptr) &&
                   transport == layers.size()) {
            transport = i;
        }
    }
    const tcp_view* tcp = transport < layers.size() ? std::get_if<tcp_view>(&layers[transport].view) : nullptr;
    const udp_view* udp = transport < layers.size() ? std::get_if<udp_view>(&layers[transport].view) : nullptr;
    const auto* dns_msg = frame_.find<dns::message_view>();
    auto put_endpoint4 = [&](char* q, std::span<const std::uint8_t, 4> a, int port) {
        q = put_ip4(q, a);
        if (port >= 0) {
            *q++ = '.';
            q = put_u(q, static_cast<std::uint64_t>(port));
        }
        return q;
    };
    if (ip4 != nullptr || ip6 != nullptr) {
        int sport = tcp ? tcp->sport() : udp ? udp->sport() : -1;
        int dport = tcp ? tcp->dport() : udp ? udp->dport() : -1;
        if (ip4 != nullptr) {
            p = put_s(p, "IP ");
            p = put_endpoint4(p, ip4->src(), sport);
            p = put_s(p, " > ");
            p = put_endpoint4(p, ip4->dst(), dport);
        } else {
            p = put_s(p, "IP6 ");
            p = put_ip6(p, ip6->src());
            if (sport >= 0) {
                *p++ = '.';
                p = put_u(p, static_cast<std::uint64_t>(sport));
            }
            p = put_s(p, " > ");
            p = put_ip6(p, ip6->dst());
            if (dport >= 0) {
                *p++ = '.';
                p = put_u(p, static_cast<std::uint64_t>(dport));
            }
        }
        p = put_s(p, ": ");
        if (tcp != nullptr) {
            p = put_s(p, "Flags [");
            p = put_tcp_flags(p, tcp->flags());
            p = put_s(p, "], seq ");
            p = put_u(p, tcp->seq());
            if (tcp->has(tcp_flag::ack)) {
                p = put_s(p, ", ack ");
                p = put_u(p, tcp->ack());
            }
            p = put_s(p, ", win ");
            p = put_u(p, tcp->window());
            p = put_s(p, ", length ");
            p = put_u(p, tcp->payload().size());
            if (dns_msg != nullptr) {
                *p++ = ' ';
                p = put_dns_summary(p, *dns_msg);
            }
        } else if (udp != nullptr && dns_msg != nullptr) {
            p = put_dns_summary(p, *dns_msg);  // as tcpdump: the DNS line replaces "UDP, length"
        } else if (udp != nullptr) {
            p = put_s(p, "UDP, length ");
            p = put_u(p, udp->length() >= 8 ? udp->length() - 8u : 0u);
        } else if (transport < layers.size() && std::holds_alternative<icmp_view>(layers[transport].view)) {
            const auto& m = std::get<icmp_view>(layers[transport].view);
            p = put_s(p, "ICMP ");
            std::string_view name = icmp_type_name(m.type());
            if (name.empty()) {
                p = put_s(p, "type ");
                p = put_u(p, m.type());
            } else {
                p = put_s(p, name);
            }
            if (m.type() == icmp_type::echo_request || m.type() == icmp_type::echo_reply) {
                p = put_s(p, ", id ");
                p = put_u(p, m.id());
                p = put_s(p, ", seq ");
                p = put_u(p, m.seq());
            } else if (m.code() != 0) {
                p = put_s(p, " code ");
                p = put_u(p, m.code());
            }
            p = put_s(p, ", length ");
            p = put_u(p, m.bytes().size());
        } else if (transport < layers.size() && std::holds_alternative<icmpv6_view>(layers[transport].view)) {
            const auto& m = std::get<icmpv6_view>(layers[transport].view);
            p = put_s(p, "ICMP6, ");
            std::string_view name = icmpv6_type_name(m.type());
            if (name.empty()) {
                p = put_s(p, "type ");
                p = put_u(p, m.type());
            } else {
                p = put_s(p, name);
            }
            if (m.type() == icmpv6_type::echo_request || m.type() == icmpv6_type::echo_reply) {
                p = put_s(p, ", id ");
                p = put_u(p, m.id());
                p = put_s(p, ", seq ");
                p = put_u(p, m.seq());
            } else if (m.type() == icmpv6_type::neighbor_solicitation && m.has_fields()) {
                p = put_s(p, ", who has ");
                p = put_ip6(p, m.target());
            } else if (m.type() == icmpv6_type::neighbor_advertisement && m.has_fields()) {
                p = put_s(p, ", tgt is ");
                p = put_ip6(p, m.target());
            } else if (m.type() == icmpv6_type::redirect && m.has_fields()) {
                p = put_s(p, ", ");
                p = put_ip6(p, m.destination());
                p = put_s(p, " to ");
                p = put_ip6(p, m.target());
            }
            p = put_s(p, ", length ");
            p = put_u(p, m.bytes().size());
        } else {
            // No transport header decoded: a later fragment, or an unknown protocol.
            bool later_fragment = (ip4 != nullptr && ip4->fragment_offset() != 0) ||
                                  (frag6 != nullptr && frag6->fragment_offset() != 0);
            std::size_t len = ip4 != nullptr ? ip4->payload().size() : ip6->payload().size();
            if (later_fragment) {
                p = put_s(p, "frag id ");
                p = put_u(p, ip4 != nullptr ? ip4->id() : frag6->identification());
                p = put_s(p, ", offset ");
                p = put_u(p, ip4 != nullptr ? std::uint32_t{ip4->fragment_offset()} * 8u
                                            : std::uint32_t{frag6->fragment_offset()} * 8u);
                if (ip4 != nullptr ? ip4->more_fragments() : frag6->more_fragments()) p = put_s(p, "+");
            } else {
                p = put_s(p, "ip-proto-");
                p = put_u(p, ip4 != nullptr ? ip4->protocol() : ip6->next_header());
            }
            p = put_s(p, ", length ");
            p = put_u(p, len);
        }
    } else if (arp != nullptr) {
        p = put_s(p, "ARP, ");
        if (arp->is_ethernet_ipv4() && arp->oper() == arp_view::request) {
            p = put_s(p, "Request who-has ");
            p = put_ip4(p, arp->target_proto().first<4>());
            p = put_s(p, " tell ");
            p = put_ip4(p, arp->sender_proto().first<4>());
        } else if (arp->is_ethernet_ipv4() && arp->oper() == arp_view::reply) {
            p = put_s(p, "Reply ");
            p = put_ip4(p, arp->sender_proto().first<4>());
            p = put_s(p, " is-at ");
            p = put_mac(p, arp->sender_hw());
        } else {
            p = put_s(p, "opcode ");
            p = put_u(p, arp->oper());
        }
        p = put_s(p, ", length ");
        p = put_u(p, arp->size());
    } else if (!layers.empty()) {
        const layer_view& v = layers[0].view;
        if (const auto* e = std::get_if<ethernet_view>(&v)) {
            std::uint16_t et = e->ethertype();
            for (const auto& l : layers)
                if (const auto* vl = std::get_if<vlan_view>(&l.view)) et = vl->ethertype();
            if (et <= ethertype::max_length) {
                p = put_s(p, "802.3");
            } else {
                p = put_s(p, "ethertype 0x");
                p = put_hex(p, et, 4);
            }
        } else if (const auto* pp = std::get_if<ppp_view>(&v)) {
            p = put_s(p, "PPP protocol 0x");
            p = put_hex(p, pp->protocol(), 4);
        } else {
            p = put_s(p, layer_name(v));
        }
        p = put_s(p, ", length ");
        p = put_u(p, wire_length);
    } else {
        p = put_s(p, "[|");
        p = put_s(p, issue_name(frame_.stop_reason()));
        p = put_s(p, "], length ");
        p = put_u(p, wire_length);
    }
    // Problems, tcpdump style: [bad udp cksum], [|tcp] for a cut header.
    for (const auto& l : layers) {
        if (l.issue == codec_errc{}) continue;
        p = put_s(p, " [");
        if (l.issue == codec_errc::bad_checksum) {
            p = put_s(p, "bad ");
            p = put_s(p, layer_name(l.view));
            p = put_s(p, " cksum");
        } else {
            p = put_s(p, layer_name(l.view));
            *p++ = ' ';
            p = put_s(p, issue_name(l.issue));
        }
        *p++ = ']';
    }
    if (frame_.stop_reason() != codec_errc{} && !layers.empty()) {
        p = put_s(p, " [|");
        p = put_s(p, issue_name(frame_.stop_reason()));
        *p++ = ']';
    }
    *p++ = '\n';
    out_->commit(p);
    (void)data;
}

void packet_output::tree(bytes_view data) {
    for (const auto& l : frame_.layers()) {
        sink<false> s{out_->reserve(layer_budget)};
        s.p = put_s(s.p, "    ");
        s.p = put_s(s.p, layer_name(l.view));
        layer_fields(s, l);
        *s.p++ = '\n';
        out_->commit(s.p);
    }
    if (frame_.stop_reason() != codec_errc{}) {
        char* p = out_->reserve(128);
        p = put_s(p, "    stopped: ");
        p = put_s(p, issue_name(frame_.stop_reason()));
        p = put_s(p, " at offset ");
        p = put_u(p, frame_.stop_offset());
        p = put_s(p, " of ");
        p = put_u(p, data.size());
        *p++ = '\n';
        out_->commit(p);
    }
}

void packet_output::json(const timeval& ts, std::uint32_t wire_length, bytes_view data) {
    char* p = out_->reserve(256);
    p = put_s(p, "{\"frame\":");
    p = put_u(p, count_);
    p = put_s(p, ",\"time\":\"");
    p = put_time(p, ts);
    p = put_s(p, "Z\",\"time_epoch\":");
    p = put_u(p, static_cast<std::uint64_t>(ts.tv_sec));
    *p++ = '.';
    long usec = ts.tv_usec;
    if (usec < 0 || usec > 999999) usec = 0;
    p = put_u_width(p, static_cast<std::uint64_t>(usec), 6);
    p = put_s(p, ",\"caplen\":");
    p = put_u(p, data.size());
    p = put_s(p, ",\"len\":");
    p = put_u(p, wire_length);
    p = put_s(p, ",\"layers\":[");
    out_->commit(p);
    bool first = true;
    for (const auto& l : frame_.layers()) {
        sink<true> s{out_->reserve(layer_budget)};
        if (!first) *s.p++ = ',';
        first = false;
        s.p = put_s(s.p, "{\"");
        s.p = put_s(s.p, layer_name(l.view));
        s.p = put_s(s.p, "\":{");
        s.u("offset", l.offset);
        layer_fields(s, l);
        s.p = put_s(s.p, "}}");
        out_->commit(s.p);
    }
    p = out_->reserve(128);
    *p++ = ']';
    if (frame_.stop_reason() != codec_errc{}) {
        p = put_s(p, ",\"stop\":\"");
        p = put_s(p, issue_name(frame_.stop_reason()));
        p = put_s(p, "\",\"stop_offset\":");
        p = put_u(p, frame_.stop_offset());
    }
    if (options_.hex) {
        p = put_s(p, ",\"hex\":\"");
        out_->commit(p);
        for (std::size_t i = 0; i < data.size(); i += 4096) {
            std::size_t n = data.size() - i < 4096 ? data.size() - i : 4096;
            char* q = out_->reserve(2 * n);
            for (std::size_t k = 0; k < n; ++k) {
                *q++ = hex_digits[data[i + k] >> 4];
                *q++ = hex_digits[data[i + k] & 15];
            }
            out_->commit(q);
        }
        p = out_->reserve(8);
        *p++ = '"';
    }
    *p++ = '}';
    *p++ = '\n';
    out_->commit(p);
}

void packet_output::hexdump(bytes_view data) {
    // tcpdump -xx layout: an offset, then 16 bytes as 8 groups of 4 hex digits.
    for (std::size_t off = 0; off < data.size(); off += 16) {
        char* p = out_->reserve(64);
        p = put_s(p, "\t0x");
        p = put_hex(p, off, 4);
        p = put_s(p, ": ");
        for (std::size_t i = off; i < off + 16 && i < data.size(); ++i) {
            if ((i - off) % 2 == 0) *p++ = ' ';
            *p++ = hex_digits[data[i] >> 4];
            *p++ = hex_digits[data[i] & 15];
        }
        *p++ = '\n';
        out_->commit(p);
    }
}

void packet_output::count_stats(bytes_view data) {
    stat_frame_bytes_ += data.size();
    std::array<bool, kinds> seen{};
    for (const auto& l : frame_.layers()) {
        std::size_t k = l.view.index();
        if (!seen[k]) {
            seen[k] = true;
            ++stat_packets_[k];
            stat_bytes_[k] += data.size() - l.offset;
        }
        if (l.issue != codec_errc{}) ++stat_issues_[static_cast<std::size_t>(l.issue) & 15];
    }
    if (frame_.stop_reason() != codec_errc{}) ++stat_issues_[static_cast<std::size_t>(frame_.stop_reason()) & 15];
}

bool packet_output::finish() {
    if (options_.stats) {
        // The names of the alternatives, in variant order, through a default-constructed view of each.
        auto name_of = [](std::size_t k) -> std::string_view {
            static constexpr std::string_view names[] = {"data", "eth",  "vlan", "sll",  "null",   "ppp", "arp",
                                                         "ip",   "ipv6", "ipv6.ext", "icmp", "icmpv6", "udp", "tcp",
                                                         "dns"};
            static_assert(std::size(names) == kinds);
            return names[k];
        };
        if (options_.format == packet_format::json) {
            std::string s = fmt::format("{{\"stats\":{{\"packets\":{},\"bytes\":{},\"problems\":{},\"protocols\":{{",
                                        count_, stat_frame_bytes_, problems_);
            bool first = true;
            for (std::size_t k = 0; k < kinds; ++k) {
                if (stat_packets_[k] == 0) continue;
                s += fmt::format("{}\"{}\":{{\"packets\":{},\"bytes\":{}}}", first ? "" : ",", name_of(k),
                                 stat_packets_[k], stat_bytes_[k]);
                first = false;
            }
            s += "},\"issues\":{";
            first = true;
            for (std::size_t e = 1; e < stat_issues_.size(); ++e) {
                if (stat_issues_[e] == 0) continue;
                s += fmt::format("{}\"{}\":{}", first ? "" : ",", issue_name(static_cast<codec_errc>(e)), stat_issues_[e]);
                first = false;
            }
            s += "}}}\n";
            out_->put(s);
        } else {
            std::string s = fmt::format("{} packets, {} bytes, {} with problems\n", count_, stat_frame_bytes_, problems_);
            s += fmt::format("{:<10} {:>12} {:>14}\n", "protocol", "packets", "bytes");
            for (std::size_t k = 0; k < kinds; ++k) {
                if (stat_packets_[k] == 0) continue;
                s += fmt::format("{:<10} {:>12} {:>14}\n", name_of(k), stat_packets_[k], stat_bytes_[k]);
            }
            for (std::size_t e = 1; e < stat_issues_.size(); ++e) {
                if (stat_issues_[e] == 0) continue;
                s += fmt::format("{:<10} {:>12}\n", issue_name(static_cast<codec_errc>(e)), stat_issues_[e]);
            }
            out_->put(s);
        }
    }
    return out_->finish();
}

}  // namespace sockit::cli
