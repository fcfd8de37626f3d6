// SPDX-License-Identifier: MIT
// http_date: HTTP-date formatting and parsing (RFC 9110 §5.6.7: IMF-fixdate, obsolete RFC 850 and asctime
// forms).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace sockit::http {

/// Length of an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT").
inline constexpr std::size_t http_date_size = 29;

/// Formats `t` (seconds since the epoch, UTC) as an IMF-fixdate. Thread-safe; allocates.
[[nodiscard]] std::string format_http_date(std::time_t t);

/// Writes the IMF-fixdate of `t` into `out` (exactly http_date_size bytes). Thread-safe, never fails.
void format_http_date(std::time_t t, char (&out)[http_date_size]) noexcept;

/// Parses an HTTP-date in any of the three forms a recipient must accept (IMF-fixdate, RFC 850 with a
/// two-digit year, asctime). nullopt for anything else (a recipient ignores an invalid date, RFC 9110
/// §13.1.3). Thread-safe, never fails.
[[nodiscard]] std::optional<std::time_t> parse_http_date(std::string_view text) noexcept;

}  // namespace sockit::http
