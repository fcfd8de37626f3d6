// SPDX-License-Identifier: MIT
// Fuzz target: the IPv4 view (RFC 791): header, options walk, checksum, payload bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/ipv4_view.hpp"
#include "sockit/wire/option_cursor.hpp"

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
    if (auto v = ipv4_view::parse(b)) {
        if (v->header_size() > b.size() || v->payload().size() > b.size()) std::abort();
        acc += static_cast<std::uint64_t>(v->checksum_ok()) + v->fragment_offset() + v->total_length();
        sum(v->payload());
        option_cursor oc(v->options());
        option_entry e;
        int n = 0;
        while (oc.next(e)) {
            sum(e.value);
            if (++n > 40) std::abort();  // 40 option bytes cannot hold more options
        }
    }
    return acc == 0xdeadbeefcafe ? 1 : 0;
}
