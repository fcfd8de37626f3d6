// SPDX-License-Identifier: MIT
// Fuzz target: the ARP view (RFC 826) with any address sizes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/arp_view.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t&, const auto& sum) {
        if (auto v = arp_view::parse(b)) {
            if (v->size() > b.size()) std::abort();
            sum(v->sender_hw());
            sum(v->sender_proto());
            sum(v->target_hw());
            sum(v->target_proto());
            sum(v->payload());
        }
    });
}
