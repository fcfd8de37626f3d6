// SPDX-License-Identifier: MIT
// worker_pool: N threads running the jobs of a task_queue, with idle waits, graceful shutdown and error
// reports.
#pragma once

#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/pool/task_queue.hpp"

namespace sockit {

/// What happens to queued jobs when a pool shuts down. Jobs already running always finish.
enum class pool_shutdown {
    drain,   ///< run every queued job, then stop
    cancel,  ///< destroy queued jobs unrun, then stop
};

/// The seeds' worker pool (chapter 9): create it with N workers over a queue, add jobs, wait until idle,
/// destroy it gracefully. Workers are identical peers pulling from the one queue. A job that throws does
/// not kill its worker: the exception is handed to the error handler if one was given, otherwise kept
/// for take_errors(); it is never swallowed.
///
/// Thread-safe: submit, wait_idle, is_idle, take_errors and error_count may be called from any thread,
/// including from jobs. shutdown() and the destructor must not be called from a job (a worker cannot
/// join itself).
class worker_pool {
public:
    using task = task_queue::task;
    /// Receives each exception thrown by a job, on the worker thread that ran the job.
    using error_handler = std::function<void(std::exception_ptr)>;

    struct options {
        error_handler on_error;                           ///< none: exceptions are kept for take_errors()
        pool_shutdown on_destroy = pool_shutdown::drain;  ///< what the destructor does with queued jobs
        std::size_t max_batch = 32;                       ///< jobs a worker takes per visit to the queue
    };

    /// Starts `workers` threads over a queue the pool owns. Errors: EINVAL when workers is 0; EAGAIN
    /// (or another std::thread failure) when a thread cannot be started — the ones started are joined.
    [[nodiscard]] static result<std::unique_ptr<worker_pool>> create(std::size_t workers, options opts);
    [[nodiscard]] static result<std::unique_ptr<worker_pool>> create(std::size_t workers) {
        return create(workers, options{});
    }

    /// Starts `workers` threads over `queue`, which must outlive the pool (the seeds' wp_init(n, q)).
    /// Jobs already queued start running at once. Shutting the pool down closes the queue. Same errors.
    [[nodiscard]] static result<std::unique_ptr<worker_pool>> create(std::size_t workers, task_queue& queue,
                                                                     options opts);
    [[nodiscard]] static result<std::unique_ptr<worker_pool>> create(std::size_t workers, task_queue& queue) {
        return create(workers, queue, options{});
    }

    /// shutdown(options.on_destroy).
    ~worker_pool();
    worker_pool(const worker_pool&) = delete;
    worker_pool& operator=(const worker_pool&) = delete;

    /// Queues a job. Returns false (job destroyed unrun) after shutdown began. Never blocks on workers.
    bool submit(task t) { return queue_->push(std::move(t)); }

    /// Blocks until every job submitted so far has run (the seeds' "while (!wp_is_empty(p)) sleep(1)",
    /// without the polling). Must not be called from a job of this pool (it would wait for itself).
    void wait_idle() { queue_->wait_idle(); }
    /// Like wait_idle(), but the calling thread runs queued jobs itself until none is left, then waits for
    /// the ones still running on workers (as tbb::task_group::wait does). Jobs then run on the caller's
    /// thread too; their exceptions are reported like the workers'. Must not be called from a job.
    void wait_idle_helping();
    /// Like wait_idle() with a limit; returns whether the pool became idle.
    bool wait_idle_for(std::chrono::milliseconds limit) { return queue_->wait_idle_for(limit); }
    /// True when no job is queued or running.
    [[nodiscard]] bool is_idle() const { return queue_->is_idle(); }

    /// Stops the pool: no new jobs; queued jobs run (drain) or are destroyed unrun (cancel); running jobs
    /// finish; the workers are joined. Returns how many jobs were cancelled. Blocks; idempotent.
    std::size_t shutdown(pool_shutdown mode);

    /// The exceptions thrown by jobs so far (when no error handler was given), oldest first; clears them.
    [[nodiscard]] std::vector<std::exception_ptr> take_errors();
    /// How many jobs have thrown since the pool started (whether handled or kept).
    [[nodiscard]] std::size_t error_count() const;

    /// The number of worker threads (0 after shutdown).
    [[nodiscard]] std::size_t size() const noexcept { return workers_.size(); }
    /// The queue the workers pull from.
    [[nodiscard]] task_queue& queue() noexcept { return *queue_; }

private:
    worker_pool(std::unique_ptr<task_queue> owned, task_queue* queue, options opts);
    static result<std::unique_ptr<worker_pool>> start(std::unique_ptr<worker_pool> pool, std::size_t workers);
    void work() noexcept;
    void run_batch(std::vector<task>& batch) noexcept;
    void report(std::exception_ptr e) noexcept;

    std::unique_ptr<task_queue> owned_queue_;
    task_queue* queue_;
    options opts_;
    std::vector<std::thread> workers_;
    std::mutex shutdown_mu_;
    mutable std::mutex errors_mu_;
    std::vector<std::exception_ptr> errors_;
    std::size_t error_count_ = 0;
};

}  // namespace sockit
