// SPDX-License-Identifier: MIT
// message_parser: the state and steps the request and response parsers share (RFC 9112 §5, §6).
#include "sockit/http/detail/message_parser.hpp"

#include <algorithm>

#include "head_parse.hpp"
#include "sockit/core/codec_errc.hpp"

namespace sockit::http::detail {

message_parser::message_parser(const http_limits& limits) : limits_(limits), body_(limits) {
    offsets_.reserve(std::min<std::size_t>(limits.max_fields, 32));
    fields_.reserve(std::min<std::size_t>(limits.max_fields, 32));
}

void message_parser::reset_state() noexcept {
    phase_ = phase::head;
    error_ = {};
    scanner_.reset();
    offsets_.clear();
    fields_.clear();
    body_.start({});
}

result<std::size_t> message_parser::failed(std::error_code ec) noexcept {
    if (ec != codec_errc::need_more) {
        phase_ = phase::failed;
        error_ = ec;
    }
    return fail(ec);
}

result<void> message_parser::add_field_line(std::string_view buf, std::size_t begin, std::size_t end) {
    auto f = parse_field_line(buf, begin, end);
    if (!f) return fail(f.error());
    offsets_.push_back(*f);
    return {};
}

result<body_part> message_parser::next_body_part(bytes_view buf) noexcept {
    if (phase_ == phase::failed) return fail(error_);
    if (phase_ != phase::body) return body_part{{}, 0, true};  // precondition: a head was parsed
    auto part = body_.read(buf);
    if (!part && part.error() != codec_errc::need_more) {
        phase_ = phase::failed;
        error_ = part.error();
    }
    return part;
}

}  // namespace sockit::http::detail
