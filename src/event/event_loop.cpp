// SPDX-License-Identifier: MIT
// event_loop: the dispatch round (readable before writable, stale-watch checks), timers, signals and post().
#include "sockit/event/event_loop.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "sockit/event/event_errc.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit {

result<std::unique_ptr<event_loop>> event_loop::create(poller_backend backend) noexcept {
    auto p = poller::create(backend);
    if (!p) return fail(p.error());
    int efd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (efd < 0) return fail(last_error());
    unique_fd wake(efd);
    if (auto r = (*p)->add(wake.get(), io_mask::readable); !r) return fail(r.error());
    try {
        return std::unique_ptr<event_loop>(new event_loop(std::move(*p), std::move(wake)));
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
}

event_loop::event_loop(std::unique_ptr<poller> p, unique_fd wake) noexcept
    : poller_(std::move(p)), wake_fd_(std::move(wake)) {}

event_loop::~event_loop() = default;

event_loop::watch_rec* event_loop::find(int fd, std::uint64_t generation) noexcept {
    if (fd < 0 || static_cast<std::size_t>(fd) >= watches_.size()) return nullptr;
    auto* rec = watches_[static_cast<std::size_t>(fd)].get();
    return rec != nullptr && rec->generation == generation ? rec : nullptr;
}

event_loop::watch_rec* event_loop::find(watch_handle h) noexcept { return find(h.fd, h.generation); }

const event_loop::watch_rec* event_loop::find(watch_handle h) const noexcept {
    return const_cast<event_loop*>(this)->find(h.fd, h.generation);
}

result<watch_handle> event_loop::watch(int fd, io_mask interest, io_handlers handlers) {
    if (fd < 0) return fail(event_errc::bad_descriptor);
    const auto slot = static_cast<std::size_t>(fd);
    if (fd == wake_fd_.get() || (slot < watches_.size() && watches_[slot]))
        return fail(event_errc::already_watched);
    interest &= io_mask::read_write;
    // Allocate everything first, so that a failure leaves the poller untouched.
    auto rec = std::make_unique<watch_rec>();
    rec->generation = next_generation_++;
    rec->interest = interest;
    rec->handlers = std::move(handlers);
    if (static_cast<std::size_t>(fd) >= watches_.size()) watches_.resize(static_cast<std::size_t>(fd) + 1);
    // unwatch() is noexcept: the graveyard always has room for every live watch.
    graveyard_.reserve(graveyard_.size() + watch_count_ + 1);
    if (auto r = poller_->add(fd, interest); !r) return fail(r.error());
    watch_handle h{fd, rec->generation};
    watches_[static_cast<std::size_t>(fd)] = std::move(rec);
    ++watch_count_;
    return h;
}

result<void> event_loop::set_interest(watch_handle h, io_mask interest) noexcept {
    auto* rec = find(h);
    if (rec == nullptr) return fail(event_errc::not_watched);
    interest &= io_mask::read_write;
    if (rec->interest == interest) return {};
    if (auto r = poller_->modify(h.fd, interest); !r) return r;
    rec->interest = interest;
    return {};
}

io_mask event_loop::interest(watch_handle h) const noexcept {
    const auto* rec = find(h);
    return rec != nullptr ? rec->interest : io_mask::none;
}

bool event_loop::unwatch(watch_handle h) noexcept {
    if (find(h) == nullptr) return false;
    (void)poller_->remove(h.fd);
    auto& slot = watches_[static_cast<std::size_t>(h.fd)];
    if (dispatching_ == 0) {
        slot.reset();  // no callback can be running: release now (a signal watch restores the mask now)
    } else {
        graveyard_.push_back(std::move(slot));  // capacity reserved in watch()
    }
    --watch_count_;
    return true;
}

bool event_loop::is_watched(watch_handle h) const noexcept { return find(h) != nullptr; }

timer_handle event_loop::add_timer(clock::duration delay, callback cb) {
    return timers_.add(clock::now() + delay, std::move(cb));
}

timer_handle event_loop::add_periodic(clock::duration period, callback cb) {
    return timers_.add(clock::now() + period, std::move(cb), period);
}

bool event_loop::rearm_timer(timer_handle h, clock::duration delay) {
    return timers_.rearm(h, clock::now() + delay);
}

bool event_loop::cancel_timer(timer_handle h) noexcept { return timers_.cancel(h); }

result<watch_handle> event_loop::watch_signals(std::span<const int> signals,
                                               std::function<void(const signal_info&)> cb) {
    auto sfd = signal_fd::open(signals);
    if (!sfd) return fail(sfd.error());
    auto owned = std::make_unique<signal_fd>(std::move(*sfd));
    signal_fd* raw = owned.get();
    auto h = watch(raw->fd(), io_mask::readable, {});
    if (!h) return fail(h.error());
    auto* rec = find(*h);
    rec->signals = std::move(owned);
    rec->handlers.on_readable = [this, handle = *h, raw, user = std::move(cb)] {
        // Bounded, so that a signal storm cannot starve the other descriptors of this round.
        for (int i = 0; i < 64 && is_watched(handle); ++i) {
            auto got = raw->read();
            if (!got || !*got) return;
            user(**got);
        }
    };
    return *h;
}

void event_loop::wake() noexcept {
    const eventfd_t one = 1;
    // EAGAIN means the counter is saturated: the loop is woken anyway.
    (void)!::write(wake_fd_.get(), &one, sizeof one);
}

void event_loop::post(callback fn) {
    {
        std::lock_guard lock(post_mu_);
        posted_.push_back(std::move(fn));
    }
    if (!wake_pending_.exchange(true, std::memory_order_acq_rel)) wake();
}

void event_loop::stop() noexcept {
    stop_.store(true, std::memory_order_release);
    wake();
}

void event_loop::drain_wake() {
    eventfd_t value = 0;
    (void)!::read(wake_fd_.get(), &value, sizeof value);  // EAGAIN: already drained
}

std::size_t event_loop::run_posted() {
    // Clear the flag before taking the queue: a post() racing with us either lands in this batch or
    // writes the eventfd again for the next iteration.
    wake_pending_.store(false, std::memory_order_release);
    running_.clear();
    {
        std::lock_guard lock(post_mu_);
        running_.swap(posted_);
    }
    std::size_t n = 0;
    for (auto& fn : running_) {
        if (fn) {
            ++n;
            fn();
        }
    }
    running_.clear();
    return n;
}

result<std::size_t> event_loop::run_once(std::optional<clock::duration> timeout) {
    graveyard_.clear();
    auto start = clock::now();
    std::optional<std::chrono::nanoseconds> wait;
    if (timeout)
        wait =
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::max(*timeout, clock::duration::zero()));
    if (auto next = timers_.next_deadline()) {
        auto until = std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::max(*next - start, clock::duration::zero()));
        // Round up to the next microsecond so a sub-microsecond remainder does not become a zero wait.
        until = std::chrono::ceil<std::chrono::microseconds>(until);
        wait = wait ? std::min(*wait, until) : until;
    }
    const std::size_t want = std::clamp<std::size_t>(watch_count_ + 1, 16, 1024);
    if (ready_.size() < want) ready_.resize(want);
    auto n = poller_->wait(std::span<poller_event>(ready_.data(), want), wait);
    if (!n) return fail(n.error());

    now_ = clock::now();
    struct dispatch_scope {
        event_loop& self;
        explicit dispatch_scope(event_loop& l) : self(l) { ++self.dispatching_; }
        ~dispatch_scope() {
            // Watches unwatched during the round are destroyed once none of their callbacks can be running.
            if (--self.dispatching_ == 0) self.graveyard_.clear();
        }
    } scope(*this);
    round_.clear();
    bool woken = false;
    for (std::size_t i = 0; i < *n; ++i) {
        const auto& ev = ready_[i];
        if (ev.fd == wake_fd_.get()) {
            woken = true;
            continue;
        }
        if (ev.fd < 0 || static_cast<std::size_t>(ev.fd) >= watches_.size()) continue;
        const auto& rec = watches_[static_cast<std::size_t>(ev.fd)];
        if (rec) round_.push_back(pending_event{ev.fd, rec->generation, ev.events});
    }

    std::size_t dispatched = 0;
    constexpr io_mask trouble = io_mask::error | io_mask::hangup;
    for (const auto& pe : round_) {
        // Each lookup checks the generation: a callback may have unwatched this watch, or unwatched it and
        // watched a new descriptor with the same number, which must not see this round's report.
        auto* rec = find(pe.fd, pe.generation);
        if (rec != nullptr && has_any(rec->interest, io_mask::readable) &&
            has_any(pe.events, io_mask::readable | trouble) && rec->handlers.on_readable) {
            ++dispatched;
            rec->handlers.on_readable();
            rec = find(pe.fd, pe.generation);
        }
        if (rec != nullptr && has_any(rec->interest, io_mask::writable) &&
            has_any(pe.events, io_mask::writable | trouble) && rec->handlers.on_writable) {
            ++dispatched;
            rec->handlers.on_writable();
        }
    }

    now_ = clock::now();
    dispatched += timers_.run_expired(now_);
    if (woken) {
        drain_wake();
        dispatched += run_posted();
    }
    return dispatched;
}

result<void> event_loop::run() {
    while (!stop_.load(std::memory_order_acquire)) {
        auto r = run_once();
        if (!r) {
            stop_.store(false, std::memory_order_release);
            return fail(r.error());
        }
    }
    stop_.store(false, std::memory_order_release);
    return {};
}

}  // namespace sockit
