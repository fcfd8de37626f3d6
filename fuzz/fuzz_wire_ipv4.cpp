// SPDX-License-Identifier: MIT
// Fuzz target: the IPv4 view (RFC 791): header, options walk, checksum, payload bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/ipv4_view.hpp"
#include "sockit/wire/option_cursor.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t& acc, const auto& sum) {
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
    });
}
