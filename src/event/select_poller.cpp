// SPDX-License-Identifier: MIT
// The select(2) poller backend: refuses descriptors >= FD_SETSIZE instead of overflowing the fd_set.
#include <fcntl.h>
#include <sys/select.h>

#include <array>
#include <vector>

#include "pollers.hpp"
#include "sockit/event/event_errc.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::detail {
namespace {

class select_poller final : public poller {
public:
    select_poller() {
        FD_ZERO(&read_);
        FD_ZERO(&write_);
        index_.fill(-1);
    }

    poller_backend backend() const noexcept override { return poller_backend::select; }

    result<void> add(int fd, io_mask interest) noexcept override {
        if (fd < 0) return fail(event_errc::bad_descriptor);
        if (fd >= FD_SETSIZE) return fail(event_errc::fd_too_large_for_select);
        if (index_[static_cast<std::size_t>(fd)] >= 0) return fail(event_errc::already_watched);
        if (::fcntl(fd, F_GETFD) < 0) return fail(last_error());
        try {
            fds_.push_back(fd);
        } catch (const std::bad_alloc&) {
            return fail(std::make_error_code(std::errc::not_enough_memory));
        }
        index_[static_cast<std::size_t>(fd)] = static_cast<int>(fds_.size() - 1);
        set_interest(fd, interest & io_mask::read_write);
        return {};
    }

    result<void> modify(int fd, io_mask interest) noexcept override {
        if (!is_watched(fd)) return fail(event_errc::not_watched);
        set_interest(fd, interest & io_mask::read_write);
        return {};
    }

    result<void> remove(int fd) noexcept override {
        if (!is_watched(fd)) return fail(event_errc::not_watched);
        set_interest(fd, io_mask::none);
        auto i = static_cast<std::size_t>(index_[static_cast<std::size_t>(fd)]);
        int last = fds_.back();
        fds_[i] = last;
        index_[static_cast<std::size_t>(last)] = static_cast<int>(i);
        fds_.pop_back();
        index_[static_cast<std::size_t>(fd)] = -1;
        return {};
    }

    result<std::size_t> wait(std::span<poller_event> out,
                             std::optional<std::chrono::nanoseconds> timeout) noexcept override {
        // select overwrites its sets: work on copies of the master sets, rebuilt on every call.
        fd_set r = read_;
        fd_set w = write_;
        int maxfd = -1;
        for (int fd : fds_) {
            if (interest_[static_cast<std::size_t>(fd)] != io_mask::none && fd > maxfd) maxfd = fd;
        }
        timespec ts{};
        if (timeout) ts = to_timespec(*timeout);
        int n = ::pselect(maxfd + 1, &r, &w, nullptr, timeout ? &ts : nullptr, nullptr);
        std::size_t count = 0;
        if (n < 0) {
            if (errno == EINTR) return count;
            if (errno != EBADF) return fail(last_error());
            // One of the watched descriptors was closed without being removed: find and report it (select
            // only says "one of them"), as poll reports POLLNVAL.
            for (int fd : fds_) {
                if (count == out.size()) break;
                if (interest_[static_cast<std::size_t>(fd)] != io_mask::none && ::fcntl(fd, F_GETFD) < 0)
                    out[count++] = poller_event{fd, io_mask::error | io_mask::hangup};
            }
            return count;
        }
        const std::size_t total = fds_.size();
        if (n == 0 || total == 0) return count;
        cursor_ = cursor_ % total;
        for (std::size_t k = 0; k < total && count < out.size(); ++k) {
            int fd = fds_[(cursor_ + k) % total];
            io_mask m = io_mask::none;
            if (FD_ISSET(fd, &r)) m |= io_mask::readable;
            if (FD_ISSET(fd, &w)) m |= io_mask::writable;
            if (m != io_mask::none) out[count++] = poller_event{fd, m};
        }
        cursor_ = next_cursor(cursor_, total);
        return count;
    }

    std::size_t size() const noexcept override { return fds_.size(); }

private:
    bool is_watched(int fd) const noexcept {
        return fd >= 0 && fd < FD_SETSIZE && index_[static_cast<std::size_t>(fd)] >= 0;
    }

    void set_interest(int fd, io_mask interest) noexcept {
        interest_[static_cast<std::size_t>(fd)] = interest;
        if (has_any(interest, io_mask::readable))
            FD_SET(fd, &read_);
        else
            FD_CLR(fd, &read_);
        if (has_any(interest, io_mask::writable))
            FD_SET(fd, &write_);
        else
            FD_CLR(fd, &write_);
    }

    fd_set read_;
    fd_set write_;
    std::vector<int> fds_;                        // watched descriptors, unordered
    std::array<int, FD_SETSIZE> index_{};         // descriptor -> position in fds_, or -1
    std::array<io_mask, FD_SETSIZE> interest_{};  // descriptor -> interest
    std::size_t cursor_ = 0;
};

}  // namespace

std::unique_ptr<poller> make_select_poller() { return std::make_unique<select_poller>(); }

}  // namespace sockit::detail
