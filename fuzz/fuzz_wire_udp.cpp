// SPDX-License-Identifier: MIT
// Fuzz target: the UDP view (RFC 768): length rules, checksums over both pseudo-headers.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <array>
#include <vector>

#include "sockit/wire/udp_view.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A copy, so that any read past the end lands in the sanitizer's redzone.
    std::vector<std::uint8_t> in(data, data + size);
    bytes_view b(in);
    std::uint64_t acc = 0;
    auto sum = [&acc](bytes_view v) {
        for (std::uint8_t x : v) acc += x;
    };
    if (auto v = udp_view::parse(b)) {
        if (v->payload().size() > b.size()) std::abort();
        sum(v->payload());
        std::array<std::uint8_t, 4> a{127, 0, 0, 1};
        std::array<std::uint8_t, 16> a6{};
        acc += static_cast<std::uint64_t>(v->checksum_ok_v4(a, a)) + static_cast<std::uint64_t>(v->checksum_ok_v6(a6, a6));
    }
    return acc == 0xdeadbeefcafe ? 1 : 0;
}
