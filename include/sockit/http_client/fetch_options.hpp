// SPDX-License-Identifier: MIT
// fetch_options: the request and the policy of one http_client::fetch (RFC 9110 §9, §15.4; RFC 9112 §9.6).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sockit/http/http_limits.hpp"
#include "sockit/http/url.hpp"

namespace sockit::http_client {

/// What to ask: method, URL, extra header fields and an optional body.
struct fetch_request {
    std::string method = "GET";
    http::url url;
    /// Extra field lines. One named like a default (Host, User-Agent, Accept, Connection) replaces it; one
    /// with an empty value removes the default of that name and is not sent.
    std::vector<std::pair<std::string, std::string>> headers;
    /// A body, sent with Content-Length (and Content-Type: application/x-www-form-urlencoded unless given).
    std::optional<std::string> body;
};

/// Time limits, size limits and redirect policy.
struct fetch_options {
    std::string user_agent = "sockit";                       ///< the User-Agent default
    std::chrono::milliseconds connect_timeout{30'000};       ///< per connection (all addresses raced)
    std::chrono::milliseconds read_timeout{30'000};          ///< longest silence while waiting for bytes
    std::optional<std::chrono::milliseconds> total_timeout;  ///< the whole fetch, redirects included
    bool follow_redirects = false;                ///< follow 301, 302, 303, 307, 308 with a Location
    int max_redirects = 10;                       ///< redirects followed before too_many_redirects
    int max_interim = 16;                         ///< 1xx heads accepted before one final response
    http::http_limits limits = default_limits();  ///< head limits; max_body unlimited by default
    std::size_t buffer_size = 256 * 1024;  ///< receive buffer (at least limits.max_head + 4 KiB is used)

    /// The parser limits of a client: the server's head is bounded, its body is not (it is streamed).
    static http::http_limits default_limits() noexcept {
        http::http_limits l;
        l.max_body = UINT64_MAX;
        return l;
    }
};

}  // namespace sockit::http_client
