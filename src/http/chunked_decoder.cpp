// SPDX-License-Identifier: MIT
// chunked_decoder: a byte-at-a-time state machine over chunk framing (RFC 9112 §7.1), data passed as views.
#include "sockit/http/chunked_decoder.hpp"

#include <algorithm>
#include <limits>

#include "chars.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/http/http_errc.hpp"

namespace sockit::http {

using detail::hex_value;
using detail::is_field_char;
using detail::is_tchar;
using detail::is_ws;

chunked_decoder::chunked_decoder(const http_limits& limits) noexcept
    : max_body_(limits.max_body),
      max_chunk_line_(limits.max_chunk_line),
      max_field_line_(limits.max_field_line),
      max_trailers_bytes_(limits.max_head),
      max_fields_(limits.max_fields) {}

void chunked_decoder::reset() noexcept {
    state_ = state::size_first;
    size_ = 0;
    total_ = 0;
    line_ = 0;
    trailer_bytes_ = 0;
    trailer_fields_ = 0;
    error_ = {};
}

result<body_part> chunked_decoder::fail_with(std::error_code ec) noexcept {
    state_ = state::failed;
    error_ = ec;
    return fail(ec);
}

result<body_part> chunked_decoder::decode(bytes_view in) noexcept {
    if (state_ == state::failed) return fail(error_);
    if (state_ == state::done) return body_part{{}, 0, true};
    std::size_t i = 0;
    while (i < in.size()) {
        if (state_ == state::data) {
            // size_ is what is left of this chunk; hand out as much of it as the input holds.
            std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size_, in.size() - i));
            size_ -= n;
            total_ += n;
            if (size_ == 0) state_ = state::data_cr;
            return body_part{in.subspan(i, n), i + n, false};
        }
        if (std::error_code ec = step(in[i++])) return fail_with(ec);
        if (state_ == state::done) return body_part{{}, i, true};
    }
    if (i == 0) return fail(codec_errc::need_more);
    return body_part{{}, i, false};
}

// One framing byte. Returns an error, or {} with the state advanced.
std::error_code chunked_decoder::step(std::uint8_t c) noexcept {
    // Every byte of a chunk-size line (extensions included) counts against max_chunk_line.
    auto size_line_byte = [&]() noexcept { return ++line_ <= max_chunk_line_; };
    auto trailer_byte = [&]() noexcept -> std::error_code {
        ++line_;
        ++trailer_bytes_;
        if (line_ > max_field_line_ || trailer_bytes_ > max_trailers_bytes_)
            return http_errc::header_too_large;
        return {};
    };
    // The chunk-size is complete: the body limit is checked before any of its data is accepted.
    auto end_size = [&]() noexcept -> std::error_code {
        if (size_ > max_body_ - total_) return http_errc::body_too_large;
        return {};
    };
    const std::error_code bad = http_errc::bad_chunk;

    switch (state_) {
        case state::size_first: {
            line_ = 0;
            if (!size_line_byte()) return bad;
            int v = hex_value(c);
            if (v < 0) return bad;  // "-1", "0x..", " 1", empty line: no leading digit
            size_ = static_cast<std::uint64_t>(v);
            state_ = state::size;
            return {};
        }
        case state::size: {
            if (!size_line_byte()) return bad;
            int v = hex_value(c);
            if (v >= 0) {
                if (size_ > (std::numeric_limits<std::uint64_t>::max() >> 4)) return bad;  // overflow
                size_ = (size_ << 4) | static_cast<std::uint64_t>(v);
                return {};
            }
            if (std::error_code ec = end_size()) return ec;
            if (c == '\r')
                state_ = state::size_lf;
            else if (c == ';')
                state_ = state::ext_pre_name;
            else if (is_ws(c))
                state_ = state::size_bws;
            else
                return bad;  // "0x10", "1 0" handled in size_bws, "1\n" (bare LF)
            return {};
        }
        case state::size_bws:  // BWS is allowed only before ';'
            if (!size_line_byte()) return bad;
            if (is_ws(c)) return {};
            if (c == ';') {
                state_ = state::ext_pre_name;
                return {};
            }
            return bad;
        case state::ext_pre_name:
            if (!size_line_byte()) return bad;
            if (is_ws(c)) return {};
            if (is_tchar(c)) {
                state_ = state::ext_name;
                return {};
            }
            return bad;
        case state::ext_name:
            if (!size_line_byte()) return bad;
            if (is_tchar(c)) return {};
            if (c == '=')
                state_ = state::ext_pre_value;
            else if (c == ';')
                state_ = state::ext_pre_name;
            else if (is_ws(c))
                state_ = state::ext_after_name;
            else if (c == '\r')
                state_ = state::size_lf;
            else
                return bad;
            return {};
        case state::ext_after_name:
            if (!size_line_byte()) return bad;
            if (is_ws(c)) return {};
            if (c == '=')
                state_ = state::ext_pre_value;
            else if (c == ';')
                state_ = state::ext_pre_name;
            else
                return bad;
            return {};
        case state::ext_pre_value:
            if (!size_line_byte()) return bad;
            if (is_ws(c)) return {};
            if (c == '"')
                state_ = state::ext_quoted;
            else if (is_tchar(c))
                state_ = state::ext_value;
            else
                return bad;
            return {};
        case state::ext_value:
            if (!size_line_byte()) return bad;
            if (is_tchar(c)) return {};
            if (c == ';')
                state_ = state::ext_pre_name;
            else if (is_ws(c))
                state_ = state::ext_after_value;
            else if (c == '\r')
                state_ = state::size_lf;
            else
                return bad;
            return {};
        case state::ext_quoted:
            if (!size_line_byte()) return bad;
            if (c == '"')
                state_ = state::ext_after_value;
            else if (c == '\\')
                state_ = state::ext_quoted_escape;
            else if (!is_field_char(c))
                return bad;  // qdtext: HTAB, SP, VCHAR but '"' '\', obs-text
            return {};
        case state::ext_quoted_escape:
            if (!size_line_byte()) return bad;
            if (!is_field_char(c)) return bad;
            state_ = state::ext_quoted;
            return {};
        case state::ext_after_value:
            if (!size_line_byte()) return bad;
            if (is_ws(c)) return {};
            if (c == ';')
                state_ = state::ext_pre_name;
            else if (c == '\r')
                state_ = state::size_lf;
            else
                return bad;
            return {};
        case state::size_lf:
            if (c != '\n') return bad;
            if (size_ == 0) {
                line_ = 0;
                state_ = state::trailer_start;
            } else {
                state_ = state::data;
            }
            return {};
        case state::data_cr:
            if (c != '\r') return bad;  // chunk data longer than its size, or CRLF missing
            state_ = state::data_lf;
            return {};
        case state::data_lf:
            if (c != '\n') return bad;
            state_ = state::size_first;
            return {};
        case state::trailer_start:
            line_ = 0;
            if (std::error_code ec = trailer_byte()) return ec;
            if (c == '\r') {
                state_ = state::final_lf;
                return {};
            }
            if (c == '\n') return bad;  // bare LF
            if (is_ws(c)) return http_errc::obs_fold;
            if (!is_tchar(c)) return http_errc::bad_header;
            if (++trailer_fields_ > max_fields_) return http_errc::too_many_headers;
            state_ = state::trailer_name;
            return {};
        case state::trailer_name:
            if (std::error_code ec = trailer_byte()) return ec;
            if (is_tchar(c)) return {};
            if (c == ':') {
                state_ = state::trailer_value;
                return {};
            }
            if (is_ws(c)) return http_errc::space_before_colon;
            return http_errc::bad_header;
        case state::trailer_value:
            if (std::error_code ec = trailer_byte()) return ec;
            if (c == '\r')
                state_ = state::trailer_lf;
            else if (!is_field_char(c))
                return http_errc::bad_header;
            return {};
        case state::trailer_lf:
            if (c != '\n') return http_errc::bare_cr;
            ++trailer_bytes_;
            if (trailer_bytes_ > max_trailers_bytes_) return http_errc::header_too_large;
            state_ = state::trailer_start;
            return {};
        case state::final_lf:
            if (c != '\n') return http_errc::bare_cr;
            state_ = state::done;
            return {};
        case state::data:
        case state::done:
        case state::failed: break;  // handled by decode()
    }
    return bad;
}

}  // namespace sockit::http
