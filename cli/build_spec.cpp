// SPDX-License-Identifier: MIT
// build_spec: parser of `sockit build` layer stacks, driving the wire packet builders (RFC 894, 826, 791,
// 8200, 792, 4443/4861, 768, 9293) and the DNS codec (RFC 1035, RFC 6891) for the dns() layer.
#include "build_spec.hpp"

#include <fmt/format.h>

#include <charconv>
#include <functional>
#include <map>

#include "sockit/dns/message_builder.hpp"
#include "sockit/dns/tcp_framing.hpp"
#include "sockit/ip/ip_address.hpp"
#include "sockit/wire/mac_address.hpp"
#include "sockit/wire/packet_builder.hpp"
#include "sockit/wire/tcp_view.hpp"

namespace sockit::cli {
namespace {

using wire::layer_builder;

/// One "key=value" (or bare "key") inside a layer's parentheses.
struct arg {
    std::string key;
    std::size_t key_offset = 0;
    std::optional<std::string> value;
    std::size_t value_offset = 0;
};

/// One "name(args)" layer.
struct layer_spec {
    std::string name;
    std::size_t offset = 0;
    std::vector<arg> args;
};

struct packet_spec {
    std::vector<layer_spec> layers;
    std::size_t offset = 0;
};

using parse_result = result<std::vector<packet_spec>, spec_error>;

spec_error make_error(std::size_t offset, std::string_view token, std::string why) {
    return spec_error{offset, std::string(token), std::move(why)};
}

bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// The hand-written tokenizer: identifiers, values (anything up to ',' or ')'), punctuation.
class spec_parser {
public:
    explicit spec_parser(std::string_view text) : text_(text) {}

    parse_result parse() {
        std::vector<packet_spec> packets;
        for (;;) {
            skip_space();
            if (at_end()) break;
            packet_spec p;
            p.offset = pos_;
            for (;;) {
                auto layer = parse_layer();
                if (!layer) return fail(layer.error());
                p.layers.push_back(std::move(*layer));
                skip_space();
                if (at_end() || peek() == ';') break;
                if (peek() != '/')
                    return fail(make_error(pos_, token_here(), "expected '/' between layers or ';' between packets"));
                ++pos_;
            }
            packets.push_back(std::move(p));
            if (!at_end()) ++pos_;  // the ';'
        }
        if (packets.empty()) return fail(make_error(0, text_, "no packet: the spec is empty"));
        return packets;
    }

private:
    result<layer_spec, spec_error> parse_layer() {
        skip_space();
        layer_spec l;
        l.offset = pos_;
        const std::string_view name = ident();
        if (name.empty()) return fail(make_error(pos_, token_here(), "expected a layer name"));
        l.name = lower(name);
        skip_space();
        if (at_end() || peek() != '(') return l;
        ++pos_;
        skip_space();
        if (!at_end() && peek() == ')') {
            ++pos_;
            return l;
        }
        for (;;) {
            skip_space();
            arg a;
            a.key_offset = pos_;
            const std::string_view key = ident();
            if (key.empty()) return fail(make_error(pos_, token_here(), fmt::format("expected a field name in {}()", l.name)));
            a.key = lower(key);
            skip_space();
            if (!at_end() && peek() == '=') {
                ++pos_;
                skip_space();
                a.value_offset = pos_;
                const std::size_t start = pos_;
                // Inside parentheses only ',' and ')' end a value: '/' (prefixes) and ';' are plain characters.
                while (!at_end() && peek() != ',' && peek() != ')') ++pos_;
                std::string_view v = text_.substr(start, pos_ - start);
                while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
                if (v.empty()) return fail(make_error(a.key_offset, a.key + "=", fmt::format("empty value for {}", a.key)));
                a.value = std::string(v);
            }
            l.args.push_back(std::move(a));
            skip_space();
            if (at_end()) return fail(make_error(pos_, "", fmt::format("missing ')' to close {}(", l.name)));
            if (peek() == ')') {
                ++pos_;
                return l;
            }
            if (peek() != ',') return fail(make_error(pos_, token_here(), "expected ',' or ')'"));
            ++pos_;
        }
    }

    std::string_view ident() {
        const std::size_t start = pos_;
        while (!at_end() && is_ident_char(peek())) ++pos_;
        return text_.substr(start, pos_ - start);
    }
    /// The token at the cursor, for error messages (up to the next delimiter, at least one character).
    std::string_view token_here() const {
        if (at_end()) return "end of spec";
        std::size_t end = pos_ + 1;
        while (end < text_.size() && is_ident_char(text_[end]) && is_ident_char(text_[pos_])) ++end;
        // Keep a multi-byte UTF-8 character whole.
        while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0U) == 0x80U) ++end;
        return text_.substr(pos_, end - pos_);
    }
    void skip_space() {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n')) ++pos_;
    }
    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const { return text_[pos_]; }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// ---- field values ------------------------------------------------------------------------------

using field_result = result<void, spec_error>;

/// Reads the typed value of one arg, with errors that point at the value.
struct value_reader {
    const arg& a;
    const std::string& layer;

    [[nodiscard]] spec_error bad(std::string why) const {
        return make_error(a.value ? a.value_offset : a.key_offset, a.value ? *a.value : a.key, std::move(why));
    }
    result<std::string, spec_error> text() const {
        if (!a.value) return fail(make_error(a.key_offset, a.key, fmt::format("{}.{} needs a value ({}=...)", layer, a.key, a.key)));
        return *a.value;
    }
    result<std::uint64_t, spec_error> number(std::uint64_t max) const {
        auto t = text();
        if (!t) return fail(t.error());
        std::string_view s = *t;
        int base = 10;
        if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
            base = 16;
            s.remove_prefix(2);
        }
        std::uint64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
        if (ec == std::errc::result_out_of_range && end == s.data() + s.size())
            return fail(bad(fmt::format("{}.{} is at most {}", layer, a.key, max)));
        if (ec != std::errc{} || end != s.data() + s.size() || s.empty())
            return fail(bad(fmt::format("{}.{} wants a number (decimal or 0x hex)", layer, a.key)));
        if (v > max) return fail(bad(fmt::format("{}.{} is at most {}", layer, a.key, max)));
        return v;
    }
    template <class U>
    result<U, spec_error> uint() const {
        auto v = number(std::numeric_limits<U>::max());
        if (!v) return fail(v.error());
        return static_cast<U>(*v);
    }
    result<bool, spec_error> flag() const {
        if (!a.value) return true;  // a bare name sets the flag
        const std::string v = lower(*a.value);
        if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
        if (v == "0" || v == "false" || v == "no" || v == "off") return false;
        return fail(bad(fmt::format("{}.{} wants 1 or 0", layer, a.key)));
    }
    result<wire::mac_address, spec_error> mac() const {
        auto t = text();
        if (!t) return fail(t.error());
        auto m = wire::mac_address::parse(*t);
        if (!m) return fail(bad(fmt::format("{}.{} wants a MAC address like 02:00:00:00:00:01", layer, a.key)));
        return *m;
    }
    result<std::array<std::uint8_t, 4>, spec_error> ipv4() const {
        auto t = text();
        if (!t) return fail(t.error());
        auto ip = ip_address::parse_v4(*t);
        if (!ip) return fail(bad(fmt::format("{}.{} wants an IPv4 address: {}", layer, a.key, ip.error().message())));
        std::array<std::uint8_t, 4> out{};
        std::copy(ip->bytes().begin(), ip->bytes().end(), out.begin());
        return out;
    }
    result<std::array<std::uint8_t, 16>, spec_error> ipv6() const {
        auto t = text();
        if (!t) return fail(t.error());
        auto ip = ip_address::parse_v6(*t);
        if (!ip) return fail(bad(fmt::format("{}.{} wants an IPv6 address: {}", layer, a.key, ip.error().message())));
        std::array<std::uint8_t, 16> out{};
        std::copy(ip->bytes().begin(), ip->bytes().end(), out.begin());
        return out;
    }
    result<byte_buffer, spec_error> hex() const {
        auto t = text();
        if (!t) return fail(t.error());
        byte_buffer out;
        int hi = -1;
        for (char c : *t) {
            int v = -1;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
            else if (c == ':' || c == ' ' || c == '.') continue;
            else return fail(bad(fmt::format("{}.{} wants hex digits", layer, a.key)));
            if (hi < 0) {
                hi = v;
            } else {
                out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
                hi = -1;
            }
        }
        if (hi >= 0) return fail(bad(fmt::format("{}.{} has an odd number of hex digits", layer, a.key)));
        return out;
    }
};

/// A field setter: applies one arg to the layer under construction.
template <class B>
using setter = std::function<field_result(B&, const value_reader&)>;

template <class B>
struct layer_fields {
    std::map<std::string, setter<B>, std::less<>> fields;
    /// Bare words that are not fields (e.g. "echo" for icmp), applied before the fields.
    std::map<std::string, std::function<void(B&)>, std::less<>> words;
};

#define SOCKIT_SET(expr_type, target)                                  \
    [](auto& b, const value_reader& r) -> field_result {               \
        auto v = r.expr_type;                                          \
        if (!v) return fail(v.error());                                \
        target = *v;                                                   \
        return {};                                                     \
    }

template <class B>
std::string field_list(const layer_fields<B>& f) {
    std::string s;
    for (const auto& [w, _] : f.words) s += (s.empty() ? "" : ", ") + w;
    for (const auto& [k, _] : f.fields) s += (s.empty() ? "" : ", ") + k;
    return s;
}

template <class B>
result<B, spec_error> apply_fields(const layer_spec& l, const layer_fields<B>& table, B b) {
    for (const arg& a : l.args) {
        if (!a.value) {
            if (auto w = table.words.find(a.key); w != table.words.end()) {
                w->second(b);
                continue;
            }
        }
        auto f = table.fields.find(a.key);
        if (f == table.fields.end())
            return fail(make_error(a.key_offset, a.key, fmt::format("unknown field of {} (known: {})", l.name, field_list(table))));
        const value_reader r{a, l.name};
        if (auto res = f->second(b, r); !res) return fail(res.error());
    }
    return b;
}

// ---- layers ------------------------------------------------------------------------------------

const layer_fields<wire::ethernet_builder>& eth_fields() {
    static const layer_fields<wire::ethernet_builder> f{
        {{"dst", SOCKIT_SET(mac(), b.dst)}, {"src", SOCKIT_SET(mac(), b.src)},
         {"type", SOCKIT_SET(uint<std::uint16_t>(), b.ethertype)}},
        {}};
    return f;
}

const layer_fields<wire::vlan_builder>& vlan_fields() {
    static const layer_fields<wire::vlan_builder> f{
        {{"vid", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(4095);
              if (!v) return fail(v.error());
              b.vid = static_cast<std::uint16_t>(*v);
              return {};
          }},
         {"pcp", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(7);
              if (!v) return fail(v.error());
              b.pcp = static_cast<std::uint8_t>(*v);
              return {};
          }},
         {"dei", SOCKIT_SET(flag(), b.dei)},
         {"type", SOCKIT_SET(uint<std::uint16_t>(), b.ethertype)}},
        {}};
    return f;
}

const layer_fields<wire::ppp_builder>& ppp_fields() {
    static const layer_fields<wire::ppp_builder> f{
        {{"proto", SOCKIT_SET(uint<std::uint16_t>(), b.protocol)},
         {"ac", SOCKIT_SET(flag(), b.address_control)},
         {"pfc", SOCKIT_SET(flag(), b.compress_protocol)}},
        {}};
    return f;
}

const layer_fields<wire::arp_builder>& arp_fields() {
    static const layer_fields<wire::arp_builder> f{
        {{"op", SOCKIT_SET(uint<std::uint16_t>(), b.oper)},
         {"sha", SOCKIT_SET(mac(), b.sender_mac)}, {"spa", SOCKIT_SET(ipv4(), b.sender_ip)},
         {"tha", SOCKIT_SET(mac(), b.target_mac)}, {"tpa", SOCKIT_SET(ipv4(), b.target_ip)}},
        {{"request", [](auto& b) { b.oper = 1; }}, {"reply", [](auto& b) { b.oper = 2; }}}};
    return f;
}

const layer_fields<wire::ipv4_builder>& ipv4_fields() {
    static const layer_fields<wire::ipv4_builder> f{
        {{"src", SOCKIT_SET(ipv4(), b.src)}, {"dst", SOCKIT_SET(ipv4(), b.dst)},
         {"ttl", SOCKIT_SET(uint<std::uint8_t>(), b.ttl)}, {"tos", SOCKIT_SET(uint<std::uint8_t>(), b.tos)},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.id)}, {"df", SOCKIT_SET(flag(), b.dont_fragment)},
         {"mf", SOCKIT_SET(flag(), b.more_fragments)}, {"evil", SOCKIT_SET(flag(), b.reserved_flag)},
         {"frag", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(8191);
              if (!v) return fail(v.error());
              b.fragment_offset = static_cast<std::uint16_t>(*v);
              return {};
          }},
         {"proto", SOCKIT_SET(uint<std::uint8_t>(), b.protocol)},
         {"len", SOCKIT_SET(uint<std::uint16_t>(), b.total_length)},
         {"ihl", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(15);
              if (!v) return fail(v.error());
              b.ihl = static_cast<std::uint8_t>(*v);
              return {};
          }},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)},
         {"options", SOCKIT_SET(hex(), b.options)}},
        {}};
    return f;
}

const layer_fields<wire::ipv6_builder>& ipv6_fields() {
    static const layer_fields<wire::ipv6_builder> f{
        {{"src", SOCKIT_SET(ipv6(), b.src)}, {"dst", SOCKIT_SET(ipv6(), b.dst)},
         {"hlim", SOCKIT_SET(uint<std::uint8_t>(), b.hop_limit)}, {"tc", SOCKIT_SET(uint<std::uint8_t>(), b.traffic_class)},
         {"flow", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(0xFFFFF);
              if (!v) return fail(v.error());
              b.flow_label = static_cast<std::uint32_t>(*v);
              return {};
          }},
         {"nh", SOCKIT_SET(uint<std::uint8_t>(), b.next_header)},
         {"plen", SOCKIT_SET(uint<std::uint16_t>(), b.payload_length)}},
        {}};
    return f;
}

const layer_fields<wire::ipv6_ext_builder>& ext_fields() {
    static const layer_fields<wire::ipv6_ext_builder> f{
        {{"nh", SOCKIT_SET(uint<std::uint8_t>(), b.next_header)},
         {"options", SOCKIT_SET(hex(), b.options)},
         {"offset", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(8191);
              if (!v) return fail(v.error());
              b.fragment_offset = static_cast<std::uint16_t>(*v);
              return {};
          }},
         {"mf", SOCKIT_SET(flag(), b.more_fragments)},
         {"id", SOCKIT_SET(uint<std::uint32_t>(), b.identification)},
         {"type", SOCKIT_SET(uint<std::uint8_t>(), b.routing_type)},
         {"segleft", SOCKIT_SET(uint<std::uint8_t>(), b.segments_left)},
         {"addr", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.ipv6();
              if (!v) return fail(v.error());
              b.addresses.push_back(*v);
              return {};
          }}},
        {}};
    return f;
}

const layer_fields<wire::icmp_builder>& icmp_fields() {
    static const layer_fields<wire::icmp_builder> f{
        {{"type", SOCKIT_SET(uint<std::uint8_t>(), b.type)}, {"code", SOCKIT_SET(uint<std::uint8_t>(), b.code)},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.id)}, {"seq", SOCKIT_SET(uint<std::uint16_t>(), b.seq)},
         {"gw", SOCKIT_SET(ipv4(), b.gateway)}, {"mtu", SOCKIT_SET(uint<std::uint16_t>(), b.next_hop_mtu)},
         {"ptr", SOCKIT_SET(uint<std::uint8_t>(), b.pointer)}, {"rest", SOCKIT_SET(uint<std::uint32_t>(), b.rest)},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {{"echo", [](auto& b) { b.type = 8; }},         {"reply", [](auto& b) { b.type = 0; }},
         {"unreach", [](auto& b) { b.type = 3; }},      {"redirect", [](auto& b) { b.type = 5; }},
         {"timex", [](auto& b) { b.type = 11; }},       {"param", [](auto& b) { b.type = 12; }},
         {"timestamp", [](auto& b) { b.type = 13; }},   {"timestamp-reply", [](auto& b) { b.type = 14; }}}};
    return f;
}

const layer_fields<wire::icmpv6_builder>& icmp6_fields() {
    static const layer_fields<wire::icmpv6_builder> f{
        {{"type", SOCKIT_SET(uint<std::uint8_t>(), b.type)}, {"code", SOCKIT_SET(uint<std::uint8_t>(), b.code)},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.id)}, {"seq", SOCKIT_SET(uint<std::uint16_t>(), b.seq)},
         {"rest", SOCKIT_SET(uint<std::uint32_t>(), b.rest)}, {"target", SOCKIT_SET(ipv6(), b.target)},
         {"dest", SOCKIT_SET(ipv6(), b.destination)}, {"hlim", SOCKIT_SET(uint<std::uint8_t>(), b.cur_hop_limit)},
         {"m", SOCKIT_SET(flag(), b.managed)}, {"o", SOCKIT_SET(flag(), b.other_config)},
         {"lifetime", SOCKIT_SET(uint<std::uint16_t>(), b.router_lifetime)},
         {"reachable", SOCKIT_SET(uint<std::uint32_t>(), b.reachable_time)},
         {"retrans", SOCKIT_SET(uint<std::uint32_t>(), b.retrans_timer)},
         {"router", SOCKIT_SET(flag(), b.router)}, {"solicited", SOCKIT_SET(flag(), b.solicited)},
         {"override", SOCKIT_SET(flag(), b.override_flag)},
         {"sll", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.mac();
              if (!v) return fail(v.error());
              b.options.push_back(wire::ndp_option_builder::link_layer(1, *v));
              return {};
          }},
         {"tll", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.mac();
              if (!v) return fail(v.error());
              b.options.push_back(wire::ndp_option_builder::link_layer(2, *v));
              return {};
          }},
         {"mtu", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.uint<std::uint32_t>();
              if (!v) return fail(v.error());
              if (b.type == 2) {
                  b.rest = *v;  // packet too big carries the MTU in its header
              } else {
                  b.options.push_back(wire::ndp_option_builder::mtu(*v));
              }
              return {};
          }},
         {"prefix", [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              const std::string& s = *t;
              const auto slash = s.find('/');
              auto ip = ip_address::parse_v6(std::string_view(s).substr(0, slash));
              unsigned len = 64;
              bool ok = ip.has_value();
              if (ok && slash != std::string::npos) {
                  auto [end, ec] = std::from_chars(s.data() + slash + 1, s.data() + s.size(), len);
                  ok = ec == std::errc{} && end == s.data() + s.size() && len <= 128;
              }
              if (!ok) return fail(r.bad("icmp6.prefix wants an IPv6 prefix like 2001:db8::/64"));
              std::array<std::uint8_t, 16> p{};
              std::copy(ip->bytes().begin(), ip->bytes().end(), p.begin());
              b.options.push_back(wire::ndp_option_builder::prefix_information(static_cast<std::uint8_t>(len), true,
                                                                               true, 86400, 14400, p));
              return {};
          }},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {{"echo", [](auto& b) { b.type = 128; }},    {"reply", [](auto& b) { b.type = 129; }},
         {"unreach", [](auto& b) { b.type = 1; }},   {"toobig", [](auto& b) { b.type = 2; }},
         {"timex", [](auto& b) { b.type = 3; }},     {"param", [](auto& b) { b.type = 4; }},
         {"rs", [](auto& b) { b.type = 133; }},      {"ra", [](auto& b) { b.type = 134; }},
         {"ns", [](auto& b) { b.type = 135; }},      {"na", [](auto& b) { b.type = 136; }},
         {"redirect", [](auto& b) { b.type = 137; }}}};
    return f;
}

const layer_fields<wire::udp_builder>& udp_fields() {
    static const layer_fields<wire::udp_builder> f{
        {{"sport", SOCKIT_SET(uint<std::uint16_t>(), b.sport)}, {"dport", SOCKIT_SET(uint<std::uint16_t>(), b.dport)},
         {"len", SOCKIT_SET(uint<std::uint16_t>(), b.length)}, {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {}};
    return f;
}

result<std::uint16_t, spec_error> tcp_flags(const value_reader& r) {
    auto t = r.text();
    if (!t) return fail(t.error());
    if (!t->empty() && (*t)[0] >= '0' && (*t)[0] <= '9') {
        auto v = r.number(0x1FF);
        if (!v) return fail(v.error());
        return static_cast<std::uint16_t>(*v);
    }
    std::uint16_t flags = 0;
    for (char c : *t) {
        switch (c) {
            case 'F': case 'f': flags |= wire::tcp_flag::fin; break;
            case 'S': case 's': flags |= wire::tcp_flag::syn; break;
            case 'R': case 'r': flags |= wire::tcp_flag::rst; break;
            case 'P': case 'p': flags |= wire::tcp_flag::psh; break;
            case 'A': case 'a': flags |= wire::tcp_flag::ack; break;
            case 'U': case 'u': flags |= wire::tcp_flag::urg; break;
            case 'E': case 'e': flags |= wire::tcp_flag::ece; break;
            case 'C': case 'c': flags |= wire::tcp_flag::cwr; break;
            case 'N': case 'n': flags |= wire::tcp_flag::ns; break;
            default:
                return fail(r.bad(fmt::format("tcp.flags: '{}' is not one of F S R P A U E C N (or a number)", c)));
        }
    }
    return flags;
}

const layer_fields<wire::tcp_builder>& tcp_fields() {
    static const layer_fields<wire::tcp_builder> f{
        {{"sport", SOCKIT_SET(uint<std::uint16_t>(), b.sport)}, {"dport", SOCKIT_SET(uint<std::uint16_t>(), b.dport)},
         {"seq", SOCKIT_SET(uint<std::uint32_t>(), b.seq)}, {"ack", SOCKIT_SET(uint<std::uint32_t>(), b.ack)},
         {"flags", [](auto& b, const value_reader& r) -> field_result {
              auto v = tcp_flags(r);
              if (!v) return fail(v.error());
              b.flags = *v;
              return {};
          }},
         {"win", SOCKIT_SET(uint<std::uint16_t>(), b.window)}, {"urg", SOCKIT_SET(uint<std::uint16_t>(), b.urgent_pointer)},
         {"mss", SOCKIT_SET(uint<std::uint16_t>(), b.mss)},
         {"wscale", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(14);
              if (!v) return fail(v.error());
              b.window_scale = static_cast<std::uint8_t>(*v);
              return {};
          }},
         {"sackok", SOCKIT_SET(flag(), b.sack_permitted)},
         {"ts", [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              const std::string& s = *t;
              const auto colon = s.find(':');
              std::uint32_t val = 0, ecr = 0;
              bool ok = colon != std::string::npos;
              if (ok) {
                  auto [e1, c1] = std::from_chars(s.data(), s.data() + colon, val);
                  auto [e2, c2] = std::from_chars(s.data() + colon + 1, s.data() + s.size(), ecr);
                  ok = c1 == std::errc{} && e1 == s.data() + colon && c2 == std::errc{} && e2 == s.data() + s.size();
              }
              if (!ok) return fail(r.bad("tcp.ts wants TSVAL:TSECR, e.g. ts=100:0"));
              b.timestamps = std::make_pair(val, ecr);
              return {};
          }},
         {"off", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(15);
              if (!v) return fail(v.error());
              b.data_offset = static_cast<std::uint8_t>(*v);
              return {};
          }},
         {"options", SOCKIT_SET(hex(), b.raw_options)},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {}};
    return f;
}

const layer_fields<wire::raw_builder>& raw_fields() {
    static const layer_fields<wire::raw_builder> f{
        {{"hex", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.hex();
              if (!v) return fail(v.error());
              b.data.insert(b.data.end(), v->begin(), v->end());
              return {};
          }},
         {"text", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.text();
              if (!v) return fail(v.error());
              b.data.insert(b.data.end(), v->begin(), v->end());
              return {};
          }},
         {"zeros", [](auto& b, const value_reader& r) -> field_result {
              auto v = r.number(65535);
              if (!v) return fail(v.error());
              b.data.insert(b.data.end(), static_cast<std::size_t>(*v), std::uint8_t{0});
              return {};
          }}},
        {}};
    return f;
}

/// The dns() layer: a query (or, with qr, a response skeleton) through the DNS codec.
struct dns_layer {
    dns::dns_name qname;
    dns::rr_type qtype = dns::rr_type::a;
    dns::rr_class qclass = dns::rr_class::in;
    dns::query_options options;
    bool qr = false, aa = false, tc = false, ra = false;
    dns::rcode rcode = dns::rcode::noerror;
};

const layer_fields<dns_layer>& dns_fields() {
    static const layer_fields<dns_layer> f{
        {{"qname", [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              auto n = dns::dns_name::parse(*t);
              if (!n) return fail(r.bad(fmt::format("dns.qname is not a domain name: {}", n.error().message())));
              b.qname = *n;
              return {};
          }},
         {"qtype", [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              auto v = dns::parse_rr_type(*t);
              if (!v) return fail(r.bad("dns.qtype wants a type mnemonic (A, AAAA, MX, ...) or TYPEnnn"));
              b.qtype = *v;
              return {};
          }},
         {"qclass", [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              auto v = dns::parse_rr_class(*t);
              if (!v) return fail(r.bad("dns.qclass wants IN, CH, HS, ANY or CLASSnnn"));
              b.qclass = *v;
              return {};
          }},
         {"opcode", [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              auto v = dns::parse_opcode(*t);
              if (!v) return fail(r.bad("dns.opcode wants QUERY, NOTIFY, UPDATE, ... or 0..15"));
              b.options.opcode = *v;
              return {};
          }},
         {"rcode", [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              auto v = dns::parse_rcode(*t);
              if (!v) return fail(r.bad("dns.rcode wants NOERROR, NXDOMAIN, ... or 0..4095"));
              b.rcode = *v;
              return {};
          }},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.options.id)},
         {"rd", SOCKIT_SET(flag(), b.options.recursion_desired)},
         {"ad", SOCKIT_SET(flag(), b.options.authentic_data)},
         {"cd", SOCKIT_SET(flag(), b.options.checking_disabled)},
         {"do", SOCKIT_SET(flag(), b.options.dnssec_ok)},
         {"qr", SOCKIT_SET(flag(), b.qr)}, {"aa", SOCKIT_SET(flag(), b.aa)},
         {"tc", SOCKIT_SET(flag(), b.tc)}, {"ra", SOCKIT_SET(flag(), b.ra)},
         {"edns", [](auto& b, const value_reader& r) -> field_result {
              if (r.a.value && (lower(*r.a.value) == "off" || *r.a.value == "0")) {
                  b.options.edns_payload.reset();
                  return {};
              }
              auto v = r.uint<std::uint16_t>();
              if (!v) return fail(v.error());
              b.options.edns_payload = *v;
              return {};
          }}},
        {{"noedns", [](auto& b) { b.options.edns_payload.reset(); }}}};
    return f;
}

result<byte_buffer, spec_error> encode_dns(const layer_spec& l, bool over_tcp) {
    auto d = apply_fields(l, dns_fields(), dns_layer{});
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
    if (!wire) return fail(make_error(l.offset, l.name, "cannot encode the DNS message: " + wire.error().message()));
    if (over_tcp) {
        (void)dns::append_tcp_frame(out, *wire);  // a query is far below 65535 bytes
    } else {
        out = std::move(*wire);
    }
    return out;
}

template <class B>
result<layer_builder, spec_error> as_layer(result<B, spec_error> r) {
    if (!r) return fail(r.error());
    return layer_builder{std::move(*r)};
}

result<built_packet, spec_error> build_one(const packet_spec& p) {
    std::vector<layer_builder> layers;
    built_packet out;
    out.offset = p.offset;
    for (std::size_t i = 0; i < p.layers.size(); ++i) {
        const layer_spec& l = p.layers[i];
        const std::string& n = l.name;
        const std::string next = i + 1 < p.layers.size() ? p.layers[i + 1].name : std::string();
        result<layer_builder, spec_error> layer = fail(make_error(l.offset, n,
            "unknown layer (known: eth, vlan, ppp, arp, ipv4, ipv6, hbh, rh, frag, dstopts, icmp, icmp6, udp, tcp, "
            "dns, raw)"));
        if (n == "eth" || n == "ether") {
            layer = as_layer(apply_fields(l, eth_fields(), wire::ethernet_builder{}));
        } else if (n == "vlan" || n == "dot1q") {
            layer = as_layer(apply_fields(l, vlan_fields(), wire::vlan_builder{}));
        } else if (n == "ppp") {
            layer = as_layer(apply_fields(l, ppp_fields(), wire::ppp_builder{}));
        } else if (n == "arp") {
            layer = as_layer(apply_fields(l, arp_fields(), wire::arp_builder{}));
        } else if (n == "ipv4" || n == "ip") {
            wire::ipv4_builder b;
            b.src = {127, 0, 0, 1};
            b.dst = {127, 0, 0, 1};
            layer = as_layer(apply_fields(l, ipv4_fields(), b));
        } else if (n == "ipv6" || n == "ip6") {
            wire::ipv6_builder b;
            b.src[15] = 1;
            b.dst[15] = 1;
            // NDP messages must arrive with hop limit 255 (RFC 4861 §6.1): the default follows.
            if (next == "icmp6" && i + 1 < p.layers.size()) {
                for (const arg& a : p.layers[i + 1].args)
                    if (!a.value && (a.key == "rs" || a.key == "ra" || a.key == "ns" || a.key == "na" || a.key == "redirect"))
                        b.hop_limit = 255;
            }
            layer = as_layer(apply_fields(l, ipv6_fields(), b));
        } else if (n == "hbh" || n == "dstopts" || n == "rh" || n == "frag") {
            wire::ipv6_ext_builder b;
            b.kind = n == "hbh" ? 0 : n == "dstopts" ? 60 : n == "rh" ? 43 : 44;
            layer = as_layer(apply_fields(l, ext_fields(), b));
        } else if (n == "icmp") {
            layer = as_layer(apply_fields(l, icmp_fields(), wire::icmp_builder{}));
        } else if (n == "icmp6" || n == "icmpv6") {
            layer = as_layer(apply_fields(l, icmp6_fields(), wire::icmpv6_builder{}));
        } else if (n == "udp") {
            wire::udp_builder b;
            b.sport = 1024;
            b.dport = next == "dns" ? 53 : 9;  // 9: discard
            layer = as_layer(apply_fields(l, udp_fields(), b));
        } else if (n == "tcp") {
            wire::tcp_builder b;
            b.sport = 1024;
            b.dport = next == "dns" ? 53 : 80;
            layer = as_layer(apply_fields(l, tcp_fields(), b));
        } else if (n == "raw") {
            layer = as_layer(apply_fields(l, raw_fields(), wire::raw_builder{}));
        } else if (n == "dns") {
            const bool over_tcp = i > 0 && p.layers[i - 1].name == "tcp";
            auto bytes = encode_dns(l, over_tcp);
            if (!bytes) return fail(bytes.error());
            layer = layer_builder{wire::raw_builder{std::move(*bytes)}};
        }
        if (!layer) return fail(layer.error());
        layers.push_back(std::move(*layer));
        out.layers.push_back(n);
    }
    const std::string& first = p.layers.front().name;
    if (first == "eth" || first == "ether") {
        out.link = wire::link_type::ethernet;
    } else if (first == "ppp") {
        out.link = wire::link_type::ppp;
    } else if (first == "ipv4" || first == "ip" || first == "ipv6" || first == "ip6") {
        out.link = wire::link_type::raw;
    }
    auto bytes = wire::build_packet(layers);
    if (!bytes)
        return fail(make_error(p.offset, p.layers.front().name,
                               fmt::format("cannot build this packet: {}", bytes.error().message())));
    out.bytes = std::move(*bytes);
    return out;
}

}  // namespace

result<std::vector<built_packet>, spec_error> build_packets(std::string_view spec) {
    auto parsed = spec_parser(spec).parse();
    if (!parsed) return fail(parsed.error());
    std::vector<built_packet> out;
    for (const packet_spec& p : *parsed) {
        auto b = build_one(p);
        if (!b) return fail(b.error());
        out.push_back(std::move(*b));
    }
    return out;
}

std::string_view spec_reference() {
    return R"(Layers (fields are key=value; bare words in [brackets]; numbers decimal or 0x hex):
  eth(dst,src,type)                     vlan(vid,pcp,dei,type)            ppp(proto,ac,pfc)
  arp([request|reply],op,sha,spa,tha,tpa)
  ipv4(src,dst,ttl,tos,id,df,mf,evil,frag,proto,len,ihl,chksum,options=HEX)   (alias ip)
  ipv6(src,dst,hlim,tc,flow,nh,plen)    (alias ip6)
  hbh(options=HEX,nh) dstopts(options=HEX,nh) rh(type,segleft,addr...,nh) frag(offset,mf,id,nh)
  icmp([echo|reply|unreach|redirect|timex|param|timestamp|timestamp-reply],type,code,id,seq,gw,mtu,ptr,rest,chksum)
  icmp6([echo|reply|unreach|toobig|timex|param|rs|ra|ns|na|redirect],type,code,id,seq,target,dest,
        router,solicited,override,m,o,hlim,lifetime,reachable,retrans,sll=MAC,tll=MAC,mtu,prefix=P/LEN,rest,chksum)
  udp(sport,dport,len,chksum)           tcp(sport,dport,seq,ack,flags=SA,win,urg,mss,wscale,sackok,ts=V:E,off,options=HEX,chksum)
  dns(qname,qtype,qclass,id,rd,ad,cd,do,edns=N|off,[noedns],qr,aa,tc,ra,opcode,rcode)   (over tcp: length-prefixed)
  raw(hex=HEX,text=TEXT,zeros=N)
Lengths, next-protocol fields and checksums are computed unless given. ';' separates packets.
)";
}

}  // namespace sockit::cli
