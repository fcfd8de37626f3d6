// SPDX-License-Identifier: MIT
// Fuzz target: the ARP view (RFC 826) with any address sizes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/arp_view.hpp"

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
    if (auto v = arp_view::parse(b)) {
        if (v->size() > b.size()) std::abort();
        sum(v->sender_hw());
        sum(v->sender_proto());
        sum(v->target_hw());
        sum(v->target_proto());
        sum(v->payload());
    }
    return acc == 0xdeadbeefcafe ? 1 : 0;
}
