// SPDX-License-Identifier: MIT
// HTTP status codes and their reason phrases (RFC 9110 §15 and the IANA HTTP Status Code Registry).
#pragma once

#include <string_view>

namespace sockit::http {

/// The registered reason phrase of a status code ("Not Found" for 404), or an empty view for a code that
/// is not registered. Thread-safe, never fails.
[[nodiscard]] std::string_view reason_phrase(int status) noexcept;

/// The class of a status code: 1 informational, 2 successful, 3 redirection, 4 client error, 5 server
/// error; 0 outside 100..599. Never fails.
[[nodiscard]] constexpr int status_class(int status) noexcept {
    return status >= 100 && status <= 599 ? status / 100 : 0;
}

}  // namespace sockit::http
