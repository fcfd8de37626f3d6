// SPDX-License-Identifier: MIT
// Fuzz target: link-layer views: Ethernet II, 802.1Q tags, Linux SLL/SLL2, BSD loopback.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/ethernet_view.hpp"
#include "sockit/wire/null_view.hpp"
#include "sockit/wire/sll_view.hpp"
#include "sockit/wire/vlan_view.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t& acc, const auto& sum) {
        if (auto v = ethernet_view::parse(b)) {
            acc += std::uint64_t{v->ethertype()} + v->dst().bytes()[0];
            bytes_view rest = v->payload();
            for (int i = 0; i < 8; ++i) {
                auto t = vlan_view::parse(rest);
                if (!t) break;
                acc += std::uint64_t{t->vid()} + t->pcp();
                rest = t->payload();
            }
            sum(rest);
        }
        if (auto v = sll_view::parse_v1(b)) sum(v->address());
        if (auto v = sll_view::parse_v2(b)) sum(v->address());
        if (auto v = null_view::parse(b, size % 2 == 0)) acc += v->family();
    });
}
