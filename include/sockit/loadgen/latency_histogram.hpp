// SPDX-License-Identifier: MIT
// latency_histogram: a fixed log-linear histogram of durations (16 sub-buckets per power of two, <= 6.25 %
// error).
#pragma once

#include <array>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace sockit::loadgen {

/// The bucket layout of latency_histogram: values below 16 exact, then 16 linear buckets per power of two.
struct latency_buckets {
    static constexpr unsigned sub_bits = 4;
    static constexpr std::uint64_t sub_count = 1U << sub_bits;
    // Exponents 4..63 each get 16 buckets after the 16 exact ones below 16.
    static constexpr std::size_t count = sub_count + (64 - sub_bits) * sub_count;

    static constexpr std::size_t index_of(std::uint64_t v) noexcept {
        if (v < sub_count) return static_cast<std::size_t>(v);
        const auto e = static_cast<unsigned>(std::bit_width(v) - 1);  // >= sub_bits
        const std::uint64_t sub = (v >> (e - sub_bits)) & (sub_count - 1);
        return static_cast<std::size_t>((e - sub_bits + 1) * sub_count + sub);
    }
    static constexpr std::uint64_t lower_bound_of(std::size_t i) noexcept {
        if (i < sub_count) return i;
        const auto e = static_cast<unsigned>(i / sub_count) + sub_bits - 1;
        return (sub_count + i % sub_count) << (e - sub_bits);
    }
    static constexpr std::uint64_t width_of(std::size_t i) noexcept {
        if (i < sub_count) return 1;
        const auto e = static_cast<unsigned>(i / sub_count) + sub_bits - 1;
        return std::uint64_t{1} << (e - sub_bits);
    }
};
// Exact below 16; 1000 ns lies in its bucket; the largest value has the last bucket.
static_assert(latency_buckets::index_of(15) == 15 && latency_buckets::index_of(16) == 16 &&
              latency_buckets::index_of(31) == 31 && latency_buckets::index_of(32) == 32);
static_assert(latency_buckets::lower_bound_of(latency_buckets::index_of(1000)) <= 1000 &&
              1000 < latency_buckets::lower_bound_of(latency_buckets::index_of(1000)) +
                         latency_buckets::width_of(latency_buckets::index_of(1000)));
static_assert(latency_buckets::index_of(~std::uint64_t{0}) == latency_buckets::count - 1);

/// Counts durations in nanoseconds without allocating: values below 16 ns have their own bucket, larger
/// ones fall into one of 16 linear sub-buckets of their power of two, so a reported percentile is within
/// 6.25 % of the true value. Recording is a few instructions; not thread-safe.
class latency_histogram {
public:
    /// Adds one duration (negative ones count as 0).
    void record(std::chrono::nanoseconds d) noexcept {
        const auto ns = d.count() < 0 ? std::uint64_t{0} : static_cast<std::uint64_t>(d.count());
        ++counts_[index_of(ns)];
        ++total_;
        sum_ns_ += ns;
        if (ns > max_ns_) max_ns_ = ns;
    }

    /// Forgets every recorded value.
    void clear() noexcept { *this = latency_histogram{}; }

    /// How many values were recorded.
    [[nodiscard]] std::uint64_t count() const noexcept { return total_; }

    /// The largest value recorded (exact), 0 when empty.
    [[nodiscard]] std::chrono::nanoseconds max() const noexcept {
        return std::chrono::nanoseconds(static_cast<std::int64_t>(max_ns_));
    }

    /// The mean (exact), 0 when empty.
    [[nodiscard]] std::chrono::nanoseconds mean() const noexcept {
        return std::chrono::nanoseconds(total_ == 0 ? 0 : static_cast<std::int64_t>(sum_ns_ / total_));
    }

    /// The value below which `fraction` (0..1) of the recorded values lie: the middle of the bucket holding
    /// that rank, capped at max(). 0 when empty.
    [[nodiscard]] std::chrono::nanoseconds percentile(double fraction) const noexcept {
        if (total_ == 0) return std::chrono::nanoseconds(0);
        if (fraction < 0) fraction = 0;
        if (fraction > 1) fraction = 1;
        auto rank = static_cast<std::uint64_t>(fraction * static_cast<double>(total_));
        if (rank == 0) rank = 1;
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < counts_.size(); ++i) {
            seen += counts_[i];
            if (seen >= rank) {
                const std::uint64_t mid = lower_bound_of(i) + (width_of(i) - 1) / 2;
                return std::chrono::nanoseconds(static_cast<std::int64_t>(mid < max_ns_ ? mid : max_ns_));
            }
        }
        return max();
    }

private:
    using B = latency_buckets;
    static constexpr std::size_t bucket_count = B::count;
    static constexpr std::size_t index_of(std::uint64_t v) noexcept { return B::index_of(v); }
    static constexpr std::uint64_t lower_bound_of(std::size_t i) noexcept { return B::lower_bound_of(i); }
    static constexpr std::uint64_t width_of(std::size_t i) noexcept { return B::width_of(i); }

    std::array<std::uint64_t, bucket_count> counts_{};
    std::uint64_t total_ = 0;
    std::uint64_t sum_ns_ = 0;
    std::uint64_t max_ns_ = 0;
};

}  // namespace sockit::loadgen
