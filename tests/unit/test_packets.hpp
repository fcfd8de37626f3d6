// SPDX-License-Identifier: MIT
// test_packets: the addresses the packet tests build frames from (documentation ranges, RFC 5737 and
// RFC 3849, locally administered MACs) and build(), which builds a stack or fails the test.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "sockit/wire/packet_builder.hpp"

namespace sockit::test {

inline const wire::mac_address mac_a({0x02, 0x00, 0x00, 0x00, 0x00, 0x01});
inline const wire::mac_address mac_b({0x02, 0x00, 0x00, 0x00, 0x00, 0x02});
inline const std::array<std::uint8_t, 4> ip_a{192, 0, 2, 1};
inline const std::array<std::uint8_t, 4> ip_b{198, 51, 100, 7};
inline const std::array<std::uint8_t, 16> ip6_a{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
inline const std::array<std::uint8_t, 16> ip6_b{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

/// The packet the layers build; a build error fails the calling test and gives an empty buffer.
inline byte_buffer build(std::vector<wire::layer_builder> layers) {
    auto r = wire::build_packet(layers);
    EXPECT_TRUE(r) << r.error().message();
    return r ? *r : byte_buffer{};
}

}  // namespace sockit::test
