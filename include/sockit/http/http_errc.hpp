// SPDX-License-Identifier: MIT
// http_errc: why an HTTP/1.1 message was refused (RFC 9112, RFC 9110), and the status code each one earns.
#pragma once

#include <system_error>

namespace sockit::http {

/// Why an HTTP/1.1 parser or decoder refused its input. An incomplete message is not one of these: the
/// parsers report it as codec_errc::need_more. Each value maps to a response status (status_for_error).
enum class http_errc {
    bad_request_line = 1,  ///< request-line is not `method SP target SP HTTP/x.y` (400)
    bad_status_line,       ///< status-line is not `HTTP/x.y SP 3DIGIT [SP reason]` (client side)
    bad_version,           ///< well-formed HTTP-version whose major is not 1 (505)
    bad_header,            ///< a field line is not `token ":" OWS value OWS`, or holds a control byte (400)
    space_before_colon,    ///< whitespace between field name and colon, RFC 9112 §5.1 (400)
    obs_fold,              ///< a line starting with SP/HTAB: obsolete line folding, RFC 9112 §5.2 (400)
    bare_cr,               ///< a CR not followed by LF, RFC 9112 §2.2 (400)
    uri_too_long,          ///< the request-line exceeds its limit (414)
    header_too_large,      ///< a field line, the whole head or the trailers exceed their limit (431)
    too_many_headers,      ///< more field lines than the limit allows (431)
    body_too_large,        ///< Content-Length or the decoded body exceeds the body limit (413)
    bad_content_length,    ///< Content-Length is not 1*DIGIT (or a list of them) or overflows (400)
    duplicate_content_length,     ///< several Content-Length values that differ, RFC 9112 §6.3 (400)
    te_and_content_length,        ///< both Transfer-Encoding and Content-Length, RFC 9112 §6.1 (400)
    unsupported_transfer_coding,  ///< a request transfer coding other than chunked, RFC 9112 §6.1 (501)
    bad_transfer_encoding,  ///< chunked not final or applied twice, an empty list, or TE in HTTP/1.0 (400)
    bad_chunk,              ///< a chunk-size line, chunk extension or chunk terminator is malformed (400)
    missing_host,           ///< an HTTP/1.1 request without Host, RFC 9112 §3.2 (400)
    duplicate_host,         ///< a request with more than one Host field line (400)
    truncated_body,         ///< the connection closed before a framed body ended
    bad_target,             ///< a request-target that is not a path this codec can decode (400)
    bad_percent_encoding,   ///< '%' not followed by two hex digits (400)
    encoded_nul,            ///< "%00" in a path (400)
    bad_field_value,        ///< the serializer was given a name, value or token it cannot write safely
};

/// The category of http_errc; name() is "sockit.http". Thread-safe.
const std::error_category& http_category() noexcept;

/// Makes an error_code of http_category.
inline std::error_code make_error_code(http_errc e) noexcept {
    return {static_cast<int>(e), http_category()};
}

/// The status a server answers with when parsing a request failed with ec: 413, 414, 431, 501, 505 where
/// the RFCs name one, 400 for every other parse error (including errors of other categories).
int status_for_error(std::error_code ec) noexcept;

}  // namespace sockit::http

template <>
struct std::is_error_code_enum<sockit::http::http_errc> : std::true_type {};
