// SPDX-License-Identifier: MIT
// response_parser: status-line (RFC 9112 §4), field lines (§5) and response body length (§6.3).
#include "sockit/http/response_parser.hpp"

#include "chars.hpp"
#include "head_parse.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_errc.hpp"

namespace sockit::http {

using detail::is_digit;
using detail::is_field_char;

response_parser::response_parser(const http_limits& limits) : message_parser(limits) {}

void response_parser::reset() noexcept {
    reset_state();
    head_ = {};
    head_started_ = false;
}

result<std::size_t> response_parser::parse_head(bytes_view bytes, std::string_view request_method) {
    if (phase_ == phase::failed) return fail(error_);
    if (phase_ == phase::body) reset();
    const std::string_view buf = as_chars(bytes);
    if (!buf.empty()) head_started_ = true;
    return parse_lines(
        buf, false, http_errc::header_too_large, http_errc::bad_status_line,
        [&](std::size_t begin, std::size_t end) { return parse_status_line(buf, begin, end); },
        [&] { return finish_head(buf, request_method); });
}

// status-line = HTTP-version SP status-code SP [ reason-phrase ]. A missing SP after the code is
// tolerated (some servers send "HTTP/1.1 200"); the reason is never interpreted (RFC 9112 §4).
result<void> response_parser::parse_status_line(std::string_view buf, std::size_t begin,
                                                std::size_t end) noexcept {
    const std::string_view line = buf.substr(begin, end - begin);
    if (line.find('\r') != std::string_view::npos) return fail(http_errc::bare_cr);
    if (line.size() < 12 || line[8] != ' ' || !detail::parse_version(line.substr(0, 8), version_)) {
        return fail(http_errc::bad_status_line);
    }
    if (!is_digit(line[9]) || !is_digit(line[10]) || !is_digit(line[11]))
        return fail(http_errc::bad_status_line);
    if (line.size() > 12 && line[12] != ' ') return fail(http_errc::bad_status_line);  // "HTTP/1.1 2000"
    if (version_.major != 1) return fail(http_errc::bad_version);
    status_ = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (status_ < 100 || status_ > 599) return fail(http_errc::bad_status_line);
    std::string_view reason = line.size() > 12 ? line.substr(13) : std::string_view{};
    for (char c : reason) {
        if (!is_field_char(c)) return fail(http_errc::bad_status_line);
    }
    reason_off_ = begin + (line.size() > 12 ? 13 : 12);
    reason_len_ = reason.size();
    return {};
}

// RFC 9112 §6.3, in its order: no body for HEAD, 1xx, 204, 304 and 2xx to CONNECT; then
// Transfer-Encoding; then Content-Length; else until close.
result<void> response_parser::finish_head(std::string_view buf, std::string_view request_method) {
    detail::make_fields(buf, offsets_, fields_);
    head_.version = version_;
    head_.status = status_;
    head_.reason = buf.substr(reason_off_, reason_len_);
    head_.headers = header_list(fields_);
    auto facts = detail::collect_field_facts(head_.headers);
    if (!facts) return fail(facts.error());
    if (facts->has_transfer_encoding && facts->has_content_length)
        return fail(http_errc::te_and_content_length);
    body_framing framing;
    const bool no_body = request_method == "HEAD" || (status_ >= 100 && status_ < 200) || status_ == 204 ||
                         status_ == 304 || (request_method == "CONNECT" && status_ >= 200 && status_ < 300);
    if (no_body) {
        framing.kind = body_kind::none;
    } else if (facts->has_transfer_encoding) {
        if (!version_.at_least_1_1()) {
            framing.kind = body_kind::until_close;  // §6.1: HTTP/1.0 with TE: the framing is faulty
        } else if (facts->codings == 0) {
            return fail(http_errc::bad_transfer_encoding);
        } else if (facts->chunked_final) {
            if (facts->chunked_misplaced) return fail(http_errc::bad_transfer_encoding);  // chunked twice
            framing.kind = body_kind::chunked;
        } else {
            framing.kind = body_kind::until_close;  // §6.3 rule 4: final coding not chunked
        }
    } else if (facts->has_content_length) {
        if (facts->content_length > limits_.max_body) return fail(http_errc::body_too_large);
        framing.kind = body_kind::content_length;
        framing.length = facts->content_length;
    } else {
        framing.kind = body_kind::until_close;
    }
    head_.body = framing;
    body_.start(framing);
    phase_ = phase::body;
    return {};
}

result<void> response_parser::finish() noexcept {
    if (phase_ == phase::failed) return fail(error_);
    if (phase_ == phase::head) {
        if (head_started_) return fail(codec_errc::truncated);
        return {};
    }
    return body_.finish();
}

}  // namespace sockit::http
