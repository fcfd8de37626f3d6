// SPDX-License-Identifier: MIT
// Fuzz target: the PPP view (RFC 1661) and HDLC-like framing (RFC 1662): unframe, and frame/unframe round
// trip.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/ppp_hdlc.hpp"
#include "sockit/wire/ppp_view.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t& acc, const auto& sum) {
        if (auto v = ppp_view::parse(b)) {
            acc += v->protocol();
            sum(v->payload());
        }
        byte_buffer out;
        if (ppp_hdlc_unframe(b, out)) sum(out);
        byte_buffer framed;
        ppp_hdlc_frame(b, framed);
        byte_buffer back;
        if (!ppp_hdlc_unframe(framed, back) || !std::equal(back.begin(), back.end(), b.begin(), b.end()))
            std::abort();  // framing must round-trip
    });
}
