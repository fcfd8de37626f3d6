// SPDX-License-Identifier: MIT
// Unit tests for buffer: FIFO contents, contiguous peek, compaction, steady state without allocation, high
// water.
#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <random>
#include <string>

#include "sockit/event/buffer.hpp"

namespace sockit {
namespace {

std::string str(bytes_view b) { return std::string(as_chars(b)); }

TEST(Buffer, AppendPeekConsume) {
    buffer b;
    EXPECT_TRUE(b.empty());
    EXPECT_EQ(b.capacity(), 0u);  // nothing allocated until needed
    b.append(as_bytes("hello "));
    b.append(as_bytes("world"));
    EXPECT_EQ(str(b.peek()), "hello world");
    b.consume(6);
    EXPECT_EQ(str(b.peek()), "world");
    b.consume(5);
    EXPECT_TRUE(b.empty());
    b.append(as_bytes(""));  // empty append is a no-op
    EXPECT_TRUE(b.empty());
}

TEST(Buffer, MatchesAReferenceQueueUnderRandomOperations) {
    // Differential against std::deque<char>: random appends, prepare/commit and partial consumes.
    std::mt19937 rng(12345);
    buffer b(1000);
    std::deque<char> ref;
    for (int step = 0; step < 20000; ++step) {
        switch (rng() % 3) {
            case 0: {  // append 0..299 bytes
                std::string s(rng() % 300, '\0');
                for (auto& c : s) c = static_cast<char>('a' + rng() % 26);
                b.append(as_bytes(s));
                ref.insert(ref.end(), s.begin(), s.end());
                break;
            }
            case 1: {  // prepare/commit part of the prepared span
                std::size_t want = rng() % 200 + 1;
                auto span = b.prepare(want);
                ASSERT_GE(span.size(), want);
                std::size_t used = rng() % (want + 1);
                for (std::size_t i = 0; i < used; ++i) {
                    span[i] = static_cast<std::uint8_t>('A' + i % 26);
                    ref.push_back(static_cast<char>('A' + i % 26));
                }
                b.commit(used);
                break;
            }
            default: {  // consume part of what is there
                std::size_t n = b.size() == 0 ? 0 : rng() % (b.size() + 1);
                b.consume(n);
                ref.erase(ref.begin(), ref.begin() + static_cast<std::ptrdiff_t>(n));
            }
        }
        ASSERT_EQ(b.size(), ref.size());
        ASSERT_TRUE(std::equal(ref.begin(), ref.end(), b.peek().begin())) << "step " << step;
        ASSERT_EQ(b.is_full(), ref.size() >= 1000);
    }
}

TEST(Buffer, SteadyStateReusesStorage) {
    // A connection writing 100-byte messages and sending most of each: after warm-up the storage block
    // is never reallocated (same address, same capacity).
    buffer b;
    std::string msg(100, 'x');
    for (int i = 0; i < 10; ++i) {
        b.append(as_bytes(msg));
        b.consume(b.size() > 30 ? b.size() - 30 : 0);
    }
    b.consume(b.size());
    const auto cap = b.capacity();
    const std::uint8_t* base = b.prepare(1).data();  // empty buffer: writing starts at the block's front
    for (int i = 0; i < 100000; ++i) {
        b.append(as_bytes(msg));
        b.consume(b.size() - (static_cast<std::size_t>(i) % 50));  // leave 0..49 bytes behind
        ASSERT_EQ(b.capacity(), cap) << i;
    }
    b.consume(b.size());
    EXPECT_EQ(b.prepare(1).data(), base);
}

TEST(Buffer, HighWaterMark) {
    struct row {
        const char* why;
        std::size_t high_water;
        std::size_t fill;
        bool full;
        std::size_t room;
    };
    const row rows[] = {
        {"empty buffer", 10, 0, false, 10},
        {"one below the mark", 10, 9, false, 1},
        {"exactly at the mark is full", 10, 10, true, 0},
        {"above the mark (append never refuses)", 10, 25, true, 0},
        {"zero mark: always full", 0, 0, true, 0},
    };
    for (const auto& r : rows) {
        buffer b(r.high_water);
        b.append(as_bytes(std::string(r.fill, 'z')));
        EXPECT_EQ(b.size(), r.fill) << r.why;
        EXPECT_EQ(b.is_full(), r.full) << r.why;
        EXPECT_EQ(b.room(), r.room) << r.why;
    }
}

TEST(Buffer, LargeAppendAndMoveAndShrink) {
    buffer a(16);
    std::string big(1 << 20, 'q');
    big[12345] = 'Q';
    a.append(as_bytes(big));
    EXPECT_EQ(a.size(), big.size());
    buffer b(std::move(a));
    EXPECT_EQ(b.size(), big.size());
    EXPECT_EQ(b.peek()[12345], 'Q');
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
    b.shrink_if_empty();
    EXPECT_GT(b.capacity(), 0u);  // not empty: kept
    b.consume(b.size());
    b.shrink_if_empty();
    EXPECT_EQ(b.capacity(), 0u);
}

}  // namespace
}  // namespace sockit
