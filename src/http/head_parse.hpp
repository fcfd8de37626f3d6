// SPDX-License-Identifier: MIT
// Shared machinery of the request and response parsers: line scanning under limits, field-line syntax,
// and the framing facts of RFC 9112 §6 (Content-Length, Transfer-Encoding) and §3.2 (Host).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/http_limits.hpp"
#include "sockit/http/http_version.hpp"
#include "sockit/http/line_scanner.hpp"

namespace sockit::http::detail {

/// Checks one field line (RFC 9112 §5, §5.2) and returns where its name and trimmed value are.
/// Errors: obs_fold, bare_cr, space_before_colon, bad_header.
result<field_offsets> parse_field_line(std::string_view buf, std::size_t begin, std::size_t end) noexcept;

/// Parses exactly "HTTP/" DIGIT "." DIGIT. Returns false when malformed; major may be anything.
bool parse_version(std::string_view s, http_version& out) noexcept;

/// What the framing-relevant fields say, after their own syntax was checked.
struct field_facts {
    bool has_content_length = false;
    std::uint64_t content_length = 0;
    bool has_transfer_encoding = false;
    std::size_t codings = 0;         // transfer codings listed, over every Transfer-Encoding line
    bool chunked_final = false;      // the last coding is chunked
    bool chunked_misplaced = false;  // chunked is followed by another coding, or repeated
    bool other_coding = false;       // a coding other than plain chunked
    std::size_t hosts = 0;
};

/// Collects field_facts. Errors: bad_content_length, duplicate_content_length, bad_transfer_encoding.
result<field_facts> collect_field_facts(const header_list& headers) noexcept;

/// Turns the offsets into views into buf.
void make_fields(std::string_view buf, const std::vector<field_offsets>& offsets,
                 std::vector<header_field>& out);

}  // namespace sockit::http::detail
