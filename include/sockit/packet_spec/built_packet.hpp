// SPDX-License-Identifier: MIT
// built_packet: the packets of a `sockit build` layer spec ("eth(...)/ipv4(...)/udp(...)/dns(...); ..."),
// parsed into wire packet builders and built into bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/packet_spec/spec_error.hpp"
#include "sockit/wire/link_type.hpp"

namespace sockit::packet_spec {

/// One built packet.
struct built_packet {
    std::optional<wire::link_type> link;  ///< from the first layer: eth, ppp, ipv4/ipv6 (raw); none otherwise
    byte_buffer bytes;
    std::vector<std::string> layers;  ///< layer names as written (lower case), outermost first
    std::size_t offset = 0;           ///< where the packet starts in the spec
};

/// Parses spec and builds every packet in it (';' separates packets, '/' layers, "name(key=value,...)"
/// a layer). Lengths, next-protocol fields and checksums are filled in unless given.
/// Errors: spec_error naming the token and its offset. Allocates; no I/O; thread-safe.
result<std::vector<built_packet>, spec_error> build_packets(std::string_view spec);

/// The layers and fields build_packets() accepts, for --help.
std::string_view spec_reference() noexcept;

}  // namespace sockit::packet_spec
