// SPDX-License-Identifier: MIT
// layers_icmp: the field tables of icmp (RFC 792) and icmp6 (RFC 4443, NDP options RFC 4861).
#include <algorithm>
#include <charconv>
#include <cstdint>

#include "layer_builders.hpp"
#include "sockit/ip/ip_address.hpp"

namespace sockit::packet_spec {

layer_result build_icmp(const layer_context& c) {
    static const field_table<wire::icmp_builder> fields{
        {{"type", SOCKIT_SET(uint<std::uint8_t>(), b.type)},
         {"code", SOCKIT_SET(uint<std::uint8_t>(), b.code)},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.id)},
         {"seq", SOCKIT_SET(uint<std::uint16_t>(), b.seq)},
         {"gw", SOCKIT_SET(ipv4(), b.gateway)},
         {"mtu", SOCKIT_SET(uint<std::uint16_t>(), b.next_hop_mtu)},
         {"ptr", SOCKIT_SET(uint<std::uint8_t>(), b.pointer)},
         {"rest", SOCKIT_SET(uint<std::uint32_t>(), b.rest)},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {{"echo", [](auto& b) { b.type = 8; }},
         {"reply", [](auto& b) { b.type = 0; }},
         {"unreach", [](auto& b) { b.type = 3; }},
         {"redirect", [](auto& b) { b.type = 5; }},
         {"timex", [](auto& b) { b.type = 11; }},
         {"param", [](auto& b) { b.type = 12; }},
         {"timestamp", [](auto& b) { b.type = 13; }},
         {"timestamp-reply", [](auto& b) { b.type = 14; }}}};
    return build_layer(c.layer, fields, wire::icmp_builder{});
}

layer_result build_icmp6(const layer_context& c) {
    static const field_table<wire::icmpv6_builder> fields{
        {{"type", SOCKIT_SET(uint<std::uint8_t>(), b.type)},
         {"code", SOCKIT_SET(uint<std::uint8_t>(), b.code)},
         {"id", SOCKIT_SET(uint<std::uint16_t>(), b.id)},
         {"seq", SOCKIT_SET(uint<std::uint16_t>(), b.seq)},
         {"rest", SOCKIT_SET(uint<std::uint32_t>(), b.rest)},
         {"target", SOCKIT_SET(ipv6(), b.target)},
         {"dest", SOCKIT_SET(ipv6(), b.destination)},
         {"hlim", SOCKIT_SET(uint<std::uint8_t>(), b.cur_hop_limit)},
         {"m", SOCKIT_SET(flag(), b.managed)},
         {"o", SOCKIT_SET(flag(), b.other_config)},
         {"lifetime", SOCKIT_SET(uint<std::uint16_t>(), b.router_lifetime)},
         {"reachable", SOCKIT_SET(uint<std::uint32_t>(), b.reachable_time)},
         {"retrans", SOCKIT_SET(uint<std::uint32_t>(), b.retrans_timer)},
         {"router", SOCKIT_SET(flag(), b.router)},
         {"solicited", SOCKIT_SET(flag(), b.solicited)},
         {"override", SOCKIT_SET(flag(), b.override_flag)},
         {"sll", SOCKIT_USE(mac(), b.options.push_back(wire::ndp_option_builder::link_layer(1, v)))},
         {"tll", SOCKIT_USE(mac(), b.options.push_back(wire::ndp_option_builder::link_layer(2, v)))},
         {"mtu",
          [](auto& b, const value_reader& r) -> field_result {
              return use_value(r.uint<std::uint32_t>(), [&](std::uint32_t v) {
                  if (b.type == 2) {
                      b.rest = v;  // packet too big carries the MTU in its header
                  } else {
                      b.options.push_back(wire::ndp_option_builder::mtu(v));
                  }
              });
          }},
         {"prefix",
          [](auto& b, const value_reader& r) -> field_result {
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
              b.options.push_back(wire::ndp_option_builder::prefix_information(static_cast<std::uint8_t>(len),
                                                                               true, true, 86400, 14400, p));
              return {};
          }},
         {"chksum", SOCKIT_SET(uint<std::uint16_t>(), b.checksum)}},
        {{"echo", [](auto& b) { b.type = 128; }},
         {"reply", [](auto& b) { b.type = 129; }},
         {"unreach", [](auto& b) { b.type = 1; }},
         {"toobig", [](auto& b) { b.type = 2; }},
         {"timex", [](auto& b) { b.type = 3; }},
         {"param", [](auto& b) { b.type = 4; }},
         {"rs", [](auto& b) { b.type = 133; }},
         {"ra", [](auto& b) { b.type = 134; }},
         {"ns", [](auto& b) { b.type = 135; }},
         {"na", [](auto& b) { b.type = 136; }},
         {"redirect", [](auto& b) { b.type = 137; }}}};
    return build_layer(c.layer, fields, wire::icmpv6_builder{});
}

}  // namespace sockit::packet_spec
