// SPDX-License-Identifier: MIT
// The http_errc error category and the mapping from parse errors to response status codes (RFC 9110 §15).
#include "sockit/http/http_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::http {
namespace {

// One message per http_errc value, in declaration order (the first is 1).
constexpr const char* messages[] = {
    "malformed request line",                     // bad_request_line
    "malformed status line",                      // bad_status_line
    "unsupported HTTP version",                   // bad_version
    "malformed header field",                     // bad_header
    "whitespace between header name and colon",   // space_before_colon
    "obsolete header line folding",               // obs_fold
    "bare CR in message head",                    // bare_cr
    "request line too long",                      // uri_too_long
    "header fields too large",                    // header_too_large
    "too many header fields",                     // too_many_headers
    "body too large",                             // body_too_large
    "malformed Content-Length",                   // bad_content_length
    "conflicting Content-Length values",          // duplicate_content_length
    "both Transfer-Encoding and Content-Length",  // te_and_content_length
    "unsupported transfer coding",                // unsupported_transfer_coding
    "malformed Transfer-Encoding",                // bad_transfer_encoding
    "malformed chunked encoding",                 // bad_chunk
    "missing Host header",                        // missing_host
    "more than one Host header",                  // duplicate_host
    "connection closed before the body ended",    // truncated_body
    "request target is not a path",               // bad_target
    "malformed percent-encoding",                 // bad_percent_encoding
    "encoded NUL in path",                        // encoded_nul
    "invalid name or value for serialization",    // bad_field_value
};

}  // namespace

const std::error_category& http_category() noexcept {
    return enum_category_of<http_errc::bad_field_value>("sockit.http", messages, "unknown HTTP error");
}

int status_for_error(std::error_code ec) noexcept {
    if (ec.category() != http_category()) return 400;
    switch (static_cast<http_errc>(ec.value())) {
        case http_errc::uri_too_long: return 414;
        case http_errc::header_too_large:
        case http_errc::too_many_headers: return 431;
        case http_errc::body_too_large: return 413;
        case http_errc::unsupported_transfer_coding: return 501;
        case http_errc::bad_version: return 505;
        default: return 400;
    }
}

}  // namespace sockit::http
