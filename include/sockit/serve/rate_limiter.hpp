// SPDX-License-Identifier: MIT
// rate_limiter: per-source token buckets that bound how many UDP replies one address can draw
// (anti-amplification).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "sockit/ip/ip_address.hpp"

namespace sockit::serve {

/// A token bucket per source address: each source may draw `burst` replies at once and `rate` per second
/// after that. The table is bounded: when it holds `max_sources` addresses, buckets that have refilled
/// completely (idle sources) are dropped, at most once per second; if it is still full, datagrams from
/// new sources are refused, so a flood of spoofed sources cannot grow memory or win replies. Not
/// thread-safe: one per event loop or acceptor thread.
class rate_limiter {
public:
    using clock = std::chrono::steady_clock;

    /// `rate` replies per second and `burst` at once per source (rate 0: no limit at all).
    rate_limiter(double rate, double burst, std::size_t max_sources = 8192) noexcept
        : rate_(rate), burst_(burst < 1 ? 1 : burst), max_sources_(max_sources) {}

    /// Takes one token for `source` at `now`: true when the reply may be sent. Throws std::bad_alloc only.
    bool allow(const ip_address& source, clock::time_point now);

    /// How many sources the table tracks.
    [[nodiscard]] std::size_t size() const noexcept { return buckets_.size(); }

private:
    struct bucket {
        double tokens;
        clock::time_point last;
    };
    struct key_hash {
        std::size_t operator()(const ip_address& a) const noexcept;
    };
    void sweep(clock::time_point now);

    double rate_;
    double burst_;
    std::size_t max_sources_;
    std::unordered_map<ip_address, bucket, key_hash> buckets_;
    clock::time_point last_sweep_{};
};

}  // namespace sockit::serve
