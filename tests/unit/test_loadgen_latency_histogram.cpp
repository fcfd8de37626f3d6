// SPDX-License-Identifier: MIT
// Unit tests for loadgen::latency_histogram: exact small values, percentiles within the bucket error, max and
// mean.
#include <gtest/gtest.h>

#include <chrono>

#include "sockit/loadgen/latency_histogram.hpp"

namespace sockit::loadgen {
namespace {

using std::chrono::nanoseconds;

TEST(LatencyHistogram, EmptyIsZero) {
    latency_histogram h;
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.percentile(0.5), nanoseconds(0));
    EXPECT_EQ(h.max(), nanoseconds(0));
    EXPECT_EQ(h.mean(), nanoseconds(0));
}

TEST(LatencyHistogram, SmallValuesAreExact) {
    latency_histogram h;
    for (int v = 1; v <= 10; ++v) h.record(nanoseconds(v));
    EXPECT_EQ(h.count(), 10u);
    EXPECT_EQ(h.percentile(0.5), nanoseconds(5));
    EXPECT_EQ(h.percentile(0.9), nanoseconds(9));
    EXPECT_EQ(h.percentile(0), nanoseconds(1));   // rank 0 counts as the first value
    EXPECT_EQ(h.percentile(2), nanoseconds(10));  // fractions are clamped to 0..1
    EXPECT_EQ(h.max(), nanoseconds(10));
    EXPECT_EQ(h.mean(), nanoseconds(5));  // 55 / 10, truncated
    h.record(nanoseconds(-3));            // negative durations count as 0
    EXPECT_EQ(h.percentile(0), nanoseconds(0));
    h.clear();
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.max(), nanoseconds(0));
}

TEST(LatencyHistogram, PercentilesOfAMixWithinBucketError) {
    latency_histogram h;
    for (int i = 0; i < 990; ++i) h.record(nanoseconds(20'000));    // 20 µs
    for (int i = 0; i < 10; ++i) h.record(nanoseconds(3'000'000));  // 3 ms: the slowest 1 %
    auto near = [](nanoseconds got, double want) {
        EXPECT_NEAR(static_cast<double>(got.count()), want, want * 0.0625) << got.count();
    };
    near(h.percentile(0.5), 20'000);
    near(h.percentile(0.99), 20'000);  // rank 990 is the last fast one
    near(h.percentile(0.995), 3'000'000);
    EXPECT_EQ(h.max(), nanoseconds(3'000'000));  // exact
    EXPECT_EQ(h.mean(), nanoseconds((990LL * 20'000 + 10LL * 3'000'000) / 1000));
    EXPECT_LE(h.percentile(1), h.max());  // a bucket's middle is capped at the largest value
}

}  // namespace
}  // namespace sockit::loadgen
