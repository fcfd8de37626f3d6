// SPDX-License-Identifier: MIT
// request_head: a parsed request-line and its field lines, as views (RFC 9112 §3, §5).
#pragma once

#include <string_view>

#include "sockit/http/body_framing.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_version.hpp"

namespace sockit::http {

/// The head of a request. Every view points into the buffer given to request_parser::parse_head.
struct request_head {
    std::string_view method;  ///< a token, case-sensitive ("GET", "HEAD", ...)
    std::string_view
        target;  ///< the request-target as sent (origin-, absolute-, authority- or asterisk-form)
    http_version version;
    header_list headers;
    body_framing body;  ///< none, content_length or chunked (never until_close for requests)

    /// Whether the connection stays open after this request: HTTP/1.1 unless "Connection: close",
    /// HTTP/1.0 only with "Connection: keep-alive" (RFC 9112 §9.3). Never fails.
    [[nodiscard]] bool keep_alive() const noexcept {
        if (version.at_least_1_1()) return !headers.has_token("Connection", "close");
        return headers.has_token("Connection", "keep-alive");
    }
};

}  // namespace sockit::http
