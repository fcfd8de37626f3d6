// SPDX-License-Identifier: MIT
// Fuzz target for http::response_parser (RFC 9112): no crash or hang; whole-buffer, byte-by-byte and
// split parses agree; every response parsed is serialized again and parses the same.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "http_fuzz.hpp"
#include "sockit/http/message_writer.hpp"
#include "sockit/http/response_parser.hpp"
#include "sockit/http/status_code.hpp"

namespace {

using namespace sockit;
using namespace sockit::http;
using namespace sockit::fuzz;

// Serializes a parsed response and checks that it parses back to the same head and body. An empty
// reason comes back as the registered phrase (the writer fills it in).
void round_trip(const response_head& head, const std::string& body, std::string_view method,
                const http_limits& limits) {
    byte_buffer out;
    message_writer w(out);
    check(w.status_line(head.status, head.reason, head.version).has_value());
    write_fields_and_body(w, head.headers, head.body.kind, body);
    response_parser p(relaxed(limits));
    auto n = p.parse_head(bytes_view(out), method);
    check(n.has_value());
    response_head expected = head;
    if (expected.reason.empty()) expected.reason = reason_phrase(head.status);
    check(fuzz::describe(p.head()) == fuzz::describe(expected));
    bytes_view in = bytes_view(out).subspan(*n);
    std::string again;
    while (!p.message_complete()) {
        auto part = p.read_body(in);
        if (!part) {
            check(part.error() == codec_errc::need_more && p.finish().has_value());
            break;
        }
        again.append(as_chars(part->data));
        in = in.subspan(part->consumed);
    }
    check(again == body && in.empty());
}

void parse_and_round_trip(std::string_view input, const std::vector<std::string>& methods,
                          const http_limits& limits) {
    response_parser p(limits);
    bytes_view in = as_bytes(input);
    std::size_t request = 0;
    for (int m = 0; m < 64; ++m) {
        const std::string method = request < methods.size() ? methods[request] : "GET";
        auto n = p.parse_head(in, method);
        if (!n) return;
        if (!p.head().is_interim()) ++request;
        in = in.subspan(*n);
        std::string body;
        while (!p.message_complete()) {
            auto part = p.read_body(in);
            if (!part) {
                if (part.error() != codec_errc::need_more || !p.finish()) return;
                break;
            }
            body.append(as_chars(part->data));
            in = in.subspan(part->consumed);
        }
        round_trip(p.head(), body, method, limits);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string> method_sets[] = {{}, {"HEAD", "CONNECT", "GET", "HEAD"}};
    for (const http_limits& limits : {http_limits{}, small_limits()}) {
        for (const auto& methods : method_sets) {
            check_splits_agree(data, size, [&](const fuzz::split_plan& plan) {
                return fuzz::parse_responses(input, plan, methods, limits);
            });
            parse_and_round_trip(input, methods, limits);
        }
    }
    return 0;
}
