// SPDX-License-Identifier: MIT
// Line scanning, field-line syntax and framing facts shared by the HTTP/1.1 parsers (RFC 9112 §2.2, §5, §6).
#include "head_parse.hpp"

#include <cstring>
#include <limits>

#include "chars.hpp"
#include "sockit/core/codec_errc.hpp"

namespace sockit::http {

result<scanned_line> line_scanner::next(std::string_view buf, const http_limits& limits, bool skip_blank,
                                        http_errc start_too_long, http_errc blank_start) noexcept {
    const char* d = buf.data();
    const std::size_t n = buf.size();
    // Precondition: buf extends the previous buffers. If it is shorter, wait rather than underflow.
    if (line_start_ > n || pos_ > n) return fail(codec_errc::need_more);
    for (;;) {
        const void* found = pos_ < n ? std::memchr(d + pos_, '\n', n - pos_) : nullptr;
        const std::size_t stop =
            found != nullptr ? static_cast<std::size_t>(static_cast<const char*>(found) - d) : n;
        // The line is [line_start_, stop); the head so far is [0, stop] with an LF, [0, n) without. A
        // limit is crossed by a byte at a fixed index (line_start_ + line limit, or max_head); when both
        // are crossed the earlier byte decides, so a split input fails exactly as the whole one does.
        const std::size_t line_limit = start_done_ ? limits.max_field_line : limits.max_start_line;
        const bool over_line = stop - line_start_ > line_limit;
        const bool over_head = (found != nullptr ? stop + 1 : n) > limits.max_head;
        if (over_line || over_head) {
            const std::size_t t_line =
                over_line ? line_start_ + line_limit : std::numeric_limits<std::size_t>::max();
            const std::size_t t_head = over_head ? limits.max_head : std::numeric_limits<std::size_t>::max();
            if (t_line <= t_head && !start_done_) return fail(start_too_long);
            return fail(http_errc::header_too_large);
        }
        if (found == nullptr) {
            pos_ = n;
            return fail(codec_errc::need_more);
        }
        const std::size_t begin = line_start_;
        std::size_t end = stop;
        if (end > begin && d[end - 1] == '\r') --end;  // CRLF, or a bare LF (RFC 9112 §2.2 allows both)
        pos_ = line_start_ = stop + 1;
        if (begin == end) {
            if (start_done_) return scanned_line{line_kind::end, begin, end};
            if (skip_blank) continue;  // RFC 9112 §2.2: empty lines before a request-line are ignored
            return fail(blank_start);
        }
        if (!start_done_) {
            start_done_ = true;
            return scanned_line{line_kind::start, begin, end};
        }
        if (++fields_ > limits.max_fields) return fail(http_errc::too_many_headers);
        return scanned_line{line_kind::field, begin, end};
    }
}

}  // namespace sockit::http

namespace sockit::http::detail {

result<field_offsets> parse_field_line(std::string_view buf, std::size_t begin, std::size_t end) noexcept {
    std::string_view line = buf.substr(begin, end - begin);
    // A line that begins with whitespace continues the previous one (obs-fold), or, right after the
    // start line, would hide a field from some recipients: both are refused (RFC 9112 §2.2, §5.2).
    if (is_ws(line.front())) return fail(http_errc::obs_fold);
    if (line.find('\r') != std::string_view::npos) return fail(http_errc::bare_cr);
    std::size_t i = 0;
    while (i < line.size() && is_tchar(line[i])) ++i;
    if (i == line.size()) return fail(http_errc::bad_header);  // no colon
    if (line[i] != ':') {
        if (i > 0 && is_ws(line[i])) return fail(http_errc::space_before_colon);  // RFC 9112 §5.1
        return fail(http_errc::bad_header);
    }
    if (i == 0) return fail(http_errc::bad_header);  // empty field name
    field_offsets out;
    out.name = begin;
    out.name_len = i;
    std::size_t v = i + 1;
    std::size_t ve = line.size();
    while (v < ve && is_ws(line[v])) ++v;
    while (ve > v && is_ws(line[ve - 1])) --ve;
    for (std::size_t k = v; k < ve; ++k) {
        if (!is_field_char(line[k])) return fail(http_errc::bad_header);  // NUL and other controls
    }
    out.value = begin + v;
    out.value_len = ve - v;
    return out;
}

bool parse_version(std::string_view s, http_version& out) noexcept {
    if (s.size() != 8 || s.substr(0, 5) != "HTTP/" || !is_digit(s[5]) || s[6] != '.' || !is_digit(s[7])) {
        return false;
    }
    out.major = static_cast<std::uint8_t>(s[5] - '0');
    out.minor = static_cast<std::uint8_t>(s[7] - '0');
    return true;
}

namespace {

// Content-Length = 1*DIGIT, possibly received as a list of identical values (RFC 9110 §8.6).
result<void> add_content_length(std::string_view value, field_facts& facts) noexcept {
    for (;;) {
        std::size_t comma = value.find(',');
        std::string_view element = trim_ows(value.substr(0, comma));
        if (element.empty()) return fail(http_errc::bad_content_length);
        std::uint64_t n = 0;
        for (char c : element) {
            if (!is_digit(c)) return fail(http_errc::bad_content_length);  // sign, hex, spaces inside
            auto digit = static_cast<std::uint64_t>(c - '0');
            if (n > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
                return fail(http_errc::bad_content_length);  // overflow
            }
            n = n * 10 + digit;
        }
        if (facts.has_content_length && facts.content_length != n) {
            return fail(http_errc::duplicate_content_length);
        }
        facts.has_content_length = true;
        facts.content_length = n;
        if (comma == std::string_view::npos) return {};
        value.remove_prefix(comma + 1);
    }
}

// Transfer-Encoding = #transfer-coding; transfer-coding = token *( OWS ";" OWS transfer-parameter ).
result<void> add_transfer_encoding(std::string_view value, field_facts& facts) noexcept {
    facts.has_transfer_encoding = true;
    for (;;) {
        std::size_t comma = value.find(',');
        std::string_view element = trim_ows(value.substr(0, comma));
        if (!element.empty()) {  // empty list elements are ignored (RFC 9110 §5.6.1)
            std::size_t semi = element.find(';');
            std::string_view name = trim_ows(element.substr(0, semi));
            if (name.empty()) return fail(http_errc::bad_transfer_encoding);
            for (char c : name) {
                if (!is_tchar(c)) return fail(http_errc::bad_transfer_encoding);
            }
            // chunked takes no parameters; "chunked;x=y" is some other, unknown coding.
            const bool chunked = semi == std::string_view::npos && ascii_iequals(name, "chunked");
            if (facts.codings > 0 && facts.chunked_final) facts.chunked_misplaced = true;
            if (!chunked) facts.other_coding = true;
            facts.chunked_final = chunked;
            ++facts.codings;
        }
        if (comma == std::string_view::npos) return {};
        value.remove_prefix(comma + 1);
    }
}

}  // namespace

result<field_facts> collect_field_facts(const header_list& headers) noexcept {
    field_facts facts;
    for (const header_field& f : headers) {
        if (ascii_iequals(f.name, "content-length")) {
            if (auto r = add_content_length(f.value, facts); !r) return fail(r.error());
        } else if (ascii_iequals(f.name, "transfer-encoding")) {
            if (auto r = add_transfer_encoding(f.value, facts); !r) return fail(r.error());
        } else if (ascii_iequals(f.name, "host")) {
            ++facts.hosts;
        }
    }
    return facts;
}

void make_fields(std::string_view buf, const std::vector<field_offsets>& offsets,
                 std::vector<header_field>& out) {
    out.clear();
    for (const field_offsets& o : offsets) {
        out.push_back({buf.substr(o.name, o.name_len), buf.substr(o.value, o.value_len)});
    }
}

}  // namespace sockit::http::detail
