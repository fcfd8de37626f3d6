// SPDX-License-Identifier: MIT
// timer_heap: lazy min-heap of deadlines with generation-checked handles.
#include "sockit/event/timer_heap.hpp"

#include <algorithm>
#include <utility>

namespace sockit {
namespace {

// std::push_heap builds a max-heap: "less" means "fires later".
struct fires_later {
    template <class E>
    bool operator()(const E& a, const E& b) const noexcept {
        if (a.deadline != b.deadline) return a.deadline > b.deadline;
        return a.seq > b.seq;
    }
};

}  // namespace

timer_heap::slot_rec* timer_heap::find(timer_handle h) noexcept {
    if (h.generation == 0 || h.slot >= slots_.size()) return nullptr;
    auto& rec = slots_[h.slot];
    if (rec.generation != h.generation || rec.st == state::free) return nullptr;
    return &rec;
}

const timer_heap::slot_rec* timer_heap::find(timer_handle h) const noexcept {
    return const_cast<timer_heap*>(this)->find(h);
}

void timer_heap::push(std::uint32_t slot, slot_rec& rec, clock::time_point at) {
    prune_if_bloated();
    rec.seq = next_seq_++;
    heap_.push_back(entry{at, rec.seq, slot, rec.generation});
    std::push_heap(heap_.begin(), heap_.end(), fires_later{});
}

bool timer_heap::is_current(const entry& e) const noexcept {
    const auto& rec = slots_[e.slot];
    return rec.generation == e.generation && rec.st == state::armed && rec.seq == e.seq;
}

void timer_heap::prune_if_bloated() {
    // Cancelled and moved-earlier timers leave stale entries; rebuild before they outnumber the live ones.
    if (heap_.size() < 64 || heap_.size() < 4 * (live_ + 1)) return;
    std::erase_if(heap_, [this](const entry& e) { return !is_current(e); });
    std::make_heap(heap_.begin(), heap_.end(), fires_later{});
}

void timer_heap::release(std::uint32_t slot) noexcept {
    auto& rec = slots_[slot];
    rec.st = state::free;
    rec.cb = nullptr;
    --live_;
    free_slots_.push_back(slot);  // capacity reserved in add(): cannot throw
}

timer_handle timer_heap::add(clock::time_point deadline, callback cb, clock::duration period) {
    std::uint32_t slot;
    if (!free_slots_.empty()) {
        slot = free_slots_.back();
        free_slots_.pop_back();
    } else {
        slots_.emplace_back();
        free_slots_.reserve(slots_.size());
        slot = static_cast<std::uint32_t>(slots_.size() - 1);
    }
    auto& rec = slots_[slot];
    rec.generation = next_generation_++;
    if (next_generation_ == 0) next_generation_ = 1;
    rec.st = state::armed;
    rec.deadline = deadline;
    rec.period = period < clock::duration::zero() ? clock::duration::zero() : period;
    rec.cb = std::move(cb);
    ++live_;
    timer_handle h{slot, rec.generation};
    try {
        push(slot, rec, deadline);
    } catch (...) {
        release(slot);
        throw;
    }
    return h;
}

bool timer_heap::rearm(timer_handle h, clock::time_point deadline) {
    auto* rec = find(h);
    if (rec == nullptr || rec->st == state::idle) return false;
    if (rec->st == state::armed && rec->deadline <= deadline) {
        // The heap entry comes due no later than the new deadline: run_expired moves it then. O(1).
        rec->deadline = deadline;
        return true;
    }
    rec->deadline = deadline;
    rec->st = state::armed;  // also revives a one-shot timer from inside its own callback
    push(h.slot, *rec, deadline);
    return true;
}

bool timer_heap::cancel(timer_handle h) noexcept {
    auto* rec = find(h);
    if (rec == nullptr) return false;
    if (rec->st == state::firing) {
        // The callback is running (moved out of the slot): mark it; run_expired frees the slot afterwards.
        rec->st = state::idle;
        rec->period = clock::duration::zero();
        rec->seq = 0;
        return true;
    }
    if (rec->st == state::idle) return false;
    release(h.slot);
    rec->generation = 0;  // stale everywhere, even if the slot is reused with a new generation
    return true;
}

bool timer_heap::is_live(timer_handle h) const noexcept {
    const auto* rec = find(h);
    return rec != nullptr && rec->st != state::idle;
}

std::optional<timer_heap::clock::time_point> timer_heap::deadline(timer_handle h) const noexcept {
    const auto* rec = find(h);
    if (rec == nullptr || rec->st != state::armed) return std::nullopt;
    return rec->deadline;
}

std::optional<timer_heap::clock::time_point> timer_heap::next_deadline() noexcept {
    while (!heap_.empty() && !is_current(heap_.front())) {
        std::pop_heap(heap_.begin(), heap_.end(), fires_later{});
        heap_.pop_back();
    }
    if (heap_.empty()) return std::nullopt;
    return heap_.front().deadline;
}

std::size_t timer_heap::run_expired(clock::time_point now) {
    // Collect what is due first, so that callbacks re-arming into the past wait for the next call. The
    // scratch vector is taken out of the member so that its capacity is reused without allocation.
    std::vector<entry> due;
    due.swap(due_);
    due.clear();
    while (!heap_.empty() && heap_.front().deadline <= now) {
        std::pop_heap(heap_.begin(), heap_.end(), fires_later{});
        entry e = heap_.back();
        heap_.pop_back();
        if (!is_current(e)) continue;
        auto& rec = slots_[e.slot];
        if (rec.deadline != e.deadline) {
            // Pushed back lazily: re-queue at the real deadline. If that is due too, it pops again in this
            // loop, in its right place among the others (so timers fire in deadline order).
            push(e.slot, rec, rec.deadline);
            continue;
        }
        due.push_back(e);
    }
    std::size_t next = 0;
    struct pass_guard {
        timer_heap& self;
        std::vector<entry>& due;
        std::size_t& next;
        ~pass_guard() {
            // A callback threw: the timers collected but not fired go back into the heap, still armed.
            try {
                for (; next < due.size(); ++next) {
                    if (!self.is_current(due[next])) continue;
                    self.heap_.push_back(due[next]);
                    std::push_heap(self.heap_.begin(), self.heap_.end(), fires_later{});
                }
            } catch (...) {  // out of memory while unwinding: those timers are lost, nothing else is
            }
            due.clear();
            self.due_.swap(due);
        }
    } pass{*this, due, next};

    std::size_t fired = 0;
    while (next < due.size()) {
        const entry e = due[next++];
        if (!is_current(e)) continue;  // cancelled or moved by an earlier callback of this pass
        callback cb = std::move(slots_[e.slot].cb);
        slots_[e.slot].st = state::firing;
        ++fired;
        struct after_fire {
            timer_heap& self;
            const entry& e;
            callback& cb;
            clock::time_point now;
            ~after_fire() {
                auto& rec = self.slots_[e.slot];  // slots_ may have grown during the callback: index again
                if (rec.generation != e.generation) return;
                if (rec.st == state::armed) {  // re-armed by the callback
                    rec.cb = std::move(cb);
                } else if (rec.st == state::firing && rec.period > clock::duration::zero()) {
                    rec.cb = std::move(cb);
                    rec.st = state::armed;
                    auto again = rec.deadline + rec.period;
                    rec.deadline = again > now ? again : now + rec.period;  // no catch-up storm after a stall
                    try {
                        self.push(e.slot, rec, rec.deadline);
                    } catch (...) {
                        self.release(e.slot);
                        rec.generation = 0;
                    }
                } else {  // one-shot done, or cancelled by its own callback
                    self.release(e.slot);
                    rec.generation = 0;
                }
            }
        } guard{*this, e, cb, now};
        cb();
    }
    return fired;
}

}  // namespace sockit
