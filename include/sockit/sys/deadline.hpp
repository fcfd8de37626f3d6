// SPDX-License-Identifier: MIT
// deadline: steady_clock deadlines turned into poll(2) timeouts (milliseconds, rounded up, clamped).
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>

namespace sockit::sys {

/// The clock every deadline in sockit is measured on (immune to wall-clock changes).
using steady_clock = std::chrono::steady_clock;

/// The largest timeout handed to poll(2): about 11.5 days, far from INT_MAX, so that arithmetic on it
/// never overflows; a longer wait simply polls again.
inline constexpr long long max_poll_ms = 1'000'000'000;

/// Milliseconds left from `now` until `deadline`, rounded up so that a poll does not wake a hair early and
/// spin; 0 when the deadline has passed; clamped to max_poll_ms. Pure, never fails.
inline int ms_until(steady_clock::time_point deadline,
                    steady_clock::time_point now = steady_clock::now()) noexcept {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    return static_cast<int>(std::clamp<long long>(left, 0, max_poll_ms));
}

/// The poll(2) timeout for an optional deadline: -1 (wait forever) when there is none, else ms_until().
inline int poll_timeout(std::optional<steady_clock::time_point> deadline,
                        steady_clock::time_point now = steady_clock::now()) noexcept {
    return deadline ? ms_until(*deadline, now) : -1;
}

/// The earlier of two optional deadlines (none counts as "never").
inline std::optional<steady_clock::time_point> earliest(std::optional<steady_clock::time_point> a,
                                                        std::optional<steady_clock::time_point> b) noexcept {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace sockit::sys
