// SPDX-License-Identifier: MIT
// rate_limiter: per-source token buckets in a bounded table.
#include "sockit/serve/rate_limiter.hpp"

#include <algorithm>

namespace sockit::serve {

std::size_t rate_limiter::key_hash::operator()(const ip_address& a) const noexcept {
    // FNV-1a over the address bytes: cheap, and the table is bounded anyway.
    std::size_t h = 1469598103934665603ULL;
    for (auto b : a.bytes()) h = (h ^ b) * 1099511628211ULL;
    return h;
}

bool rate_limiter::allow(const ip_address& source, clock::time_point now) {
    if (rate_ <= 0) return true;
    auto it = buckets_.find(source);
    if (it == buckets_.end()) {
        if (buckets_.size() >= max_sources_) {
            if (now - last_sweep_ >= std::chrono::seconds(1)) {
                last_sweep_ = now;
                sweep(now);
            }
            if (buckets_.size() >= max_sources_) return false;
        }
        buckets_.emplace(source, bucket{burst_ - 1, now});
        return true;
    }
    auto& b = it->second;
    const double elapsed = std::chrono::duration<double>(now - b.last).count();
    if (elapsed > 0) {
        b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
        b.last = now;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
}

void rate_limiter::sweep(clock::time_point now) {
    std::erase_if(buckets_, [&](const auto& kv) {
        const double elapsed = std::chrono::duration<double>(now - kv.second.last).count();
        return kv.second.tokens + elapsed * rate_ >= burst_;
    });
}

}  // namespace sockit::serve
