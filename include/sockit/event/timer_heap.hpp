// SPDX-License-Identifier: MIT
// timer_heap: one-shot and periodic timers on the steady clock, kept in a min-heap with cheap re-arming.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace sockit {

/// Names one timer of a timer_heap (or event_loop). A handle whose timer has fired (one-shot) or was
/// cancelled goes stale: operations on it return false, even after its slot is reused.
struct timer_handle {
    std::uint32_t slot = 0;
    std::uint32_t generation = 0;  ///< 0 never names a timer
    constexpr explicit operator bool() const noexcept { return generation != 0; }
    friend constexpr bool operator==(timer_handle, timer_handle) noexcept = default;
};

/// Timers ordered by deadline (ties: creation order). Re-arming to a later deadline (an idle timeout pushed
/// back on every read) costs O(1): the heap entry is left where it is and moved when it comes due. Not
/// thread-safe. Callbacks may add, cancel and re-arm any timer, including their own; a timer re-armed to a
/// deadline that has already passed fires on the next run_expired() call, never in the same one.
class timer_heap {
public:
    using clock = std::chrono::steady_clock;
    using callback = std::function<void()>;

    /// Adds a timer firing once at `deadline` (period zero) or at `deadline` and then every `period`.
    /// Does not block. Throws std::bad_alloc only.
    timer_handle add(clock::time_point deadline, callback cb,
                     clock::duration period = clock::duration::zero());

    /// Moves a live timer's next firing to `deadline` (also valid from inside its own callback, where it
    /// keeps a one-shot timer alive). Returns false for a stale handle.
    bool rearm(timer_handle h, clock::time_point deadline);

    /// Removes a live timer (also from inside its callback). Returns false for a stale handle.
    bool cancel(timer_handle h) noexcept;

    /// True when the handle names a live timer.
    [[nodiscard]] bool is_live(timer_handle h) const noexcept;

    /// The deadline of a live, armed timer.
    [[nodiscard]] std::optional<clock::time_point> deadline(timer_handle h) const noexcept;

    /// The earliest moment a timer may be due (possibly earlier than any real deadline after lazy
    /// re-arms: a wake-up then finds nothing due and waits again), or nullopt when no timer is armed.
    [[nodiscard]] std::optional<clock::time_point> next_deadline() noexcept;

    /// Fires, in deadline order, every timer due at `now`; returns how many fired. Exceptions thrown by a
    /// callback propagate (the timer counts as fired; the others stay armed).
    std::size_t run_expired(clock::time_point now);

    /// Live timers (armed, or running their callback).
    [[nodiscard]] std::size_t size() const noexcept { return live_; }
    [[nodiscard]] bool empty() const noexcept { return live_ == 0; }

private:
    enum class state : std::uint8_t { free, armed, firing, idle };
    struct slot_rec {
        std::uint32_t generation = 0;
        state st = state::free;
        clock::time_point deadline{};  // when it should fire
        clock::duration period{};
        std::uint64_t seq = 0;  // the heap entry that currently stands for it
        callback cb;
    };
    struct entry {
        clock::time_point deadline;
        std::uint64_t seq;
        std::uint32_t slot;
        std::uint32_t generation;
    };

    slot_rec* find(timer_handle h) noexcept;
    const slot_rec* find(timer_handle h) const noexcept;
    void push(std::uint32_t slot, slot_rec& rec, clock::time_point at);
    bool is_current(const entry& e) const noexcept;
    void release(std::uint32_t slot) noexcept;
    void prune_if_bloated();

    std::vector<slot_rec> slots_;
    std::vector<std::uint32_t> free_slots_;
    std::vector<entry> heap_;  // min-heap on (deadline, seq); entries may be stale
    std::vector<entry> due_;   // scratch for run_expired
    std::uint64_t next_seq_ = 1;
    std::uint32_t next_generation_ = 1;
    std::size_t live_ = 0;
};

}  // namespace sockit
