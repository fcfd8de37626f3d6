// SPDX-License-Identifier: MIT
// layers_transport: the field tables of udp (RFC 768), tcp (RFC 9293, options RFC 7323, 2018) and raw
// payload bytes.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>

#include "layer_builders.hpp"
#include "sockit/wire/tcp_view.hpp"

namespace sockit::packet_spec {

namespace {

// tcpdump's letters for the TCP flags (C for CWR), in either case.
struct flag_letter {
    char letter;
    std::uint16_t bit;
};
constexpr flag_letter flag_letters[] = {
    {'f', wire::tcp_flag::fin}, {'s', wire::tcp_flag::syn}, {'r', wire::tcp_flag::rst},
    {'p', wire::tcp_flag::psh}, {'a', wire::tcp_flag::ack}, {'u', wire::tcp_flag::urg},
    {'e', wire::tcp_flag::ece}, {'c', wire::tcp_flag::cwr}, {'n', wire::tcp_flag::ns},
};

/// tcp.flags: letters ("SA") or a number of up to 9 bits.
result<std::uint16_t, spec_error> tcp_flags(const value_reader& r) {
    auto t = r.text();
    if (!t) return fail(t.error());
    if (!t->empty() && (*t)[0] >= '0' && (*t)[0] <= '9') return r.up_to<std::uint16_t>(0x1FF);
    std::uint16_t flags = 0;
    for (char c : *t) {
        const char lower_c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        const auto* f = std::find_if(std::begin(flag_letters), std::end(flag_letters),
                                     [&](const flag_letter& l) { return l.letter == lower_c; });
        if (f == std::end(flag_letters))
            return fail(
                r.bad(fmt::format("tcp.flags: '{}' is not one of F S R P A U E C N (or a number)", c)));
        flags |= f->bit;
    }
    return flags;
}

}  // namespace

layer_result build_udp(const layer_context& c) {
    static const field_table<wire::udp_builder> fields{
        {{"sport", SOCKIT_SET(uint<std::uint16_t>(), b.sport)},
         {"dport", SOCKIT_SET(uint<std::uint16_t>(), b.dport)},
         {"len", SOCKIT_SET(uint<std::uint16_t>(), b.length)},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {}};
    wire::udp_builder b;
    b.sport = 1024;
    b.dport = c.next_is("dns") ? 53 : 9;  // 9: discard
    return build_layer(c.layer, fields, b);
}

layer_result build_tcp(const layer_context& c) {
    static const field_table<wire::tcp_builder> fields{
        {{"sport", SOCKIT_SET(uint<std::uint16_t>(), b.sport)},
         {"dport", SOCKIT_SET(uint<std::uint16_t>(), b.dport)},
         {"seq", SOCKIT_SET(uint<std::uint32_t>(), b.seq)},
         {"ack", SOCKIT_SET(uint<std::uint32_t>(), b.ack)},
         {"flags", [](auto& b, const value_reader& r) -> field_result { return set(b.flags, tcp_flags(r)); }},
         {"win", SOCKIT_SET(uint<std::uint16_t>(), b.window)},
         {"urg", SOCKIT_SET(uint<std::uint16_t>(), b.urgent_pointer)},
         {"mss", SOCKIT_SET(uint<std::uint16_t>(), b.mss)},
         {"wscale", SOCKIT_SET(up_to<std::uint8_t>(14), b.window_scale)},
         {"sackok", SOCKIT_SET(flag(), b.sack_permitted)},
         {"ts",
          [](auto& b, const value_reader& r) -> field_result {
              auto t = r.text();
              if (!t) return fail(t.error());
              const std::string& s = *t;
              const auto colon = s.find(':');
              std::uint32_t val = 0, ecr = 0;
              bool ok = colon != std::string::npos;
              if (ok) {
                  auto [e1, c1] = std::from_chars(s.data(), s.data() + colon, val);
                  auto [e2, c2] = std::from_chars(s.data() + colon + 1, s.data() + s.size(), ecr);
                  ok = c1 == std::errc{} && e1 == s.data() + colon && c2 == std::errc{} &&
                       e2 == s.data() + s.size();
              }
              if (!ok) return fail(r.bad("tcp.ts wants TSVAL:TSECR, e.g. ts=100:0"));
              b.timestamps = std::make_pair(val, ecr);
              return {};
          }},
         {"off", SOCKIT_SET(up_to<std::uint8_t>(15), b.data_offset)},
         {"options", SOCKIT_SET(hex(), b.raw_options)},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {}};
    wire::tcp_builder b;
    b.sport = 1024;
    b.dport = c.next_is("dns") ? 53 : 80;
    return build_layer(c.layer, fields, b);
}

layer_result build_raw(const layer_context& c) {
    static const field_table<wire::raw_builder> fields{
        {{"hex", SOCKIT_USE(hex(), b.data.insert(b.data.end(), v.begin(), v.end()))},
         {"text", SOCKIT_USE(text(), b.data.insert(b.data.end(), v.begin(), v.end()))},
         {"zeros", SOCKIT_USE(number(65535),
                              b.data.insert(b.data.end(), static_cast<std::size_t>(v), std::uint8_t{0}))}},
        {}};
    return build_layer(c.layer, fields, wire::raw_builder{});
}

}  // namespace sockit::packet_spec
