// SPDX-License-Identifier: MIT
// Unit tests for timer_heap on a fake steady-clock timeline: order, cancel, lazy and eager re-arm, periodic.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sockit/event/timer_heap.hpp"

namespace sockit {
namespace {

using clock_t_ = timer_heap::clock;
using ms = std::chrono::milliseconds;

const clock_t_::time_point t0{};  // the fake timeline starts at the epoch of the steady clock

TEST(TimerHeap, FiresInDeadlineOrderTiesInCreationOrder) {
    struct row {
        const char* why;
        std::vector<int> delays_ms;
        std::string expected;  // names fired at t0 + 100ms, in order
    };
    const row rows[] = {
        {"already sorted", {1, 2, 3}, "abc"},
        {"reverse order", {3, 2, 1}, "cba"},
        {"ties keep creation order", {5, 5, 1, 5}, "cabd"},
        {"zero delay fires too", {0, 7}, "ab"},
    };
    for (const auto& r : rows) {
        timer_heap heap;
        std::string fired;
        for (std::size_t i = 0; i < r.delays_ms.size(); ++i) {
            char name = static_cast<char>('a' + i);
            (void)heap.add(t0 + ms(r.delays_ms[i]), [&fired, name] { fired += name; });
        }
        EXPECT_EQ(heap.run_expired(t0 + ms(100)), r.delays_ms.size()) << r.why;
        EXPECT_EQ(fired, r.expected) << r.why;
        EXPECT_TRUE(heap.empty()) << r.why;  // one-shot timers are gone after firing
    }
}

TEST(TimerHeap, OnlyDueTimersFire) {
    timer_heap heap;
    int fired = 0;
    auto a = heap.add(t0 + ms(10), [&] { ++fired; });
    auto b = heap.add(t0 + ms(20), [&] { ++fired; });
    EXPECT_EQ(heap.next_deadline(), t0 + ms(10));
    EXPECT_EQ(heap.run_expired(t0 + ms(9)), 0u);   // one millisecond early: nothing
    EXPECT_EQ(heap.run_expired(t0 + ms(10)), 1u);  // exactly due fires
    EXPECT_FALSE(heap.is_live(a));
    EXPECT_TRUE(heap.is_live(b));
    EXPECT_EQ(heap.next_deadline(), t0 + ms(20));
    EXPECT_EQ(fired, 1);
}

TEST(TimerHeap, CancelAndStaleHandles) {
    timer_heap heap;
    int fired = 0;
    auto a = heap.add(t0 + ms(10), [&] { ++fired; });
    EXPECT_TRUE(heap.cancel(a));
    EXPECT_FALSE(heap.cancel(a));             // second cancel: stale
    EXPECT_FALSE(heap.rearm(a, t0 + ms(1)));  // cannot revive a cancelled timer
    EXPECT_FALSE(heap.next_deadline().has_value());
    auto b = heap.add(t0 + ms(10), [&] { fired += 10; });  // reuses a's slot
    EXPECT_EQ(b.slot, a.slot);
    EXPECT_NE(b.generation, a.generation);
    EXPECT_FALSE(heap.cancel(a));  // the old handle does not name the new timer
    EXPECT_EQ(heap.run_expired(t0 + ms(50)), 1u);
    EXPECT_EQ(fired, 10);
    EXPECT_FALSE(heap.cancel(timer_handle{}));  // the null handle
}

TEST(TimerHeap, RearmLaterAndEarlier) {
    struct row {
        const char* why;
        int first_ms;
        int rearm_ms;
    };
    const row rows[] = {
        {"pushed back (lazy path)", 10, 30},
        {"pulled in (new heap entry)", 30, 10},
        {"same deadline", 10, 10},
    };
    for (const auto& r : rows) {
        timer_heap heap;
        int fired = 0;
        auto h = heap.add(t0 + ms(r.first_ms), [&] { ++fired; });
        ASSERT_TRUE(heap.rearm(h, t0 + ms(r.rearm_ms))) << r.why;
        EXPECT_EQ(heap.deadline(h), t0 + ms(r.rearm_ms)) << r.why;
        // Step the fake time one millisecond at a time: it fires exactly once, exactly at the new deadline.
        int fired_at = -1;
        for (int t = 0; t <= 40; ++t) {
            if (heap.run_expired(t0 + ms(t)) > 0 && fired_at < 0) fired_at = t;
        }
        EXPECT_EQ(fired_at, r.rearm_ms) << r.why;
        EXPECT_EQ(fired, 1) << r.why;
        EXPECT_TRUE(heap.empty()) << r.why;
    }
}

TEST(TimerHeap, IdleTimeoutPushedBackManyTimesKeepsHeapSmall) {
    timer_heap heap;
    int fired = 0;
    auto h = heap.add(t0 + ms(100), [&] { ++fired; });
    for (int t = 1; t <= 10000; ++t) ASSERT_TRUE(heap.rearm(h, t0 + ms(100 + t)));
    EXPECT_EQ(heap.run_expired(t0 + ms(10099)), 0u);  // the original entry came due and was moved
    EXPECT_EQ(heap.run_expired(t0 + ms(10100)), 1u);
    EXPECT_EQ(fired, 1);
}

TEST(TimerHeap, PeriodicFiresEveryPeriodWithoutCatchUpStorm) {
    timer_heap heap;
    int fired = 0;
    auto h = heap.add(
        t0 + ms(10), [&] { ++fired; }, ms(10));
    for (int t = 10; t <= 50; t += 10) EXPECT_EQ(heap.run_expired(t0 + ms(t)), 1u) << t;
    EXPECT_EQ(fired, 5);
    // A stall of 1 s: one firing, then the next is a period after "now", not 100 back-to-back firings.
    EXPECT_EQ(heap.run_expired(t0 + ms(1050)), 1u);
    EXPECT_EQ(heap.deadline(h), t0 + ms(1060));
    EXPECT_TRUE(heap.cancel(h));
    EXPECT_EQ(heap.run_expired(t0 + ms(5000)), 0u);
}

TEST(TimerHeap, CallbacksMayRearmCancelAndAdd) {
    timer_heap heap;
    std::string log;
    timer_handle self{};
    timer_handle victim{};
    int rounds = 0;
    self = heap.add(t0 + ms(1), [&] {
        log += 's';
        if (++rounds < 3) {
            EXPECT_TRUE(heap.rearm(self, t0));  // into the past: fires on the next call only
        }
        if (rounds == 1) {
            EXPECT_TRUE(heap.cancel(victim));  // cancel a timer due in this same pass
        }
        (void)heap.add(t0 + ms(1), [&] { log += 'n'; });  // added during the pass: next call
    });
    victim = heap.add(t0 + ms(1), [&] { log += 'v'; });
    EXPECT_EQ(heap.run_expired(t0 + ms(1)), 1u);
    EXPECT_EQ(log, "s");
    EXPECT_EQ(heap.run_expired(t0 + ms(1)), 2u);  // self again, and the timer it added
    EXPECT_EQ(log, "ssn");
    EXPECT_EQ(heap.run_expired(t0 + ms(1)), 2u);
    EXPECT_EQ(log, "ssnsn");
    EXPECT_EQ(heap.run_expired(t0 + ms(1)), 1u);  // self stopped re-arming itself
    EXPECT_FALSE(heap.is_live(self));
    EXPECT_TRUE(heap.empty());
}

TEST(TimerHeap, CancelInsideOwnCallbackStopsPeriodic) {
    timer_heap heap;
    int fired = 0;
    timer_handle h{};
    h = heap.add(
        t0 + ms(1),
        [&] {
            ++fired;
            EXPECT_TRUE(heap.cancel(h));
            EXPECT_FALSE(heap.rearm(h, t0 + ms(5)));  // cancelled: stays cancelled
        },
        ms(1));
    EXPECT_EQ(heap.run_expired(t0 + ms(1)), 1u);
    EXPECT_EQ(heap.run_expired(t0 + ms(100)), 0u);
    EXPECT_EQ(fired, 1);
    EXPECT_TRUE(heap.empty());
}

TEST(TimerHeap, ThrowingCallbackLeavesOthersArmed) {
    timer_heap heap;
    int fired = 0;
    (void)heap.add(t0 + ms(1), [] { throw std::runtime_error("boom"); });
    auto later = heap.add(t0 + ms(2), [&] { ++fired; });
    EXPECT_THROW((void)heap.run_expired(t0 + ms(5)), std::runtime_error);
    EXPECT_TRUE(heap.is_live(later));
    EXPECT_EQ(heap.run_expired(t0 + ms(5)), 1u);
    EXPECT_EQ(fired, 1);
    EXPECT_TRUE(heap.empty());
}

TEST(TimerHeap, ManyCancelledTimersDoNotBloatForever) {
    timer_heap heap;
    // 100k add/cancel pairs with far deadlines: stale entries are pruned, so next_deadline stays correct
    // and the heap stays usable (a leak here would show as memory growth under ASan's leak checker too).
    for (int i = 0; i < 100000; ++i) EXPECT_TRUE(heap.cancel(heap.add(t0 + ms(1000000 + i), [] {})));
    EXPECT_FALSE(heap.next_deadline().has_value());
    EXPECT_TRUE(heap.empty());
}

TEST(TimerHeap, RandomOperationsMatchANaiveModel) {
    // Differential against the obvious implementation (a map of live deadlines, scanned): random adds,
    // cancels, re-arms earlier and later, and time steps. Each run_expired must fire exactly the live timers
    // due by then, in non-decreasing deadline order.
    std::mt19937 rng(2024);
    timer_heap heap;
    std::map<int, std::pair<timer_handle, int>> model;  // id -> handle, deadline (ms)
    std::vector<std::pair<int, int>> fired;             // id, deadline as the model knew it
    int now = 0, next_id = 0;
    for (int step = 0; step < 20000; ++step) {
        const auto op = rng() % 10;
        if (op < 4) {  // add, due within the next 0..99 ms
            const int id = next_id++;
            const int due = now + static_cast<int>(rng() % 100);
            auto h =
                heap.add(t0 + ms(due), [&fired, &model, id] { fired.emplace_back(id, model.at(id).second); });
            model[id] = {h, due};
        } else if (op < 6 && !model.empty()) {  // cancel a random live timer
            auto it = std::next(model.begin(), static_cast<std::ptrdiff_t>(rng() % model.size()));
            ASSERT_TRUE(heap.cancel(it->second.first));
            model.erase(it);
        } else if (op < 8 && !model.empty()) {  // re-arm a random live timer, earlier or later
            auto it = std::next(model.begin(), static_cast<std::ptrdiff_t>(rng() % model.size()));
            const int due = now + static_cast<int>(rng() % 150);
            ASSERT_TRUE(heap.rearm(it->second.first, t0 + ms(due)));
            it->second.second = due;
        } else {  // advance time and fire
            now += static_cast<int>(rng() % 20);
            std::vector<int> expected;
            for (const auto& [id, v] : model) {
                if (v.second <= now) expected.push_back(id);
            }
            fired.clear();
            ASSERT_EQ(heap.run_expired(t0 + ms(now)), expected.size()) << "step " << step;
            std::vector<int> got;
            for (std::size_t i = 0; i < fired.size(); ++i) {
                got.push_back(fired[i].first);
                if (i > 0) {
                    ASSERT_LE(fired[i - 1].second, fired[i].second) << "out of order at step " << step;
                }
            }
            std::sort(got.begin(), got.end());
            ASSERT_EQ(got, expected) << "step " << step;
            for (int id : expected) {
                EXPECT_FALSE(heap.is_live(model.at(id).first));
                model.erase(id);
            }
            ASSERT_EQ(heap.size(), model.size());
        }
    }
}

}  // namespace
}  // namespace sockit
