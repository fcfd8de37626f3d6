// SPDX-License-Identifier: MIT
// response_parser: incremental, zero-copy HTTP/1.1 response parser; body length per RFC 9112 §6.3
// (HEAD, 1xx, 204, 304, CONNECT, Transfer-Encoding, Content-Length, read until close).
#pragma once

#include <cstddef>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/body_part.hpp"
#include "sockit/http/detail/message_parser.hpp"
#include "sockit/http/http_limits.hpp"
#include "sockit/http/response_head.hpp"

namespace sockit::http {

/// Parses the responses a client reads from its socket, one after another. Same contract as
/// request_parser (views into the caller's buffer, need_more, sticky errors), with the response rules:
/// the body length depends on the request method (pass it to parse_head), a 1xx is an interim head
/// followed by another, and a body without Content-Length or chunked ends when the server closes
/// (call finish()). Transfer-Encoding together with Content-Length is refused here too (RFC 9112 §6.3
/// says it "ought to be handled as an error"); a final coding other than chunked means until-close.
/// Not thread-safe: one parser per connection.
class response_parser : private detail::message_parser {
public:
    /// A parser enforcing `limits`; reserves room for a few field lines (may throw std::bad_alloc).
    explicit response_parser(const http_limits& limits = {});

    /// Parses the head of the next response to a request made with `request_method` (HEAD responses and
    /// 2xx answers to CONNECT have no body). Returns the head's size in bytes. Errors: codec_errc::need_more,
    /// bad_status_line, bad_version, the field-line errors, header_too_large, too_many_headers,
    /// bad_content_length, duplicate_content_length, te_and_content_length, bad_transfer_encoding,
    /// body_too_large. Never blocks.
    result<std::size_t> parse_head(bytes_view buf, std::string_view request_method = "GET");
    result<std::size_t> parse_head(std::string_view buf, std::string_view request_method = "GET") {
        return parse_head(as_bytes(buf), request_method);
    }

    /// The parsed head; valid after parse_head succeeded, as long as the head's bytes are unchanged.
    [[nodiscard]] const response_head& head() const noexcept { return head_; }

    /// The next span of the body from `buf`. Errors: codec_errc::need_more, the chunked_decoder errors,
    /// body_too_large. Never blocks.
    result<body_part> read_body(bytes_view buf) noexcept { return next_body_part(buf); }
    result<body_part> read_body(std::string_view buf) noexcept { return read_body(as_bytes(buf)); }

    /// The server closed the connection: completes an until-close body; truncated_body when a framed body
    /// had not ended; codec_errc::truncated when the head itself had not ended (a head was started).
    result<void> finish() noexcept;

    /// True once the head was parsed and the whole body read.
    [[nodiscard]] bool message_complete() const noexcept { return phase_ == phase::body && body_.done(); }

    /// Forgets the current message and any error.
    void reset() noexcept;

    /// The limits this parser enforces.
    [[nodiscard]] const http_limits& limits() const noexcept { return limits_; }

private:
    result<void> parse_status_line(std::string_view buf, std::size_t begin, std::size_t end) noexcept;
    result<void> finish_head(std::string_view buf, std::string_view request_method);

    // The status-line, as offsets into the head buffer.
    std::size_t reason_off_ = 0;
    std::size_t reason_len_ = 0;
    int status_ = 0;
    bool head_started_ = false;
    response_head head_{};
};

}  // namespace sockit::http
