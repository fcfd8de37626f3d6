// SPDX-License-Identifier: MIT
// Fuzz target for http::request_parser (RFC 9112): no crash or hang; the whole-buffer, byte-by-byte and
// split parses give the same transcript; every request parsed is serialized again and parses the same.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../tests/unit/test_http_support.hpp"
#include "http_fuzz.hpp"
#include "sockit/http/message_writer.hpp"
#include "sockit/http/request_parser.hpp"

namespace {

using namespace sockit;
using namespace sockit::http;

using sockit::fuzz::check;
using sockit::fuzz::small_limits;

// Serializes a parsed request (head and decoded body) and checks that it parses back to the same.
void round_trip(const request_head& head, const std::string& body, const http_limits& limits) {
    byte_buffer out;
    message_writer w(out);
    // What the parser accepted, the writer must accept: both use the same grammar.
    check(w.request_line(head.method, head.target, head.version).has_value());
    for (const header_field& f : head.headers) check(w.header(f.name, f.value).has_value());
    w.end_head();
    if (head.body.kind == body_kind::chunked) {
        w.chunk(as_bytes(body));
        w.last_chunk();
    } else {
        w.body(as_bytes(body));
    }
    // The writer's lines may be longer than the input's ("a:b" becomes "a: b", LF becomes CRLF):
    // reparse with room for that, the same body and field-count limits.
    http_limits relaxed = limits;
    relaxed.max_start_line = relaxed.max_field_line = relaxed.max_head = std::size_t{1} << 20;
    const std::string again = testing::parse_requests(as_chars(bytes_view(out)), {}, relaxed, 2);
    const std::string expected = testing::describe(head) + "body [" + body + "]\nend\n";
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
        const std::string whole = testing::parse_requests(input, {}, limits);
        if (size <= 2048) check(testing::parse_requests(input, testing::byte_by_byte(), limits) == whole);
        std::uint32_t seed = static_cast<std::uint32_t>(size);
        for (std::size_t i = 0; i < size && i < 8; ++i) seed = seed * 31 + data[i];
        check(testing::parse_requests(input, testing::random_splits(seed, 32, 64), limits) == whole);
        parse_and_round_trip(input, limits);
    }
    return 0;
}
