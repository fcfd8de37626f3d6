// SPDX-License-Identifier: MIT
// The epoll(7) poller backend (level-triggered; interest none unregisters so hangups cannot spin the loop).
#include <fcntl.h>
#include <sys/epoll.h>

#include <algorithm>
#include <climits>
#include <vector>

#include "pollers.hpp"
#include "sockit/event/event_errc.hpp"
#include "sockit/sys/sys_error.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::detail {
namespace {

// Interest bytes per descriptor: 0 = not watched, else 0x80 | readable/writable bits.
constexpr std::uint8_t watched_bit = 0x80;

std::uint32_t to_epoll(io_mask m) noexcept {
    std::uint32_t e = 0;
    if (has_any(m, io_mask::readable)) e |= EPOLLIN;
    if (has_any(m, io_mask::writable)) e |= EPOLLOUT;
    return e;
}

class epoll_poller final : public poller {
public:
    explicit epoll_poller(unique_fd ep) : ep_(std::move(ep)) {}

    poller_backend backend() const noexcept override { return poller_backend::epoll; }

    result<void> add(int fd, io_mask interest) noexcept override {
        if (fd < 0) return fail(event_errc::bad_descriptor);
        if (is_watched(fd)) return fail(event_errc::already_watched);
        interest &= io_mask::read_write;
        if (interest != io_mask::none) {
            if (auto r = ctl(EPOLL_CTL_ADD, fd, interest); !r) return r;
        } else if (::fcntl(fd, F_GETFD) < 0) {
            return fail(sys_error(EBADF));
        }
        try {
            if (static_cast<std::size_t>(fd) >= interest_.size())
                interest_.resize(static_cast<std::size_t>(fd) + 1, 0);
        } catch (const std::bad_alloc&) {
            if (interest != io_mask::none) (void)ctl(EPOLL_CTL_DEL, fd, io_mask::none);
            return fail(std::make_error_code(std::errc::not_enough_memory));
        }
        interest_[static_cast<std::size_t>(fd)] =
            static_cast<std::uint8_t>(watched_bit | static_cast<std::uint8_t>(interest));
        ++count_;
        return {};
    }

    result<void> modify(int fd, io_mask interest) noexcept override {
        if (fd < 0 || !is_watched(fd)) return fail(event_errc::not_watched);
        interest &= io_mask::read_write;
        auto& slot = interest_[static_cast<std::size_t>(fd)];
        auto old = static_cast<io_mask>(slot & ~watched_bit);
        if (old == interest) return {};
        result<void> r;
        if (old == io_mask::none)
            r = ctl(EPOLL_CTL_ADD, fd, interest);
        else if (interest == io_mask::none)
            r = ctl(EPOLL_CTL_DEL, fd, interest);
        else
            r = ctl(EPOLL_CTL_MOD, fd, interest);
        if (!r) return r;
        slot = static_cast<std::uint8_t>(watched_bit | static_cast<std::uint8_t>(interest));
        return {};
    }

    result<void> remove(int fd) noexcept override {
        if (fd < 0 || !is_watched(fd)) return fail(event_errc::not_watched);
        auto& slot = interest_[static_cast<std::size_t>(fd)];
        // A descriptor already closed has left the epoll set by itself (EBADF/ENOENT): nothing to undo.
        if ((slot & ~watched_bit) != 0) (void)ctl(EPOLL_CTL_DEL, fd, io_mask::none);
        slot = 0;
        --count_;
        return {};
    }

    result<std::size_t> wait(std::span<poller_event> out,
                             std::optional<std::chrono::nanoseconds> timeout) noexcept override {
        if (out.empty()) return std::size_t{0};
        try {
            if (events_.size() < out.size()) events_.resize(out.size());
        } catch (const std::bad_alloc&) {
            return fail(std::make_error_code(std::errc::not_enough_memory));
        }
        const int max = static_cast<int>(std::min<std::size_t>(out.size(), INT_MAX));
        int n = -1;
        if (use_pwait2_) {
            timespec ts{};
            if (timeout) ts = to_timespec(*timeout);
            n = ::epoll_pwait2(ep_.get(), events_.data(), max, timeout ? &ts : nullptr, nullptr);
            if (n < 0 && errno == ENOSYS) use_pwait2_ = false;
        }
        if (!use_pwait2_) {
            int ms = -1;
            if (timeout) {
                // Round up: waking before a timer is due would only make the loop wait again.
                auto c = std::chrono::ceil<std::chrono::milliseconds>(*timeout).count();
                ms = c < 0 ? 0 : (c > INT_MAX ? INT_MAX : static_cast<int>(c));
            }
            n = ::epoll_wait(ep_.get(), events_.data(), max, ms);
        }
        if (n < 0) {
            if (errno == EINTR) return std::size_t{0};
            return fail(last_error());
        }
        for (int i = 0; i < n; ++i) {
            const auto& e = events_[static_cast<std::size_t>(i)];
            io_mask m = io_mask::none;
            if (e.events & EPOLLIN) m |= io_mask::readable;
            if (e.events & EPOLLOUT) m |= io_mask::writable;
            if (e.events & EPOLLERR) m |= io_mask::error;
            if (e.events & EPOLLHUP) m |= io_mask::hangup;
            out[static_cast<std::size_t>(i)] = poller_event{e.data.fd, m};
        }
        return static_cast<std::size_t>(n);
    }

    std::size_t size() const noexcept override { return count_; }

private:
    bool is_watched(int fd) const noexcept {
        return static_cast<std::size_t>(fd) < interest_.size() &&
               interest_[static_cast<std::size_t>(fd)] != 0;
    }

    result<void> ctl(int op, int fd, io_mask interest) noexcept {
        epoll_event ev{};
        ev.events = to_epoll(interest);
        ev.data.fd = fd;
        if (::epoll_ctl(ep_.get(), op, fd, &ev) != 0) return fail(last_error());
        return {};
    }

    unique_fd ep_;
    std::vector<std::uint8_t> interest_;
    std::vector<epoll_event> events_;
    std::size_t count_ = 0;
    bool use_pwait2_ = true;
};

}  // namespace

result<std::unique_ptr<poller>> make_epoll_poller() noexcept {
    int ep = ::epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) return fail(last_error());
    unique_fd owned(ep);
    try {
        return std::unique_ptr<poller>(std::make_unique<epoll_poller>(std::move(owned)));
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
}

}  // namespace sockit::detail
