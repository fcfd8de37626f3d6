// SPDX-License-Identifier: MIT
// Unit tests for task_queue and worker_pool: the seeds' six-jobs example, errors, shutdown modes, stress.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <future>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sockit/pool/task_queue.hpp"
#include "sockit/pool/worker_pool.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;

// Polls `done` until it holds or 5 s pass (tests never hang).
bool eventually(const std::function<bool()>& done) {
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

TEST(WorkerPool, SeedsExampleSixJobsTwoWorkersEachPrintedOnce) {
    // Seed 002, chapter 9: a queue with six puts jobs, a pool of two workers over it, wait until empty,
    // destroy the pool, then the queue. Every number appears exactly once, in some order.
    testing::internal::CaptureStdout();
    {
        task_queue q;
        for (const char* s : {"1", "2", "3", "4", "5", "6"}) {
            ASSERT_TRUE(q.push([s] {
                std::puts(s);
                std::fflush(stdout);  // one line per job: puts writes it whole, the flush sends it now
            }));
        }
        auto p = worker_pool::create(2, q);
        ASSERT_TRUE(p) << p.error().message();
        EXPECT_EQ((*p)->size(), 2u);
        (*p)->wait_idle();
        EXPECT_TRUE((*p)->is_idle());
    }  // wp_destroy, then tsq_destroy
    std::istringstream out(testing::internal::GetCapturedStdout());
    std::vector<std::string> lines;
    for (std::string line; std::getline(out, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    EXPECT_EQ(lines, (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
}

TEST(WorkerPool, CreateRefusesZeroWorkers) {
    auto p = worker_pool::create(0);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error(), std::errc::invalid_argument);
}

TEST(WorkerPool, ExceptionsAreKeptNotSwallowed) {
    auto p = worker_pool::create(2);
    ASSERT_TRUE(p);
    std::atomic<int> ran{0};
    for (int i = 0; i < 20; ++i) {
        (*p)->submit([i, &ran] {
            ++ran;
            if (i % 5 == 0) throw std::runtime_error("job " + std::to_string(i));
        });
    }
    (*p)->wait_idle();
    EXPECT_EQ(ran, 20);  // a throwing job does not kill its worker
    EXPECT_EQ((*p)->error_count(), 4u);
    auto errors = (*p)->take_errors();
    ASSERT_EQ(errors.size(), 4u);
    std::vector<std::string> what;
    for (auto& e : errors) {
        try {
            std::rethrow_exception(e);
        } catch (const std::runtime_error& re) {
            what.push_back(re.what());
        }
    }
    std::sort(what.begin(), what.end());
    EXPECT_EQ(what, (std::vector<std::string>{"job 0", "job 10", "job 15", "job 5"}));
    EXPECT_TRUE((*p)->take_errors().empty());  // taken once
}

TEST(WorkerPool, ErrorHandlerReceivesExceptions) {
    std::mutex mu;
    std::vector<std::string> seen;
    worker_pool::options opts;
    opts.on_error = [&](std::exception_ptr e) {
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            std::lock_guard lock(mu);
            seen.emplace_back(ex.what());
        }
    };
    auto p = worker_pool::create(3, std::move(opts));
    ASSERT_TRUE(p);
    (*p)->submit([] { throw std::logic_error("bad"); });
    (*p)->submit([] { throw 42; });  // not even a std::exception: still reported
    (*p)->wait_idle();
    EXPECT_EQ((*p)->error_count(), 2u);
    std::lock_guard lock(mu);
    ASSERT_EQ(seen.size(), 1u);  // the int went through the handler, which rethrew it: kept instead
    EXPECT_EQ(seen[0], "bad");
    EXPECT_EQ((*p)->take_errors().size(), 1u);
}

TEST(WorkerPool, ShutdownDrainRunsEverythingQueued) {
    auto p = worker_pool::create(2);
    ASSERT_TRUE(p);
    std::atomic<int> ran{0};
    for (int i = 0; i < 200; ++i) {
        (*p)->submit([&] {
            std::this_thread::sleep_for(50us);
            ++ran;
        });
    }
    EXPECT_EQ((*p)->shutdown(pool_shutdown::drain), 0u);
    EXPECT_EQ(ran, 200);
    EXPECT_EQ((*p)->size(), 0u);
    EXPECT_FALSE((*p)->submit([] {}));                    // closed
    EXPECT_EQ((*p)->shutdown(pool_shutdown::drain), 0u);  // idempotent
}

TEST(WorkerPool, ShutdownCancelFinishesRunningDropsQueued) {
    auto p = worker_pool::create(2);
    ASSERT_TRUE(p);
    std::promise<void> release;
    std::shared_future<void> gate = release.get_future().share();
    std::atomic<int> running{0}, finished{0}, queued_ran{0};
    for (int i = 0; i < 2; ++i) {
        (*p)->submit([&, gate] {
            ++running;
            gate.wait();
            ++finished;
        });
    }
    ASSERT_TRUE(eventually([&] { return running == 2; }));
    for (int i = 0; i < 50; ++i) (*p)->submit([&] { ++queued_ran; });
    auto cancelled = std::async(std::launch::async, [&] { return (*p)->shutdown(pool_shutdown::cancel); });
    ASSERT_TRUE(eventually([&] { return (*p)->queue().size() == 0; }));
    release.set_value();
    EXPECT_EQ(cancelled.get(), 50u);
    EXPECT_EQ(finished, 2);    // running jobs finished
    EXPECT_EQ(queued_ran, 0);  // queued jobs did not run
}

TEST(WorkerPool, DestructorUsesConfiguredMode) {
    struct row {
        const char* why;
        pool_shutdown mode;
        bool queued_jobs_run;
    };
    const row rows[] = {
        {"default: drain", pool_shutdown::drain, true},
        {"cancel on destroy", pool_shutdown::cancel, false},
    };
    for (const auto& r : rows) {
        std::atomic<int> ran{0};
        std::promise<void> release;
        std::shared_future<void> gate = release.get_future().share();
        std::atomic<bool> started{false};
        std::thread releaser;
        {
            worker_pool::options opts;
            opts.on_destroy = r.mode;
            auto p = worker_pool::create(1, std::move(opts));
            ASSERT_TRUE(p);
            (*p)->submit([&, gate] {
                started = true;
                gate.wait();
            });
            ASSERT_TRUE(eventually([&] { return started.load(); }));
            for (int i = 0; i < 10; ++i) (*p)->submit([&] { ++ran; });
            // Open the gate only once the destructor has dealt with the queue (cancelled it, or is draining).
            task_queue* q = &(*p)->queue();
            releaser = std::thread([&release, q, mode = r.mode] {
                (void)eventually([&] { return mode == pool_shutdown::drain || q->size() == 0; });
                release.set_value();
            });
        }
        releaser.join();
        EXPECT_EQ(ran, r.queued_jobs_run ? 10 : 0) << r.why;
    }
}

TEST(WorkerPool, JobsMaySubmitJobsAndWaitIdleSeesThemAll) {
    auto p = worker_pool::create(2);
    ASSERT_TRUE(p);
    std::atomic<int> ran{0};
    std::function<void(int)> spawn = [&](int depth) {
        ++ran;
        if (depth < 6) {
            (*p)->submit([&, depth] { spawn(depth + 1); });
            (*p)->submit([&, depth] { spawn(depth + 1); });
        }
    };
    (*p)->submit([&] { spawn(0); });
    (*p)->wait_idle();
    EXPECT_EQ(ran, 127);  // a full binary tree of depth 6
}

TEST(WorkerPool, WaitIdleHelpingRunsJobsOnCallerToo) {
    auto p = worker_pool::create(1);
    ASSERT_TRUE(p);
    std::promise<void> release;
    std::shared_future<void> gate = release.get_future().share();
    std::atomic<bool> started{false};
    (*p)->submit([&, gate] {  // occupies the only worker until the caller has run everything else
        started = true;
        gate.wait();
    });
    ASSERT_TRUE(eventually([&] { return started.load(); }));
    const auto caller = std::this_thread::get_id();
    std::atomic<int> on_caller{0};
    for (int i = 0; i < 100; ++i) {
        (*p)->submit([&, i] {
            if (std::this_thread::get_id() == caller) ++on_caller;
            if (i == 99) throw std::runtime_error("last");
        });
    }
    std::thread opener([&] {
        (void)eventually([&] { return (*p)->queue().size() == 0; });
        release.set_value();
    });
    (*p)->wait_idle_helping();
    opener.join();
    EXPECT_TRUE((*p)->is_idle());
    EXPECT_EQ(on_caller, 100);                  // the worker was blocked: the caller ran them all
    EXPECT_EQ((*p)->take_errors().size(), 1u);  // and reported the exception like a worker would
}

TEST(WorkerPool, WaitIdleForTimesOut) {
    auto p = worker_pool::create(1);
    ASSERT_TRUE(p);
    std::promise<void> release;
    std::shared_future<void> gate = release.get_future().share();
    (*p)->submit([gate] { gate.wait(); });
    EXPECT_FALSE((*p)->wait_idle_for(20ms));
    EXPECT_FALSE((*p)->is_idle());
    release.set_value();
    EXPECT_TRUE((*p)->wait_idle_for(5000ms));
}

TEST(WorkerPool, StressManyProducersEachJobRunsExactlyOnce) {
    constexpr int producers = 4, per_producer = 20000;
    std::vector<std::atomic<int>> hits(producers * per_producer);
    auto p = worker_pool::create(3);
    ASSERT_TRUE(p);
    std::vector<std::thread> threads;
    for (int t = 0; t < producers; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < per_producer; ++i) {
                auto k = static_cast<std::size_t>(t * per_producer + i);
                EXPECT_TRUE((*p)->submit([&hits, k] { hits[k].fetch_add(1, std::memory_order_relaxed); }));
            }
        });
    }
    for (auto& th : threads) th.join();
    (*p)->wait_idle();
    EXPECT_TRUE(
        std::all_of(hits.begin(), hits.end(), [](const std::atomic<int>& h) { return h.load() == 1; }));
}

TEST(WorkerPool, IdleWorkersSleep) {
    // An idle pool must not spin: 4 workers doing nothing for 300 ms use (almost) no CPU.
    auto cpu = [] {
        rusage ru{};
        ::getrusage(RUSAGE_SELF, &ru);
        return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
               static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    };
    auto p = worker_pool::create(4);
    ASSERT_TRUE(p);
    (*p)->submit([] {});
    (*p)->wait_idle();
    const double before = cpu();
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < 300ms) std::this_thread::sleep_for(10ms);
    EXPECT_LT(cpu() - before, 0.03) << "CPU seconds used by an idle pool";
}

TEST(TaskQueue, FifoAcrossRingGrowthAndWrapAround) {
    task_queue q;
    std::vector<int> order;
    int next = 0;
    auto push_n = [&](int n) {
        for (int i = 0; i < n; ++i) ASSERT_TRUE(q.push([&order, v = next++] { order.push_back(v); }));
    };
    auto pop_n = [&](int n) {
        for (int i = 0; i < n; ++i) {
            auto t = q.try_pop();
            ASSERT_TRUE(t);
            (*t)();
            q.task_done();
        }
    };
    push_n(50);   // within the first ring
    pop_n(30);    // head moves forward
    push_n(100);  // wraps, then grows while wrapped
    pop_n(120);
    push_n(7);
    pop_n(7);
    EXPECT_EQ(q.size(), 0u);
    EXPECT_TRUE(q.is_idle());
    ASSERT_EQ(order.size(), 157u);
    for (int i = 0; i < 157; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(TaskQueue, CloseWakesBlockedConsumers) {
    task_queue q;
    auto waiter = std::async(std::launch::async, [&] { return q.pop().has_value(); });
    EXPECT_EQ(waiter.wait_for(20ms), std::future_status::timeout);  // blocked on an empty open queue
    q.close();
    EXPECT_FALSE(waiter.get());
    EXPECT_FALSE(q.push([] {}));
    EXPECT_TRUE(q.is_closed());
}

TEST(TaskQueue, PopBatchTakesAtMostHalfAndTracksProgress) {
    struct row {
        const char* why;
        int queued;
        std::size_t max;
        std::size_t expected;
    };
    const row rows[] = {
        {"one job", 1, 32, 1},
        {"six jobs: half of them", 6, 32, 3},
        {"seven jobs: half rounded up", 7, 32, 4},
        {"limited by max", 100, 8, 8},
        {"max zero still takes one", 5, 0, 1},
    };
    for (const auto& r : rows) {
        task_queue q;
        for (int i = 0; i < r.queued; ++i) ASSERT_TRUE(q.push([] {}));
        std::vector<task_queue::task> out;
        EXPECT_EQ(q.pop_batch(out, r.max, 0), r.expected) << r.why;
        EXPECT_EQ(out.size(), r.expected) << r.why;
        EXPECT_EQ(q.in_progress(), r.expected) << r.why;
        EXPECT_FALSE(q.is_idle()) << r.why;
        q.task_done(r.expected);
        EXPECT_EQ(q.in_progress(), 0u) << r.why;
        EXPECT_EQ(q.cancel_pending(), static_cast<std::size_t>(r.queued) - r.expected) << r.why;
        EXPECT_TRUE(q.is_idle()) << r.why;
    }
}

}  // namespace
}  // namespace sockit
