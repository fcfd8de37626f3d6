// SPDX-License-Identifier: MIT
// time_service: RFC 868 — the time as 32-bit big-endian seconds since 1900-01-01 00:00 UTC.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "sockit/services/answer_once_service.hpp"

namespace sockit::services {

/// Seconds from 1900-01-01 to 1970-01-01 (RFC 868's examples: 2,208,988,800 is 1970-01-01 00:00 GMT).
inline constexpr std::int64_t rfc868_epoch_offset = 2'208'988'800;

/// `t` as RFC 868 time: whole seconds since 1900-01-01 00:00 UTC, modulo 2^32 (the count wraps on
/// 2036-02-07 06:28:16 UTC; receivers disambiguate by era, as RFC 868's 32-bit field forces).
[[nodiscard]] std::uint32_t rfc868_time(std::chrono::system_clock::time_point t) noexcept;

/// RFC 868 time on port 37. TCP: sends the 4 bytes on connect, then closes. UDP: any datagram (even an
/// empty one) is answered with the 4 bytes.
class time_service final : public answer_once_service {
public:
    using clock_fn = std::function<std::chrono::system_clock::time_point()>;

    /// The system clock.
    time_service() = default;
    /// A clock of the caller's (tests); it must be thread-safe if the service is shared across threads.
    explicit time_service(clock_fn clock) : clock_(std::move(clock)) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "time"; }
    [[nodiscard]] std::uint16_t standard_port() const noexcept override { return 37; }
    /// The current time as the 4 bytes the service sends.
    void append_answer(byte_buffer& out) const override;

private:
    clock_fn clock_;
};

}  // namespace sockit::services
