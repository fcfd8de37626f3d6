// SPDX-License-Identifier: MIT
// response_sink: where http_client::fetch delivers what it sends and receives (heads as they pass, body as it
// arrives).
#pragma once

#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/response_info.hpp"
#include "sockit/http/url.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::http_client {

/// What a response head is to the exchange.
enum class head_kind {
    interim,   ///< a 1xx (100 Continue, 103 Early Hints, ...): the final response follows
    redirect,  ///< a 3xx that fetch follows (its body is not read)
    final,     ///< the response whose body is delivered
};

/// Receives the events of one fetch, on the calling thread, in order: per connection on_connected,
/// on_request_head, then on_response_head for every head; on_redirect before the next connection; then
/// on_body for the final body in pieces.
/// Every callback but on_body has a default that does nothing.
class response_sink {
public:
    virtual ~response_sink() = default;
    /// A connection to `peer` for `target` is established.
    virtual void on_connected(const http::url& target, const endpoint& peer) { (void)target, (void)peer; }
    /// The request head exactly as sent (CRLF line ends, blank line included).
    virtual void on_request_head(std::string_view raw) { (void)raw; }
    /// A response head: parsed, and its bytes exactly as received.
    virtual void on_response_head(const http::response_info& head, std::string_view raw, head_kind kind) {
        (void)head, (void)raw, (void)kind;
    }
    /// fetch follows a redirect (`status`) to `next`, with `method`, on a new connection.
    virtual void on_redirect(const http::url& next, int status, std::string_view method) {
        (void)next, (void)status, (void)method;
    }
    /// A piece of the final body (a view valid during the call only). An error stops the fetch, which then
    /// fails with client_errc::output_failed at stage output.
    virtual result<void> on_body(bytes_view data) = 0;
};

}  // namespace sockit::http_client
