// SPDX-License-Identifier: MIT
// line_scanner: splits an HTTP/1.1 head into lines under size limits, resumable across need_more
// (RFC 9112 §2.2 line endings, §2.3 start line, §5 field lines).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sockit/core/result.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/http_limits.hpp"

namespace sockit::http {

/// Which line of a head a scanned_line is.
enum class line_kind : std::uint8_t { start, field, end };

/// A complete line: [begin, end) of the buffer, without its CRLF or LF.
struct scanned_line {
    line_kind kind;
    std::size_t begin;
    std::size_t end;
};

/// Where a field line's name and (trimmed) value sit in the head buffer: offsets, so that they survive
/// the caller's buffer moving between need_more and the next call.
struct field_offsets {
    std::size_t name = 0;
    std::size_t name_len = 0;
    std::size_t value = 0;
    std::size_t value_len = 0;
};

/// The building block of the request and response parsers: it remembers how far it looked, so each byte
/// of a head is scanned once however the head arrives. Not thread-safe.
class line_scanner {
public:
    /// Starts a new head.
    void reset() noexcept { *this = {}; }

    /// The next complete line of the head in buf (which starts where the previous calls' buffers did).
    /// A line ends with LF, an optional CR before it is dropped. Errors: codec_errc::need_more;
    /// start_too_long when the start line exceeds limits.max_start_line; header_too_large for a field line
    /// over max_field_line or a head over max_head; too_many_headers past max_fields; blank_start for an
    /// empty first line unless skip_blank (requests skip them). Limits are judged per byte index, so the
    /// outcome never depends on how the input was split. Never blocks.
    result<scanned_line> next(std::string_view buf, const http_limits& limits, bool skip_blank,
                              http_errc start_too_long, http_errc blank_start) noexcept;

private:
    std::size_t pos_ = 0;
    std::size_t line_start_ = 0;
    std::size_t fields_ = 0;
    bool start_done_ = false;
};

}  // namespace sockit::http
