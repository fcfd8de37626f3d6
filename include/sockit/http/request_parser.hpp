// SPDX-License-Identifier: MIT
// request_parser: incremental, zero-copy HTTP/1.1 request parser with the anti-smuggling rules of
// RFC 9112 §2.2, §3, §5, §6.1 and §6.3.
#pragma once

#include <cstddef>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/body_part.hpp"
#include "sockit/http/detail/message_parser.hpp"
#include "sockit/http/http_limits.hpp"
#include "sockit/http/request_head.hpp"

namespace sockit::http {

/// Parses requests one after another out of a server's receive buffer (pipelining):
///
///     auto n = p.parse_head(buf);        // need_more: receive more, call again with the longer buffer
///     ... use p.head() (views into buf) ...; buf.consume(*n);
///     while (!p.message_complete()) { auto part = p.read_body(buf); ...; buf.consume(part->consumed); }
///
/// Accepted: CRLF or bare LF line ends in the head (the netcat lab types LF), empty lines before the
/// request-line, HTTP/1.x. Refused (http_errc): bare CR, obs-fold, whitespace before a colon, bytes
/// outside the token/field-value/target grammars, Transfer-Encoding with Content-Length, differing
/// Content-Length values, transfer codings other than a single final chunked, Transfer-Encoding in
/// HTTP/1.0, a missing (HTTP/1.1) or repeated Host, and every limit of http_limits.
/// Errors are sticky until reset(). Not thread-safe: one parser per connection.
class request_parser : private detail::message_parser {
public:
    /// A parser enforcing `limits`; reserves room for a few field lines (may throw std::bad_alloc).
    explicit request_parser(const http_limits& limits = {});

    /// Parses the head of the next request. `buf` starts at the request's first byte; after need_more,
    /// call again with the same bytes plus more (the buffer may have moved: only offsets are kept). Returns
    /// the head's size in bytes, leading empty lines included. Errors: codec_errc::need_more, http_errc.
    /// Starts a new message when the previous one was complete. Allocates only while the field count
    /// grows past what an earlier message needed. Never blocks.
    result<std::size_t> parse_head(bytes_view buf);
    result<std::size_t> parse_head(std::string_view buf) { return parse_head(as_bytes(buf)); }

    /// The parsed head; valid after parse_head succeeded, as long as the head's bytes are unchanged.
    [[nodiscard]] const request_head& head() const noexcept { return head_; }

    /// The next span of the body from `buf` (which starts right after what was consumed). Errors:
    /// codec_errc::need_more, bad_chunk, body_too_large and the trailer errors. Never blocks.
    result<body_part> read_body(bytes_view buf) noexcept { return next_body_part(buf); }
    result<body_part> read_body(std::string_view buf) noexcept { return read_body(as_bytes(buf)); }

    /// True once the head was parsed and the whole body read (at once for bodiless requests).
    [[nodiscard]] bool message_complete() const noexcept { return phase_ == phase::body && body_.done(); }

    /// Forgets the current message and any error.
    void reset() noexcept;

    /// The limits this parser enforces.
    [[nodiscard]] const http_limits& limits() const noexcept { return limits_; }

private:
    result<void> parse_request_line(std::string_view buf, std::size_t begin, std::size_t end) noexcept;
    result<void> finish_head(std::string_view buf);

    // The request-line, as offsets into the head buffer.
    std::size_t method_off_ = 0;
    std::size_t method_len_ = 0;
    std::size_t target_off_ = 0;
    std::size_t target_len_ = 0;
    request_head head_{};
};

}  // namespace sockit::http
