// SPDX-License-Identifier: MIT
// daytime_service: RFC 867 — the date and time as one human-readable line.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "sockit/services/answer_once_service.hpp"

namespace sockit::services {

/// `t` in the style of RFC 867's example, "Weekday, Month Day, Year Time-Zone":
/// "Monday, November 23, 2026 11:05:03-UTC". Local time and the local zone's abbreviation (TZ, as
/// localtime_r sees it), or UTC when `utc`. English names whatever the locale. No line ending.
[[nodiscard]] std::string format_daytime(std::chrono::system_clock::time_point t, bool utc);

/// RFC 867 daytime on port 13. TCP: sends the line plus CRLF on connect, then closes. UDP: any datagram is
/// answered with the same line.
class daytime_service final : public answer_once_service {
public:
    using clock_fn = std::function<std::chrono::system_clock::time_point()>;
    struct options {
        bool utc = false;  ///< report UTC instead of local time
        clock_fn clock;    ///< none: the system clock (tests pass a fixed one; thread-safe if shared)
    };

    daytime_service() = default;
    explicit daytime_service(options opts) : opts_(std::move(opts)) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "daytime"; }
    [[nodiscard]] std::uint16_t standard_port() const noexcept override { return 13; }
    /// The current line plus CRLF, as the service sends it.
    void append_answer(byte_buffer& out) const override;

private:
    options opts_;
};

}  // namespace sockit::services
