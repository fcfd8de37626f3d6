// SPDX-License-Identifier: MIT
// body_reader: Content-Length, chunked and until-close bodies (RFC 9112 §6.2, §6.3, §7.1).
#include "sockit/http/body_reader.hpp"

#include <algorithm>

#include "sockit/core/codec_errc.hpp"
#include "sockit/http/http_errc.hpp"

namespace sockit::http {

void body_reader::start(body_framing framing) noexcept {
    framing_ = framing;
    delivered_ = 0;
    chunked_.reset();
    done_ =
        framing.kind == body_kind::none || (framing.kind == body_kind::content_length && framing.length == 0);
}

result<body_part> body_reader::read(bytes_view in) noexcept {
    if (done_) return body_part{{}, 0, true};
    switch (framing_.kind) {
        case body_kind::none: break;
        case body_kind::content_length: {
            if (in.empty()) return fail(codec_errc::need_more);
            std::uint64_t left = framing_.length - delivered_;
            std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, in.size()));
            delivered_ += n;
            done_ = delivered_ == framing_.length;
            return body_part{in.first(n), n, done_};
        }
        case body_kind::chunked: {
            auto part = chunked_.decode(in);
            if (!part) return part;
            delivered_ += part->data.size();
            done_ = part->done;
            return part;
        }
        case body_kind::until_close: {
            if (in.empty()) return fail(codec_errc::need_more);
            // Deliver up to the limit first and refuse only the byte beyond it, so that the outcome does
            // not depend on how the input was split.
            std::uint64_t room = limits_.max_body - delivered_;
            if (room == 0) return fail(http_errc::body_too_large);
            std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(room, in.size()));
            delivered_ += n;
            return body_part{in.first(n), n, false};
        }
    }
    return body_part{{}, 0, true};
}

result<void> body_reader::finish() noexcept {
    if (done_) return {};
    if (framing_.kind == body_kind::until_close) {
        done_ = true;
        return {};
    }
    return fail(http_errc::truncated_body);
}

}  // namespace sockit::http
