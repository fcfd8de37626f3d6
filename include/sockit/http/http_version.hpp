// SPDX-License-Identifier: MIT
// http_version: the HTTP-version of a start line, "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3).
#pragma once

#include <cstdint>

namespace sockit::http {

/// An HTTP-version. The parsers accept only major version 1; minor 0 is HTTP/1.0, anything above is
/// treated as HTTP/1.1 (RFC 9110 §6.2).
struct http_version {
    std::uint8_t major = 1;
    std::uint8_t minor = 1;

    /// True for HTTP/1.1 and later 1.x: persistent connections by default, Host required.
    [[nodiscard]] constexpr bool at_least_1_1() const noexcept {
        return major > 1 || (major == 1 && minor >= 1);
    }
    friend constexpr bool operator==(http_version, http_version) noexcept = default;
};

}  // namespace sockit::http
