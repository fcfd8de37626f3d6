// SPDX-License-Identifier: MIT
// task_queue: the ring buffer, blocking pops and the idle accounting.
#include "sockit/pool/task_queue.hpp"

#include <algorithm>
#include <thread>
#include <utility>

namespace sockit {

void task_queue::grow() {
    const std::size_t cap = ring_.size();
    std::vector<task> bigger(cap == 0 ? 64 : cap * 2);
    for (std::size_t i = 0; i < count_; ++i) bigger[i] = std::move(ring_[(head_ + i) & (cap - 1)]);
    ring_.swap(bigger);
    head_ = 0;
}

task_queue::task task_queue::take_front() noexcept {
    task t = std::move(ring_[head_]);
    ring_[head_] = nullptr;
    head_ = (head_ + 1) & (ring_.size() - 1);
    --count_;
    queued_hint_.store(count_, std::memory_order_relaxed);
    return t;
}

void task_queue::finish_locked(std::size_t n) noexcept {
    in_progress_ -= std::min(n, in_progress_);
    if (count_ == 0 && in_progress_ == 0 && idle_waiters_ != 0) idle_.notify_all();
}

bool task_queue::push(task t) {
    bool wake;
    {
        std::lock_guard lock(mu_);
        if (closed_) return false;
        if (count_ == ring_.size()) grow();
        ring_[(head_ + count_) & (ring_.size() - 1)] = std::move(t);
        ++count_;
        queued_hint_.store(count_, std::memory_order_relaxed);
        wake = sleepers_ != 0;
    }
    // Notify outside the lock (the woken consumer does not collide with us on the mutex), and only when
    // someone sleeps: a busy pool takes jobs without any futex call.
    if (wake) not_empty_.notify_one();
    return true;
}

std::optional<task_queue::task> task_queue::pop() {
    std::unique_lock lock(mu_);
    while (count_ == 0 && !closed_) {
        ++sleepers_;
        not_empty_.wait(lock);
        --sleepers_;
    }
    if (count_ == 0) return std::nullopt;
    ++in_progress_;
    return take_front();
}

std::optional<task_queue::task> task_queue::try_pop() {
    std::lock_guard lock(mu_);
    if (count_ == 0) return std::nullopt;
    ++in_progress_;
    return take_front();
}

std::size_t task_queue::pop_batch(std::vector<task>& out, std::size_t max, std::size_t finished) {
    std::unique_lock lock(mu_);
    if (finished != 0) finish_locked(finished);
    if (count_ == 0 && !closed_) {
        // Look again for a few microseconds before sleeping: a producer submitting a stream of jobs then
        // hands them over without a futex wake-up per job. Yielding keeps the wait polite on a busy machine.
        lock.unlock();
        for (int i = 0; i < spin_rounds && queued_hint_.load(std::memory_order_relaxed) == 0; ++i)
            std::this_thread::yield();
        lock.lock();
    }
    while (count_ == 0 && !closed_) {
        ++sleepers_;
        not_empty_.wait(lock);
        --sleepers_;
    }
    const std::size_t n = take_batch(out, max);
    // More jobs left and another consumer asleep: pass the baton rather than leave it to the producer.
    const bool wake = count_ != 0 && sleepers_ != 0;
    lock.unlock();
    if (wake) not_empty_.notify_one();
    return n;
}

std::size_t task_queue::take_batch(std::vector<task>& out, std::size_t max) {
    const std::size_t n = std::min(std::max<std::size_t>(max, 1), (count_ + 1) / 2);
    for (std::size_t i = 0; i < n; ++i) out.push_back(take_front());
    in_progress_ += n;
    return n;
}

std::size_t task_queue::try_pop_batch(std::vector<task>& out, std::size_t max, std::size_t finished) {
    std::lock_guard lock(mu_);
    if (finished != 0) finish_locked(finished);
    return take_batch(out, max);
}

void task_queue::task_done(std::size_t n) {
    std::lock_guard lock(mu_);
    finish_locked(n);
}

void task_queue::wait_idle() {
    std::unique_lock lock(mu_);
    ++idle_waiters_;
    idle_.wait(lock, [this] { return count_ == 0 && in_progress_ == 0; });
    --idle_waiters_;
}

bool task_queue::wait_idle_for(std::chrono::milliseconds limit) {
    std::unique_lock lock(mu_);
    ++idle_waiters_;
    bool ok = idle_.wait_for(lock, limit, [this] { return count_ == 0 && in_progress_ == 0; });
    --idle_waiters_;
    return ok;
}

void task_queue::close() {
    {
        std::lock_guard lock(mu_);
        closed_ = true;
    }
    not_empty_.notify_all();
}

std::size_t task_queue::cancel_pending() {
    std::vector<task> dropped;
    std::size_t n;
    {
        std::lock_guard lock(mu_);
        n = count_;
        dropped.reserve(n);
        while (count_ != 0) dropped.push_back(take_front());
        finish_locked(0);
    }
    return n;  // the jobs are destroyed here, outside the lock (their destructors may do anything)
}

bool task_queue::is_idle() const {
    std::lock_guard lock(mu_);
    return count_ == 0 && in_progress_ == 0;
}

std::size_t task_queue::size() const {
    std::lock_guard lock(mu_);
    return count_;
}

std::size_t task_queue::in_progress() const {
    std::lock_guard lock(mu_);
    return in_progress_;
}

bool task_queue::is_closed() const {
    std::lock_guard lock(mu_);
    return closed_;
}

}  // namespace sockit
