// SPDX-License-Identifier: MIT
// body_framing: how the end of a message body is found (RFC 9112 §6.3, message body length).
#pragma once

#include <cstdint>

namespace sockit::http {

/// The four ways an HTTP/1.1 body ends.
enum class body_kind : std::uint8_t {
    none,            ///< no body (request without CL/TE; HEAD response; 1xx, 204, 304; 2xx to CONNECT)
    content_length,  ///< exactly `length` bytes
    chunked,         ///< chunked transfer coding, ended by the last chunk and the trailer section
    until_close,     ///< responses only: everything until the server closes the connection
};

/// The framing of one message, decided from its head.
struct body_framing {
    body_kind kind = body_kind::none;
    std::uint64_t length = 0;  ///< the Content-Length when kind == content_length, else 0

    friend constexpr bool operator==(const body_framing&, const body_framing&) noexcept = default;
};

}  // namespace sockit::http
