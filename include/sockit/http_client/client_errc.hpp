// SPDX-License-Identifier: MIT
// client_errc: why an HTTP/1.1 fetch failed after the URL was accepted (RFC 9112 §9.6, RFC 9110 §15.4).
#pragma once

#include <system_error>

namespace sockit::http_client {

/// Failures of the client itself (the transport's errno values and the parser's http_errc are reported
/// as they are).
enum class client_errc {
    connect_timeout = 1,     ///< no address answered within the connect time limit
    read_timeout,            ///< the server sent nothing for the per-read time limit
    total_timeout,           ///< the whole exchange exceeded its overall time limit
    closed_before_response,  ///< the server closed the connection without sending a byte
    closed_in_head,          ///< the server closed the connection in the middle of the response head
    closed_in_body,          ///< the server closed the connection before a framed body ended
    too_many_redirects,      ///< more redirects than allowed
    redirect_loop,           ///< a redirect leads back to a request already made
    output_failed,           ///< the sink refused the body (its own error is kept by the sink)
    too_many_interim,        ///< more 1xx interim responses than fetch_options::max_interim
};

/// The category of client_errc; name() is "sockit.http.client". Thread-safe.
const std::error_category& client_category() noexcept;

/// Makes an error_code of client_category.
inline std::error_code make_error_code(client_errc e) noexcept {
    return {static_cast<int>(e), client_category()};
}

}  // namespace sockit::http_client

template <>
struct std::is_error_code_enum<sockit::http_client::client_errc> : std::true_type {};
