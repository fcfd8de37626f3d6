// SPDX-License-Identifier: MIT
// response_info: an owned copy of a response head (RFC 9112 §4, §5), kept after the receive buffer is reused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sockit/http/body_framing.hpp"
#include "sockit/http/http_version.hpp"
#include "sockit/http/response_head.hpp"

namespace sockit::http {

/// The status-line and field lines of one response, owned.
struct response_info {
    http_version version;
    int status = 0;
    std::string reason;
    std::vector<std::pair<std::string, std::string>> headers;  ///< in the order received
    body_framing body;

    /// Copies a parsed head (allocates).
    static response_info from(const response_head& head);

    /// The value of the first field named `name` (case-insensitive), or nullopt. Never fails.
    [[nodiscard]] std::optional<std::string_view> find(std::string_view name) const noexcept;
};

}  // namespace sockit::http
