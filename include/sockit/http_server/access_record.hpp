// SPDX-License-Identifier: MIT
// access_record: what a file server knows about one answered request, for an access log (Common Log Format,
// JSON Lines).
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "sockit/http/http_version.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::http_server {

/// One answered request. The views are valid only during the access-log callback.
struct access_record {
    endpoint peer;                               ///< the client
    std::chrono::system_clock::time_point time;  ///< when the request head was complete (or refused)
    std::string_view method;                     ///< empty when the request could not be parsed
    std::string_view target;                     ///< as sent; empty when the request could not be parsed
    http::http_version version;
    int status = 0;
    std::uint64_t body_bytes = 0;  ///< body bytes of the response (0 for HEAD and 304)
    std::string_view referer;      ///< the Referer field, or empty
    std::string_view user_agent;   ///< the User-Agent field, or empty
};

}  // namespace sockit::http_server
