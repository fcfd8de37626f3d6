// SPDX-License-Identifier: MIT
// response_head: a parsed status-line and its field lines, as views (RFC 9112 §4, §5).
#pragma once

#include <string_view>

#include "sockit/http/body_framing.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_version.hpp"

namespace sockit::http {

/// The head of a response. Every view points into the buffer given to response_parser::parse_head.
struct response_head {
    http_version version;
    int status = 0;           ///< 100..599
    std::string_view reason;  ///< possibly empty; carries no meaning (RFC 9112 §4)
    header_list headers;
    body_framing body;  ///< decided with the request method (HEAD, CONNECT) and the status

    /// True for 1xx: an interim response; the final response follows on the same connection.
    [[nodiscard]] constexpr bool is_interim() const noexcept { return status >= 100 && status < 200; }

    /// Whether the connection may carry another request after this response: per version and
    /// Connection as for requests, and never when the body is delimited by closing. Never fails.
    [[nodiscard]] bool keep_alive() const noexcept {
        if (body.kind == body_kind::until_close) return false;
        if (version.at_least_1_1()) return !headers.has_token("Connection", "close");
        return headers.has_token("Connection", "keep-alive");
    }
};

}  // namespace sockit::http
