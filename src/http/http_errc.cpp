// SPDX-License-Identifier: MIT
// The http_errc error category and the mapping from parse errors to response status codes (RFC 9110 §15).
#include "sockit/http/http_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::http {
namespace {

const char* describe(http_errc e) noexcept {
    switch (e) {
        case http_errc::bad_request_line: return "malformed request line";
        case http_errc::bad_status_line: return "malformed status line";
        case http_errc::bad_version: return "unsupported HTTP version";
        case http_errc::bad_header: return "malformed header field";
        case http_errc::space_before_colon: return "whitespace between header name and colon";
        case http_errc::obs_fold: return "obsolete header line folding";
        case http_errc::bare_cr: return "bare CR in message head";
        case http_errc::uri_too_long: return "request line too long";
        case http_errc::header_too_large: return "header fields too large";
        case http_errc::too_many_headers: return "too many header fields";
        case http_errc::body_too_large: return "body too large";
        case http_errc::bad_content_length: return "malformed Content-Length";
        case http_errc::duplicate_content_length: return "conflicting Content-Length values";
        case http_errc::te_and_content_length: return "both Transfer-Encoding and Content-Length";
        case http_errc::unsupported_transfer_coding: return "unsupported transfer coding";
        case http_errc::bad_transfer_encoding: return "malformed Transfer-Encoding";
        case http_errc::bad_chunk: return "malformed chunked encoding";
        case http_errc::missing_host: return "missing Host header";
        case http_errc::duplicate_host: return "more than one Host header";
        case http_errc::truncated_body: return "connection closed before the body ended";
        case http_errc::bad_target: return "request target is not a path";
        case http_errc::bad_percent_encoding: return "malformed percent-encoding";
        case http_errc::encoded_nul: return "encoded NUL in path";
        case http_errc::bad_field_value: return "invalid name or value for serialization";
    }
    return "unknown HTTP error";
}

}  // namespace

const std::error_category& http_category() noexcept {
    static const enum_category<http_errc> instance("sockit.http", describe);
    return instance;
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
