// SPDX-License-Identifier: MIT
// task_queue: a thread-safe FIFO of jobs with task_done accounting, the shared queue of a worker pool.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace sockit {

/// A multi-producer, multi-consumer FIFO of jobs (the seeds' thread_safe_queue). Besides the queued jobs
/// it counts the jobs consumers have taken but not yet finished, so that wait_idle() means "every job
/// pushed so far has run". Storage is a ring that grows geometrically and is reused: pushing a job whose
/// callable fits std::function's small buffer allocates nothing in steady state.
///
/// Thread-safe: every member may be called from any thread.
class task_queue {
public:
    using task = std::function<void()>;

    task_queue() = default;
    /// Destroys the queued jobs without running them. Precondition: no thread is blocked in it.
    ~task_queue() = default;
    task_queue(const task_queue&) = delete;
    task_queue& operator=(const task_queue&) = delete;

    /// Appends a job and wakes one sleeping consumer. Returns false (the job is destroyed unrun) once the
    /// queue is closed. Never blocks on consumers. Throws std::bad_alloc only.
    bool push(task t);

    /// Takes the oldest job, blocking while the queue is empty and open; nullopt once it is closed and
    /// empty. The caller must call task_done() after running the job.
    std::optional<task> pop();

    /// Takes the oldest job if there is one (never blocks). The caller must call task_done() after it.
    std::optional<task> try_pop();

    /// Consumer fast path: reports `finished` jobs taken earlier as done, then blocks until jobs are
    /// queued (or the queue is closed and empty: returns 0) and moves up to `max` of them into `out`
    /// (appended), never more than half of what is queued (rounded up), so other consumers get their share.
    /// Returns how many it took; the caller reports them as finished on its next call or with task_done().
    std::size_t pop_batch(std::vector<task>& out, std::size_t max, std::size_t finished);

    /// Like pop_batch() but never blocks: returns 0 at once when nothing is queued.
    std::size_t try_pop_batch(std::vector<task>& out, std::size_t max, std::size_t finished);

    /// Reports `n` jobs taken with pop/try_pop/pop_batch as finished (wakes wait_idle() when nothing is
    /// left).
    void task_done(std::size_t n = 1);

    /// Blocks until no job is queued or running.
    void wait_idle();

    /// Like wait_idle() with a time limit; returns whether the queue became idle.
    bool wait_idle_for(std::chrono::milliseconds limit);

    /// Stops accepting jobs and wakes every blocked consumer; queued jobs can still be taken (drain).
    void close();

    /// Destroys every queued job without running it (jobs already taken still finish); returns how many.
    std::size_t cancel_pending();

    /// True when no job is queued and none is running.
    [[nodiscard]] bool is_idle() const;
    /// Jobs queued, not yet taken.
    [[nodiscard]] std::size_t size() const;
    /// Jobs taken and not yet reported done.
    [[nodiscard]] std::size_t in_progress() const;
    [[nodiscard]] bool is_closed() const;

private:
    void grow();
    std::size_t take_batch(std::vector<task>& out, std::size_t max);
    task take_front() noexcept;
    void finish_locked(std::size_t n) noexcept;

    mutable std::mutex mu_;
    std::condition_variable not_empty_;
    std::condition_variable idle_;
    std::vector<task> ring_;  // capacity is ring_.size(); a power of two once non-empty
    std::size_t head_ = 0;
    std::size_t count_ = 0;
    std::size_t in_progress_ = 0;
    std::size_t sleepers_ = 0;      // consumers blocked in not_empty_
    std::size_t idle_waiters_ = 0;  // threads blocked in idle_
    bool closed_ = false;
    std::atomic<std::size_t> queued_hint_{0};  // count_, readable without the lock (spinning consumers)
    static constexpr int spin_rounds = 50;
};

}  // namespace sockit
