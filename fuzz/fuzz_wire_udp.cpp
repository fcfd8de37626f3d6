// SPDX-License-Identifier: MIT
// Fuzz target: the UDP view (RFC 768): length rules, checksums over both pseudo-headers.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/udp_view.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t& acc, const auto& sum) {
        if (auto v = udp_view::parse(b)) {
            if (v->payload().size() > b.size()) std::abort();
            sum(v->payload());
            std::array<std::uint8_t, 4> a{127, 0, 0, 1};
            std::array<std::uint8_t, 16> a6{};
            acc += static_cast<std::uint64_t>(v->checksum_ok_v4(a, a)) +
                   static_cast<std::uint64_t>(v->checksum_ok_v6(a6, a6));
        }
    });
}
