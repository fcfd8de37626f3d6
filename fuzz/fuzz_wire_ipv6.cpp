// SPDX-License-Identifier: MIT
// Fuzz target: the IPv6 view and the extension-header chain (RFC 8200).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/ipv6_ext_view.hpp"
#include "sockit/wire/ipv6_view.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t& acc, const auto& sum) {
        if (auto v = ipv6_view::parse(b)) {
            sum(v->payload());
            bytes_view rest = v->payload();
            std::uint8_t nh = v->next_header();
            for (int i = 0; i < 64 && ipv6_ext_view::is_extension(nh); ++i) {
                auto e = ipv6_ext_view::parse(nh, rest);
                if (!e) break;
                if (e->header_size() > rest.size()) std::abort();
                sum(e->header());
                if (nh == 43) sum(e->routing_data());
                if (nh == 0 || nh == 60) sum(e->options());
                acc += e->fragment_offset() + e->identification();
                nh = e->next_header();
                rest = e->payload();
            }
        }
    });
}
