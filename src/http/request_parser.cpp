// SPDX-License-Identifier: MIT
// request_parser: request-line (RFC 9112 §3), field lines (§5) and request body framing (§6.1, §6.3).
#include "sockit/http/request_parser.hpp"

#include "chars.hpp"
#include "head_parse.hpp"
#include "sockit/http/http_errc.hpp"

namespace sockit::http {

using detail::is_target_char;
using detail::is_tchar;

request_parser::request_parser(const http_limits& limits) : message_parser(limits) {}

void request_parser::reset() noexcept {
    reset_state();
    head_ = {};
}

result<std::size_t> request_parser::parse_head(bytes_view bytes) {
    if (phase_ == phase::failed) return fail(error_);
    if (phase_ == phase::body) reset();
    const std::string_view buf = as_chars(bytes);
    return parse_lines(
        buf, true, http_errc::uri_too_long, http_errc::bad_request_line,
        [&](std::size_t begin, std::size_t end) { return parse_request_line(buf, begin, end); },
        [&] { return finish_head(buf); });
}

// request-line = method SP request-target SP HTTP-version, single spaces (RFC 9112 §3).
result<void> request_parser::parse_request_line(std::string_view buf, std::size_t begin,
                                                std::size_t end) noexcept {
    const std::string_view line = buf.substr(begin, end - begin);
    if (line.find('\r') != std::string_view::npos) return fail(http_errc::bare_cr);
    std::size_t i = 0;
    while (i < line.size() && is_tchar(line[i])) ++i;
    if (i == 0 || i == line.size() || line[i] != ' ') return fail(http_errc::bad_request_line);
    method_off_ = begin;
    method_len_ = i;
    const std::size_t t = ++i;
    while (i < line.size() && is_target_char(line[i])) ++i;
    if (i == t || i == line.size() || line[i] != ' ') return fail(http_errc::bad_request_line);
    target_off_ = begin + t;
    target_len_ = i - t;
    if (!detail::parse_version(line.substr(i + 1), version_)) return fail(http_errc::bad_request_line);
    if (version_.major != 1) return fail(http_errc::bad_version);  // HTTP/0.x, HTTP/2+ on this wire: 505
    return {};
}

// Decides the body framing: RFC 9112 §6.3 rules 3-6 for requests, with the MAY-reject cases rejected.
result<void> request_parser::finish_head(std::string_view buf) {
    detail::make_fields(buf, offsets_, fields_);
    head_.method = buf.substr(method_off_, method_len_);
    head_.target = buf.substr(target_off_, target_len_);
    head_.version = version_;
    head_.headers = header_list(fields_);
    auto facts = detail::collect_field_facts(head_.headers);
    if (!facts) return fail(facts.error());
    body_framing framing;
    if (facts->has_transfer_encoding) {
        if (facts->has_content_length) return fail(http_errc::te_and_content_length);
        if (!version_.at_least_1_1()) return fail(http_errc::bad_transfer_encoding);  // §6.1: faulty framing
        if (facts->codings == 0 || !facts->chunked_final || facts->chunked_misplaced) {
            return fail(http_errc::bad_transfer_encoding);  // §6.3 rule 4: length cannot be determined
        }
        if (facts->other_coding) return fail(http_errc::unsupported_transfer_coding);
        framing.kind = body_kind::chunked;
    } else if (facts->has_content_length) {
        if (facts->content_length > limits_.max_body) return fail(http_errc::body_too_large);
        framing.kind = body_kind::content_length;
        framing.length = facts->content_length;
    }
    if (facts->hosts > 1) return fail(http_errc::duplicate_host);
    if (facts->hosts == 0 && limits_.require_host && version_.at_least_1_1())
        return fail(http_errc::missing_host);
    head_.body = framing;
    body_.start(framing);
    phase_ = phase::body;
    return {};
}

}  // namespace sockit::http
