// SPDX-License-Identifier: MIT
// qotd_service: RFC 865 — a short message (a quote) per connection or datagram, from a file or a built-in
// set.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/services/answer_once_service.hpp"

namespace sockit::services {

/// Why a quotes file was refused, and where.
struct quotes_error {
    std::error_code code;  ///< codec_errc::too_large, bad_value, truncated (no quote at all), or an errno
    std::size_t line = 0;  ///< 1-based line of the offending byte or of the quote's start; 0: the whole file
    std::string detail;    ///< one human-readable sentence naming the problem
};

/// The longest quote accepted, in bytes with CRLF line ends: RFC 865 asks for fewer than 512 characters.
inline constexpr std::size_t max_quote_bytes = 511;

/// Parses quotes in fortune(6) format: quotes separated by lines holding only "%". Blank lines around a
/// quote are dropped, tabs expand to 8-column stops, line ends become CRLF (each quote ends with one).
/// Errors: bad_value for a byte RFC 865 does not allow (only printing ASCII, space, CR, LF); too_large for a
/// quote of more than max_quote_bytes; truncated when the text holds no quote.
[[nodiscard]] result<std::vector<std::string>, quotes_error> parse_quotes(std::string_view text);

/// The built-in quotes (already in the form parse_quotes produces).
[[nodiscard]] const std::vector<std::string>& builtin_quotes();

/// RFC 865 quote of the day on port 17. TCP: sends one quote on connect, then closes. UDP: any datagram is
/// answered with one quote (< 512 bytes). Quotes are served in rotation, shared by all connections.
class qotd_service final : public answer_once_service {
public:
    /// The built-in quotes.
    qotd_service() : qotd_service(builtin_quotes()) {}
    /// Quotes from parse_quotes(), or from a file through inetd::load_quotes() (an empty list means the
    /// built-in ones). Longer quotes would be cut at max_quote_bytes.
    explicit qotd_service(std::vector<std::string> quotes);

    [[nodiscard]] std::string_view name() const noexcept override { return "qotd"; }
    [[nodiscard]] std::uint16_t standard_port() const noexcept override { return 17; }
    /// Appends the next quote of the rotation.
    void append_answer(byte_buffer& out) const override;
    [[nodiscard]] const std::vector<std::string>& quotes() const noexcept { return quotes_; }

private:
    std::vector<std::string> quotes_;
    mutable std::atomic<std::size_t> next_{0};
};

}  // namespace sockit::services
