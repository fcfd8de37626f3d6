// SPDX-License-Identifier: MIT
// layer_builders: one builder per layer kind of the spec language, each from its own field table
// (layers_link.cpp, layers_ip.cpp, layers_icmp.cpp, layers_transport.cpp, layers_dns.cpp).
#pragma once

#include <cstdint>

#include "field_table.hpp"

namespace sockit::packet_spec {

/// Each builds its layer from c.layer's arguments and the defaults its neighbours imply. Errors:
/// spec_error at an unknown field or a bad value. Allocates.
layer_result build_eth(const layer_context& c);
layer_result build_vlan(const layer_context& c);
layer_result build_ppp(const layer_context& c);
layer_result build_arp(const layer_context& c);
layer_result build_ipv4(const layer_context& c);
layer_result build_ipv6(const layer_context& c);
/// kind: the extension header's protocol number (0 hop-by-hop, 43 routing, 44 fragment, 60 destination).
layer_result build_ipv6_ext(const layer_context& c, std::uint8_t kind);
layer_result build_icmp(const layer_context& c);
layer_result build_icmp6(const layer_context& c);
layer_result build_udp(const layer_context& c);
layer_result build_tcp(const layer_context& c);
layer_result build_raw(const layer_context& c);
layer_result build_dns(const layer_context& c);

}  // namespace sockit::packet_spec
