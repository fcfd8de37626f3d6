// SPDX-License-Identifier: MIT
// Transcript driver for the HTTP/1.1 parsers (RFC 9112): feeds a byte stream in pieces the way a socket
// would and writes a transcript of what was parsed, so whole, byte-by-byte and randomly split parses can
// be compared. Used by fuzz/fuzz_http_*.cpp and tests/unit/test_http_*.cpp (tests may include fuzz/
// helpers, never the reverse); depends on nothing but the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/codec_errc.hpp"
#include "sockit/http/request_parser.hpp"
#include "sockit/http/response_parser.hpp"

namespace sockit::fuzz {

/// Piece sizes of a feed: empty means "everything at once"; otherwise sizes are used in turn, cyclically.
using split_plan = std::vector<std::size_t>;

inline split_plan byte_by_byte() { return {1}; }

/// Random piece sizes in [1, max_piece], reproducible from the seed.
inline split_plan random_splits(std::uint32_t seed, std::size_t count = 64, std::size_t max_piece = 17) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> dist(1, max_piece);
    split_plan plan(count);
    for (auto& s : plan) s = dist(rng);
    return plan;
}

inline const char* framing_name(http::body_kind k) {
    switch (k) {
        case http::body_kind::none: return "none";
        case http::body_kind::content_length: return "length";
        case http::body_kind::chunked: return "chunked";
        case http::body_kind::until_close: return "close";
    }
    return "?";
}

inline void append_fields(std::string& t, const http::header_list& headers) {
    for (const http::header_field& f : headers) {
        t += "  ";
        t += f.name;
        t += ": [";
        t += f.value;
        t += "]\n";
    }
}

inline std::string describe(const http::request_head& h) {
    std::string t = "request ";
    t += h.method;
    t += ' ';
    t += h.target;
    t += " HTTP/" + std::to_string(h.version.major) + "." + std::to_string(h.version.minor);
    t += std::string(" framing=") + framing_name(h.body.kind) + " " + std::to_string(h.body.length);
    t += h.keep_alive() ? " keep-alive\n" : " close\n";
    append_fields(t, h.headers);
    return t;
}

inline std::string describe(const http::response_head& h) {
    std::string t =
        "response HTTP/" + std::to_string(h.version.major) + "." + std::to_string(h.version.minor);
    t += " " + std::to_string(h.status) + " [";
    t += h.reason;
    t += std::string("] framing=") + framing_name(h.body.kind) + " " + std::to_string(h.body.length);
    t += h.keep_alive() ? " keep-alive\n" : " close\n";
    append_fields(t, h.headers);
    return t;
}

inline std::string describe_error(std::error_code ec) {
    return std::string("error ") + ec.category().name() + ":" + std::to_string(ec.value()) + " " +
           ec.message() + "\n";
}

/// Parses every message in `in` in place (no copy, unlike feeder: for memory that ends at a guard page) with
/// a Parser (request_parser or response_parser, which also takes the request `method`). Returns the
/// transcript: each head and body span, then "need_more" or the error.
template <class Parser, class... Method>
std::string parse_in_place(bytes_view in, const Method&... method) {
    Parser p;
    std::string t;
    for (int m = 0; m < 100; ++m) {
        auto head = p.parse_head(in, method...);
        if (!head)
            return t + (head.error() == codec_errc::need_more ? "need_more\n" : describe_error(head.error()));
        t += describe(p.head());
        in = in.subspan(*head);
        while (!p.message_complete()) {
            auto part = p.read_body(in);
            if (!part)
                return t +
                       (part.error() == codec_errc::need_more ? "need_more\n" : describe_error(part.error()));
            t += "body [" + std::string(as_chars(part->data)) + "]\n";
            in = in.subspan(part->consumed);
        }
    }
    return t;
}

/// A receive buffer fed from `input` by a split plan. window() is a fresh heap copy of exactly the
/// unconsumed bytes, so a parser that reads past what it was given trips AddressSanitizer, and so that
/// the buffer moves between calls as a real one may.
class feeder {
public:
    feeder(std::string_view input, const split_plan& plan) : input_(input), plan_(plan) {
        if (plan_.empty()) end_ = input_.size();
        refresh();
    }
    bool more() {
        if (end_ == input_.size()) return false;
        std::size_t n = plan_[next_++ % plan_.size()];
        end_ += std::min(n == 0 ? std::size_t{1} : n, input_.size() - end_);
        refresh();
        return true;
    }
    void consume(std::size_t n) {
        start_ += n;
        refresh();
    }
    [[nodiscard]] bytes_view window() const { return {copy_.get(), end_ - start_}; }
    [[nodiscard]] bool exhausted() const { return end_ == input_.size(); }
    [[nodiscard]] bool empty() const { return start_ == end_; }

private:
    void refresh() {
        std::size_t n = end_ - start_;
        copy_ = std::make_unique<std::uint8_t[]>(n == 0 ? 1 : n);
        for (std::size_t i = 0; i < n; ++i) copy_[i] = static_cast<std::uint8_t>(input_[start_ + i]);
    }

    std::string_view input_;
    split_plan plan_;
    std::size_t next_ = 0;
    std::size_t start_ = 0;
    std::size_t end_ = 0;
    std::unique_ptr<std::uint8_t[]> copy_;
};

/// Reads the body of p's current message from `in` into `body`, asking `in` for more as needed. Returns
/// no error when the message is complete, codec_errc::need_more when the input ran out inside the body,
/// else the parser's error.
template <class Parser>
std::error_code read_body(Parser& p, feeder& in, std::string& body) {
    while (!p.message_complete()) {
        auto part = p.read_body(in.window());
        if (!part) {
            if (part.error() == codec_errc::need_more && in.more()) continue;
            return part.error();
        }
        body.append(as_chars(part->data));
        in.consume(part->consumed);
    }
    return {};
}

/// Parses every request in `input`, fed by `plan`, and returns the transcript: each head, each body, then
/// how the stream ended ("end" when it ended between messages, "need_more" inside one, or the error).
inline std::string parse_requests(std::string_view input, const split_plan& plan = {},
                                  const http::http_limits& limits = {}, std::size_t max_messages = 1000) {
    feeder in(input, plan);
    http::request_parser p(limits);
    std::string t;
    for (std::size_t m = 0; m < max_messages;) {
        auto head = p.parse_head(in.window());
        if (!head) {
            if (head.error() != codec_errc::need_more) return t + describe_error(head.error());
            if (in.more()) continue;
            return t + (in.empty() ? "end\n" : "need_more\n");
        }
        t += describe(p.head());
        ++m;
        in.consume(*head);
        std::string body;
        const std::error_code e = read_body(p, in, body);
        t += "body [" + body + "]\n";
        if (e == codec_errc::need_more) return t + "need_more\n";
        if (e) return t + describe_error(e);
    }
    return t + "too many messages\n";
}

/// Parses every response in `input` to requests made with `methods` (in turn; "GET" once they run
/// out), fed by `plan`; at the end of the input, finish() stands for the server closing the connection.
inline std::string parse_responses(std::string_view input, const split_plan& plan = {},
                                   const std::vector<std::string>& methods = {},
                                   const http::http_limits& limits = {}, std::size_t max_messages = 1000) {
    feeder in(input, plan);
    http::response_parser p(limits);
    std::string t;
    std::size_t request = 0;
    for (std::size_t m = 0; m < max_messages;) {
        const std::string method = request < methods.size() ? methods[request] : "GET";
        auto head = p.parse_head(in.window(), method);
        if (!head) {
            if (head.error() != codec_errc::need_more) return t + describe_error(head.error());
            if (in.more()) continue;
            if (auto r = p.finish(); !r) return t + "eof " + describe_error(r.error());
            return t + "end\n";
        }
        t += describe(p.head());
        ++m;
        if (!p.head().is_interim()) ++request;
        in.consume(*head);
        std::string body;
        const std::error_code e = read_body(p, in, body);
        t += "body [" + body + "]\n";
        if (e && e != codec_errc::need_more) return t + describe_error(e);
        if (e) {
            auto r = p.finish();  // the server closed the connection
            return t + (r ? "closed\n" : "eof " + describe_error(r.error()));
        }
    }
    return t + "too many messages\n";
}

}  // namespace sockit::fuzz
