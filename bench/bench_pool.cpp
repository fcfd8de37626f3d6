// SPDX-License-Identifier: MIT
// Per-task overhead of an empty job: sockit's worker_pool (2 workers) against tbb::task_group in a 2-thread
// arena.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "sockit/pool/worker_pool.hpp"

#if SOCKIT_HAVE_TBB
#include <tbb/task_arena.h>
#include <tbb/task_group.h>
#endif

namespace {

constexpr int threads = 2;

// Submits `batch` empty jobs, then waits until all have run; the time per job is the pool's overhead.
// range(1) = 0: 2 workers, the caller blocks in wait_idle() (the seeds' shape, 3 threads in all);
// range(1) = 1: 1 worker, the caller runs jobs in wait_idle_helping() (2 threads, like TBB's arena below).
void sockit_pool_empty(benchmark::State& state) {
    const auto batch = state.range(0);
    const bool helping = state.range(1) != 0;
    auto pool = sockit::worker_pool::create(helping ? threads - 1 : threads);
    if (!pool) {
        state.SkipWithError("worker_pool::create failed");
        return;
    }
    for (auto _ : state) {
        for (std::int64_t i = 0; i < batch; ++i) (*pool)->submit([] {});
        if (helping) {
            (*pool)->wait_idle_helping();
        } else {
            (*pool)->wait_idle();
        }
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["ns_per_task"] =
        benchmark::Counter(static_cast<double>(state.iterations() * batch),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(sockit_pool_empty)
    ->Name("sockit/empty_task")
    ->ArgNames({"batch", "helping"})
    ->Args({1000, 0})
    ->Args({10000, 0})
    ->Args({1000, 1})
    ->Args({10000, 1})
    ->UseRealTime();

#if SOCKIT_HAVE_TBB
// The same with TBB: an arena of 2 threads (the calling thread joins in while it waits, as TBB does).
void tbb_task_group_empty(benchmark::State& state) {
    const auto batch = state.range(0);
    tbb::task_arena arena(threads);
    for (auto _ : state) {
        arena.execute([batch] {
            tbb::task_group g;
            for (std::int64_t i = 0; i < batch; ++i) g.run([] {});
            g.wait();
        });
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["ns_per_task"] =
        benchmark::Counter(static_cast<double>(state.iterations() * batch),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(tbb_task_group_empty)
    ->Name("tbb/empty_task")
    ->ArgNames({"batch"})
    ->Arg(1000)
    ->Arg(10000)
    ->UseRealTime();
#endif

}  // namespace

BENCHMARK_MAIN();
