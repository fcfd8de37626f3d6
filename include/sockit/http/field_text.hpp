// SPDX-License-Identifier: MIT
// field_text: field values and reason phrases as UTF-8 text for people and JSON (RFC 9110 §5.5 obs-text, RFC
// 3629).
#pragma once

#include <string>
#include <string_view>

namespace sockit::http {

/// True when `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
/// U+10FFFF). Thread-safe, never fails.
[[nodiscard]] bool is_utf8(std::string_view s) noexcept;

/// A field value (or reason phrase) as valid UTF-8: kept when its bytes are valid UTF-8, else read as
/// ISO-8859-1, the historical charset of obs-text (RFC 9110 §5.5), each byte >= 0x80 becoming two.
/// Thread-safe; allocates.
[[nodiscard]] std::string field_text_utf8(std::string_view value);

}  // namespace sockit::http
