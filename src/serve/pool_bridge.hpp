// SPDX-License-Identifier: MIT
// pool_bridge: the pool model's view of sockit::worker_pool, kept in its own translation unit.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "sockit/core/result.hpp"

namespace sockit::serve::detail {

/// A worker_pool behind a narrow interface: the dispatcher needs only start, submit and drain.
class pool_bridge {
public:
    /// Starts `workers` threads. Errors: those of worker_pool::create (EINVAL for 0, EAGAIN).
    [[nodiscard]] static result<std::unique_ptr<pool_bridge>> create(std::size_t workers);
    ~pool_bridge();
    pool_bridge(const pool_bridge&) = delete;
    pool_bridge& operator=(const pool_bridge&) = delete;

    /// Queues a job; false once shut down (the job is destroyed unrun). Thread-safe; never blocks.
    bool submit(std::function<void()> job);
    /// Runs the jobs still queued, waits for all, joins the workers. Blocks; idempotent.
    void shutdown() noexcept;

private:
    struct impl;
    explicit pool_bridge(std::unique_ptr<impl> p) noexcept;
    std::unique_ptr<impl> impl_;
};

}  // namespace sockit::serve::detail
