// SPDX-License-Identifier: MIT
// message_writer: serializes HTTP/1.1 request and status lines, field lines and bodies (RFC 9112 §3-§7).
#pragma once

#include <cstdint>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/http_version.hpp"

namespace sockit::http {

/// Appends a message to a caller-owned byte_buffer. Every piece that comes from outside (method,
/// target, field names and values, reason) is checked first, so nothing it writes can split a message or
/// smuggle a header: on bad_field_value nothing is appended. Not thread-safe; allocates (the buffer grows).
class message_writer {
public:
    /// Appends to `out`, which must outlive the writer.
    explicit message_writer(byte_buffer& out) noexcept : out_(&out) {}

    /// "METHOD SP target SP HTTP/x.y CRLF". bad_field_value unless method is a token, target is 1*visible
    /// ASCII and the version digits are 0..9.
    result<void> request_line(std::string_view method, std::string_view target, http_version version = {});

    /// "HTTP/x.y SP code SP reason CRLF"; an empty reason is replaced by the registered phrase.
    /// bad_field_value unless 100 <= status <= 599 and the reason holds only HTAB, SP, VCHAR, obs-text.
    result<void> status_line(int status, std::string_view reason = {}, http_version version = {});

    /// "name: value CRLF". bad_field_value unless name is a token and value has no control byte but
    /// HTAB and no leading or trailing whitespace (which a parser would drop).
    result<void> header(std::string_view name, std::string_view value);

    /// "Content-Length: n CRLF".
    void content_length(std::uint64_t n);

    /// The empty line that ends the head.
    void end_head();

    /// Raw body bytes (for a Content-Length body; the caller makes the lengths agree).
    void body(bytes_view data);

    /// One chunk: hex size CRLF data CRLF. An empty `data` writes nothing (an empty chunk would end the
    /// body).
    void chunk(bytes_view data);

    /// The last chunk and an empty trailer section: "0 CRLF CRLF".
    void last_chunk();

    /// The buffer written to.
    [[nodiscard]] byte_buffer& buffer() noexcept { return *out_; }

private:
    void append(std::string_view s);

    byte_buffer* out_;
};

}  // namespace sockit::http
