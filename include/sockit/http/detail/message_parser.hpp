// SPDX-License-Identifier: MIT
// message_parser: what request_parser and response_parser share (RFC 9112 §2.2 head lines, §5 field lines,
// §6 body), their private base.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>
#include <vector>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/body_part.hpp"
#include "sockit/http/body_reader.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/http_limits.hpp"
#include "sockit/http/http_version.hpp"
#include "sockit/http/line_scanner.hpp"

namespace sockit::http::detail {

/// The state and the steps that both parsers have alike: the limits, the phase with its sticky error,
/// the head's line scanner and field offsets, the version and the body reader. The parsers inherit it
/// privately and add their start line and their body-framing rules. Not thread-safe.
class message_parser {
protected:
    enum class phase : std::uint8_t { head, body, failed };

    /// Reserves room for a few field lines (may throw std::bad_alloc).
    explicit message_parser(const http_limits& limits);

    /// Back to the start of a head, forgetting any error; the parser clears its own head as well.
    void reset_state() noexcept;

    /// Makes `ec` the sticky error, unless it is codec_errc::need_more; returns it.
    result<std::size_t> failed(std::error_code ec) noexcept;

    /// The lines of the head in `buf`: `start_line(begin, end)` checks the start line, field lines are
    /// checked and kept as offsets, and at the empty line `end_head()` decides the body. Returns the head's
    /// size (leading empty lines included); every error but need_more sticks. `skip_blank`, `start_too_long`
    /// and `blank_start` go to line_scanner::next.
    template <class StartLine, class EndHead>
    result<std::size_t> parse_lines(std::string_view buf, bool skip_blank, http_errc start_too_long,
                                    http_errc blank_start, StartLine&& start_line, EndHead&& end_head) {
        for (;;) {
            auto line = scanner_.next(buf, limits_, skip_blank, start_too_long, blank_start);
            if (!line) return failed(line.error());
            switch (line->kind) {
                case line_kind::start:
                    if (auto r = start_line(line->begin, line->end); !r) return failed(r.error());
                    break;
                case line_kind::field:
                    if (auto r = add_field_line(buf, line->begin, line->end); !r) return failed(r.error());
                    break;
                case line_kind::end:
                    if (auto r = end_head(); !r) return failed(r.error());
                    return line->end + (buf[line->end] == '\r' ? 2 : 1);
            }
        }
    }

    /// The next span of the body (read_body of both parsers); errors but need_more stick.
    result<body_part> next_body_part(bytes_view buf) noexcept;

    http_limits limits_;
    phase phase_ = phase::head;
    std::error_code error_{};
    line_scanner scanner_;
    std::vector<field_offsets> offsets_;
    std::vector<header_field> fields_;
    http_version version_{};
    body_reader body_;

private:
    /// Checks a field line and keeps its offsets (may throw std::bad_alloc).
    result<void> add_field_line(std::string_view buf, std::size_t begin, std::size_t end);
};

}  // namespace sockit::http::detail
