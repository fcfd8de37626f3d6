// SPDX-License-Identifier: MIT
// worker_pool: thread start-up, the worker loop (batched pops), error reporting and shutdown.
#include "sockit/pool/worker_pool.hpp"

#include <system_error>
#include <utility>

namespace sockit {

worker_pool::worker_pool(std::unique_ptr<task_queue> owned, task_queue* queue, options opts)
    : owned_queue_(std::move(owned)), queue_(queue), opts_(std::move(opts)) {
    if (opts_.max_batch == 0) opts_.max_batch = 1;
}

result<std::unique_ptr<worker_pool>> worker_pool::start(std::unique_ptr<worker_pool> pool,
                                                        std::size_t workers) {
    if (workers == 0) return fail(std::make_error_code(std::errc::invalid_argument));
    try {
        pool->workers_.reserve(workers);
        for (std::size_t i = 0; i < workers; ++i)
            pool->workers_.emplace_back([p = pool.get()] { p->work(); });
    } catch (const std::system_error& e) {
        (void)pool->shutdown(pool_shutdown::cancel);  // joins the threads that did start
        return fail(e.code());
    } catch (const std::bad_alloc&) {
        (void)pool->shutdown(pool_shutdown::cancel);
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
    return pool;
}

result<std::unique_ptr<worker_pool>> worker_pool::create(std::size_t workers, options opts) {
    auto q = std::make_unique<task_queue>();
    task_queue* raw = q.get();
    return start(std::unique_ptr<worker_pool>(new worker_pool(std::move(q), raw, std::move(opts))), workers);
}

result<std::unique_ptr<worker_pool>> worker_pool::create(std::size_t workers, task_queue& queue,
                                                         options opts) {
    return start(std::unique_ptr<worker_pool>(new worker_pool(nullptr, &queue, std::move(opts))), workers);
}

worker_pool::~worker_pool() { (void)shutdown(opts_.on_destroy); }

void worker_pool::report(std::exception_ptr e) noexcept {
    {
        std::lock_guard lock(errors_mu_);
        ++error_count_;
    }
    if (opts_.on_error) {
        try {
            opts_.on_error(e);
            return;
        } catch (...) {
            e = std::current_exception();  // the handler itself failed: keep that, it is the news now
        }
    }
    try {
        std::lock_guard lock(errors_mu_);
        errors_.push_back(std::move(e));
    } catch (...) {  // out of memory while recording: error_count() still counts it
    }
}

void worker_pool::work() noexcept {
    std::vector<task> batch;
    batch.reserve(opts_.max_batch);
    std::size_t finished = 0;
    for (;;) {
        batch.clear();
        std::size_t n;
        try {
            n = queue_->pop_batch(batch, opts_.max_batch, finished);
        } catch (...) {  // bad_alloc growing `batch` cannot happen (reserved); a broken mutex ends the worker
            return;
        }
        if (n == 0) return;  // closed and drained
        run_batch(batch);
        finished = n;
    }
}

void worker_pool::run_batch(std::vector<task>& batch) noexcept {
    for (auto& job : batch) {
        try {
            job();
        } catch (...) {
            report(std::current_exception());
        }
        job = nullptr;  // destroy the job (and what it captured) before reporting it done
    }
    batch.clear();
}

void worker_pool::wait_idle_helping() {
    std::vector<task> batch;
    std::size_t finished = 0;
    for (;;) {
        std::size_t n = queue_->try_pop_batch(batch, opts_.max_batch, finished);
        if (n == 0) break;
        run_batch(batch);
        finished = n;
    }
    queue_->wait_idle();
}

std::size_t worker_pool::shutdown(pool_shutdown mode) {
    std::lock_guard lock(shutdown_mu_);
    std::size_t cancelled = 0;
    if (mode == pool_shutdown::cancel) cancelled = queue_->cancel_pending();
    queue_->close();
    if (mode == pool_shutdown::cancel) cancelled += queue_->cancel_pending();  // pushed before close() won
    for (auto& t : workers_) {
        if (t.joinable()) t.join();
    }
    workers_.clear();
    return cancelled;
}

std::vector<std::exception_ptr> worker_pool::take_errors() {
    std::lock_guard lock(errors_mu_);
    return std::exchange(errors_, {});
}

std::size_t worker_pool::error_count() const {
    std::lock_guard lock(errors_mu_);
    return error_count_;
}

}  // namespace sockit
