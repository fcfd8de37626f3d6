// SPDX-License-Identifier: MIT
// MIME types by file extension for the static file server (Content-Type, RFC 9110 §8.3; IANA media types).
#pragma once

#include <string_view>

#include "sockit/core/bytes.hpp"

namespace sockit::http {

/// The media type for a file name or path, from its extension (case-insensitive; "index.HTML" →
/// "text/html; charset=utf-8"). Unknown or missing extension: "text/plain; charset=utf-8" when `sample`
/// (the file's first bytes, may be empty) is non-empty and looks like UTF-8 text without NUL or other
/// control bytes but TAB, CR, LF, FF; otherwise "application/octet-stream". Thread-safe, never fails.
[[nodiscard]] std::string_view mime_type_for(std::string_view filename, bytes_view sample = {}) noexcept;

/// True when `sample` looks like text: valid UTF-8 (a sequence cut at the end counts as valid), no
/// NUL and no control bytes other than TAB, LF, FF, CR and ESC. Never fails.
[[nodiscard]] bool looks_like_text(bytes_view sample) noexcept;

}  // namespace sockit::http
