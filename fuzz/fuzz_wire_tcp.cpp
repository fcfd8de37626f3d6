// SPDX-License-Identifier: MIT
// Fuzz target: the TCP view (RFC 9293): options MSS, window scale, SACK, timestamps, checksum.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/option_cursor.hpp"
#include "sockit/wire/tcp_view.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t& acc, const auto& sum) {
        if (auto v = tcp_view::parse(b)) {
            if (v->header_size() > b.size()) std::abort();
            acc += v->mss().value_or(0) + v->window_scale().value_or(0) +
                   static_cast<std::uint64_t>(v->sack_permitted());
            if (auto t = v->timestamps()) acc += t->value + t->echo_reply;
            if (v->sack_blocks().size() % 8 != 0) std::abort();
            sum(v->sack_blocks());
            sum(v->payload());
            std::array<std::uint8_t, 4> a{1, 2, 3, 4};
            acc += static_cast<std::uint64_t>(v->checksum_ok_v4(a, a));
            option_cursor oc(v->options());
            option_entry e;
            while (oc.next(e)) sum(e.value);
        }
    });
}
