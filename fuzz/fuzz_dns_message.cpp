// SPDX-License-Identifier: MIT
// libFuzzer target for the DNS message codec (RFC 1035 §4): view and owned decoding agree, presentation
// never fails, and decode(encode(decode(x))) == decode(x), compressed and not.
#include <cstddef>
#include <cstdint>

#include "fuzz_check.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/dns/presentation.hpp"
#include "sockit/dns/tcp_framing.hpp"

namespace {

using sockit::fuzz::check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sockit::dns;
    const sockit::bytes_view wire(data, size);
    auto view = message_view::parse(wire);
    auto m = message::decode(wire);
    check(view.has_value() == m.has_value());
    // The same bytes as a TCP stream: a frame, when complete, is a prefix view of the input.
    if (auto frame = next_tcp_frame(wire))
        check(frame->consumed <= size && frame->message.data() == data + 2);
    if (!m) return 0;
    for (section s : {section::question, section::answer, section::authority, section::additional}) {
        for (const record_view& r : view->entries(s)) {
            check(r.name().has_value());
            if (s != section::question) check(r.rdata().has_value());
        }
    }
    check(!to_string(*m).empty());
    for (bool compress : {true, false}) {
        auto again = m->encode(compress);
        check(again.has_value());
        auto m2 = message::decode(*again);
        check(m2.has_value());
        check(*m2 == *m);
    }
    return 0;
}
