// SPDX-License-Identifier: MIT
// Fuzz target: the PPP view (RFC 1661) and HDLC-like framing (RFC 1662): unframe, and frame/unframe round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/ppp_hdlc.hpp"
#include "sockit/wire/ppp_view.hpp"

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
    if (auto v = ppp_view::parse(b)) {
        acc += v->protocol();
        sum(v->payload());
    }
    byte_buffer out;
    if (ppp_hdlc_unframe(b, out)) sum(out);
    byte_buffer framed;
    ppp_hdlc_frame(b, framed);
    byte_buffer back;
    if (!ppp_hdlc_unframe(framed, back) || back != in) std::abort();  // framing must round-trip
    return acc == 0xdeadbeefcafe ? 1 : 0;
}
