// SPDX-License-Identifier: MIT
// pool_bridge: the pool model's worker_pool, behind an interface that does not clash with sock/socket.hpp.
#include "pool_bridge.hpp"

#include "sockit/pool/worker_pool.hpp"

namespace sockit::serve::detail {

struct pool_bridge::impl {
    std::unique_ptr<worker_pool> pool;
};

result<std::unique_ptr<pool_bridge>> pool_bridge::create(std::size_t workers) {
    worker_pool::options o;
    o.on_error = [](std::exception_ptr) {};  // serve_blocking catches everything; nothing reaches here
    o.on_destroy = sockit::pool_shutdown::drain;
    o.max_batch = 1;  // a job is a whole connection: never hold queued connections behind a long one
    auto p = worker_pool::create(workers, std::move(o));
    if (!p) return fail(p.error());
    auto i = std::make_unique<impl>();
    i->pool = std::move(*p);
    return std::unique_ptr<pool_bridge>(new pool_bridge(std::move(i)));
}

pool_bridge::pool_bridge(std::unique_ptr<impl> p) noexcept : impl_(std::move(p)) {}

pool_bridge::~pool_bridge() { shutdown(); }

bool pool_bridge::submit(std::function<void()> job) { return impl_->pool->submit(std::move(job)); }

void pool_bridge::shutdown() noexcept { (void)impl_->pool->shutdown(sockit::pool_shutdown::drain); }

}  // namespace sockit::serve::detail
