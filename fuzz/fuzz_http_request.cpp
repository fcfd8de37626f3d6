// SPDX-License-Identifier: MIT
// Fuzz target for http::request_parser (RFC 9112): no crash or hang; the whole-buffer, byte-by-byte and
// split parses give the same transcript; every request parsed is serialized again and parses the same.
#include <cstdint>
#include <string>
#include <string_view>

#include "http_fuzz.hpp"
#include "sockit/http/message_writer.hpp"
#include "sockit/http/request_parser.hpp"

namespace {

using namespace sockit;
using namespace sockit::http;
using namespace sockit::fuzz;

// Serializes a parsed request (head and decoded body) and checks that it parses back to the same.
void round_trip(const request_head& head, const std::string& body, const http_limits& limits) {
    byte_buffer out;
    message_writer w(out);
    check(w.request_line(head.method, head.target, head.version).has_value());
    write_fields_and_body(w, head.headers, head.body.kind, body);
    const std::string again = fuzz::parse_requests(as_chars(bytes_view(out)), {}, relaxed(limits), 2);
    const std::string expected = fuzz::describe(head) + "body [" + body + "]\nend\n";
    check(again == expected);
}

// Parses in place and round-trips every complete request.
void parse_and_round_trip(std::string_view input, const http_limits& limits) {
    request_parser p(limits);
    bytes_view in = as_bytes(input);
    for (int m = 0; m < 64; ++m) {
        auto n = p.parse_head(in);
        if (!n) return;
        in = in.subspan(*n);
        std::string body;
        while (!p.message_complete()) {
            auto part = p.read_body(in);
            if (!part) return;
            body.append(as_chars(part->data));
            in = in.subspan(part->consumed);
        }
        round_trip(p.head(), body, limits);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    for (const http_limits& limits : {http_limits{}, small_limits()}) {
        check_splits_agree(data, size, [&](const fuzz::split_plan& plan) {
            return fuzz::parse_requests(input, plan, limits);
        });
        parse_and_round_trip(input, limits);
    }
    return 0;
}
