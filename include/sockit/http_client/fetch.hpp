// SPDX-License-Identifier: MIT
// fetch: one HTTP/1.1 exchange per connection (RFC 9112), redirects optional (RFC 9110 §15.4).
#pragma once

#include "sockit/core/result.hpp"
#include "sockit/http_client/fetch_options.hpp"
#include "sockit/http_client/fetch_result.hpp"
#include "sockit/http_client/response_sink.hpp"

namespace sockit::http_client {

/// Fetches request.url: resolves the host and connects (Happy Eyeballs, RFC 8305), sends the request
/// (Host, User-Agent, Accept, Connection: close, then the extra fields; Content-Length for a body), reads
/// the response incrementally (1xx heads skipped; Content-Length, chunked or until-close bodies; none for
/// HEAD, 204, 304) and streams the final body to the sink in constant memory. With follow_redirects, a
/// 301/302/303/307/308 carrying Location is followed on a new connection: 303 (and 301/302 after POST)
/// becomes GET without body, 307/308 repeat method and body; a repeated request is a redirect_loop.
/// Errors (in fetch_failure): gai_errc (resolve), errno values and client_errc timeouts (connect, send,
/// receive), http_errc from the parser (malformed response), client_errc::closed_* when the server closes
/// early, url_errc and client_errc::too_many_redirects/redirect_loop (redirect), output_failed (the sink).
/// Blocks on the calling thread up to the time limits; not thread-affine; never prints.
result<fetch_result, fetch_failure> fetch(const fetch_request& request, const fetch_options& options,
                                          response_sink& sink);

}  // namespace sockit::http_client
