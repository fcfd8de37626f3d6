// SPDX-License-Identifier: MIT
// http_limits: the size limits an HTTP/1.1 parser enforces on untrusted input (RFC 9112 §2.3, §3, §5).
#pragma once

#include <cstddef>
#include <cstdint>

namespace sockit::http {

/// Limits of one parser. Line lengths count every byte before the LF (a CR included); the head counts
/// from the first byte given to parse_head (ignored leading empty lines included) through the empty line.
struct http_limits {
    std::size_t max_start_line =
        8 * 1024;  ///< request-line (→ uri_too_long) or status-line (→ header_too_large)
    std::size_t max_field_line = 8 * 1024;  ///< one field line, also in trailers (→ header_too_large)
    std::size_t max_head = 64 * 1024;       ///< whole head, or whole trailer section (→ header_too_large)
    std::size_t max_fields = 100;           ///< field lines in the head (→ too_many_headers)
    std::uint64_t max_body = 8 * 1024 * 1024;  ///< decoded body bytes (→ body_too_large)
    std::size_t max_chunk_line = 4 * 1024;     ///< one chunk-size line with its extensions (→ bad_chunk)
    bool require_host = true;                  ///< requests: HTTP/1.1 without Host → missing_host
};

}  // namespace sockit::http
