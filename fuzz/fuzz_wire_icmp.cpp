// SPDX-License-Identifier: MIT
// Fuzz target: ICMP (RFC 792) and ICMPv6 with NDP messages and options (RFC 4443, RFC 4861).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "sockit/wire/icmp_view.hpp"
#include "sockit/wire/icmpv6_view.hpp"
#include "view_fuzz.hpp"

using namespace sockit;
using namespace sockit::wire;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz_view(data, size, [&](bytes_view b, std::uint64_t& acc, const auto& sum) {
        if (auto v = icmp_view::parse(b)) {
            acc += v->rest_of_header() + static_cast<std::uint64_t>(v->checksum_ok());
            sum(v->body());
        }
        if (auto v = icmpv6_view::parse(b)) {
            acc += v->rest_of_header() + v->id() + v->seq();
            if (v->is_ndp()) {
                if (!v->has_fields()) std::abort();  // parse guarantees the fixed part of NDP messages
                if (v->type() == 134) acc += v->reachable_time() + v->retrans_timer();
                if (v->type() >= 135) sum(v->target());
                if (v->type() == 137) sum(v->destination());
            }
            ndp_option_cursor oc(v->ndp_options());
            ndp_option o;
            while (oc.next(o)) sum(o.value);
            sum(v->body());
        }
    });
}
