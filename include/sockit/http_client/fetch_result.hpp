// SPDX-License-Identifier: MIT
// fetch_result: the outcome of http_client::fetch: the final response and its redirect chain, or where it
// failed.
#pragma once

#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

#include "sockit/http/response_info.hpp"
#include "sockit/http/url.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::http_client {

/// One followed redirect.
struct redirect_hop {
    std::string from;      ///< the URL that answered with a redirect
    int status = 0;        ///< 301, 302, 303, 307 or 308
    std::string location;  ///< the Location field as sent
};

/// Times since the fetch started, in milliseconds (of the last connection for connect and first byte).
struct fetch_timing {
    double connect_ms = 0;
    double first_byte_ms = 0;
    double total_ms = 0;
};

/// A fetch that got a final response.
struct fetch_result {
    http::url final_url;
    http::response_info response;
    std::uint64_t body_bytes = 0;  ///< decoded body bytes delivered to the sink
    endpoint peer;                 ///< the address of the last connection
    std::vector<redirect_hop> redirects;
    fetch_timing timing;
};

/// Where a fetch failed.
enum class fetch_stage {
    resolve,       ///< the host name did not resolve (gai_errc)
    connect,       ///< no connection (ECONNREFUSED, client_errc::connect_timeout, ...)
    request,       ///< the request could not be written safely (http_errc::bad_field_value: a bad -H)
    send,          ///< sending the request failed
    receive_head,  ///< waiting for or parsing the response head (http_errc, client_errc, errno)
    receive_body,  ///< reading the body (http_errc, client_errc::closed_in_body, timeouts)
    redirect,      ///< following a redirect (url_errc of the Location, too many, loop)
    output,        ///< the sink refused the body
};

/// A failed fetch: the stage, the error, the URL being fetched, and a detail for people (may be empty),
/// e.g. "after 1000 of 2000 body bytes" or the offending Location.
struct fetch_failure {
    fetch_stage stage = fetch_stage::connect;
    std::error_code error;
    std::string url;
    std::string detail;
};

}  // namespace sockit::http_client
