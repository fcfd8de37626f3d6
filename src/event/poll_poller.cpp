// SPDX-License-Identifier: MIT
// The poll(2) poller backend: one pollfd array, compacted on removal, scanned from a rotating start.
#include <fcntl.h>
#include <poll.h>

#include <vector>

#include "pollers.hpp"
#include "sockit/event/event_errc.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::detail {
namespace {

short to_poll(io_mask m) noexcept {
    short e = 0;
    if (has_any(m, io_mask::readable)) e = static_cast<short>(e | POLLIN);
    if (has_any(m, io_mask::writable)) e = static_cast<short>(e | POLLOUT);
    return e;
}

class poll_poller final : public poller {
public:
    poller_backend backend() const noexcept override { return poller_backend::poll; }

    result<void> add(int fd, io_mask interest) noexcept override {
        if (fd < 0) return fail(event_errc::bad_descriptor);
        if (position(fd) >= 0) return fail(event_errc::already_watched);
        if (::fcntl(fd, F_GETFD) < 0) return fail(last_error());
        interest &= io_mask::read_write;
        try {
            if (static_cast<std::size_t>(fd) >= index_.size())
                index_.resize(static_cast<std::size_t>(fd) + 1, -1);
            fds_.reserve(fds_.size() + 1);
            interest_.reserve(fds_.size() + 1);
            owner_.reserve(fds_.size() + 1);
        } catch (const std::bad_alloc&) {
            return fail(std::make_error_code(std::errc::not_enough_memory));
        }
        index_[static_cast<std::size_t>(fd)] = static_cast<int>(fds_.size());
        // poll(2) ignores negative descriptors: interest none parks the entry so hangups are not reported.
        fds_.push_back(pollfd{interest == io_mask::none ? -1 : fd, to_poll(interest), 0});
        interest_.push_back(interest);
        owner_.push_back(fd);
        return {};
    }

    result<void> modify(int fd, io_mask interest) noexcept override {
        int at = position(fd);
        if (at < 0) return fail(event_errc::not_watched);
        interest &= io_mask::read_write;
        auto i = static_cast<std::size_t>(at);
        fds_[i].fd = interest == io_mask::none ? -1 : fd;
        fds_[i].events = to_poll(interest);
        interest_[i] = interest;
        return {};
    }

    result<void> remove(int fd) noexcept override {
        int at = position(fd);
        if (at < 0) return fail(event_errc::not_watched);
        auto i = static_cast<std::size_t>(at);
        auto last = fds_.size() - 1;
        if (i != last) {
            fds_[i] = fds_[last];
            interest_[i] = interest_[last];
            owner_[i] = owner_[last];
            index_[static_cast<std::size_t>(owner_[i])] = at;
        }
        fds_.pop_back();
        interest_.pop_back();
        owner_.pop_back();
        index_[static_cast<std::size_t>(fd)] = -1;
        return {};
    }

    result<std::size_t> wait(std::span<poller_event> out,
                             std::optional<std::chrono::nanoseconds> timeout) noexcept override {
        timespec ts{};
        if (timeout) ts = to_timespec(*timeout);
        int n = ::ppoll(fds_.data(), fds_.size(), timeout ? &ts : nullptr, nullptr);
        if (n < 0) {
            if (errno == EINTR) return std::size_t{0};
            return fail(last_error());
        }
        std::size_t count = 0;
        const std::size_t total = fds_.size();
        if (n == 0 || total == 0) return count;
        cursor_ = cursor_ % total;
        for (std::size_t k = 0; k < total && count < out.size(); ++k) {
            std::size_t i = (cursor_ + k) % total;
            short re = fds_[i].revents;
            if (re == 0) continue;
            io_mask m = io_mask::none;
            if (re & (POLLIN | POLLPRI)) m |= io_mask::readable;
            if (re & POLLOUT) m |= io_mask::writable;
            if (re & POLLERR) m |= io_mask::error;
            if (re & POLLHUP) m |= io_mask::hangup;
            if (re & POLLNVAL) m |= io_mask::error | io_mask::hangup;  // closed while watched
            out[count++] = poller_event{owner_[i], m & (interest_[i] | io_mask::error | io_mask::hangup)};
        }
        cursor_ = next_cursor(cursor_, total);
        return count;
    }

    std::size_t size() const noexcept override { return fds_.size(); }

private:
    int position(int fd) const noexcept {
        if (fd < 0 || static_cast<std::size_t>(fd) >= index_.size()) return -1;
        return index_[static_cast<std::size_t>(fd)];
    }

    std::vector<pollfd> fds_;
    std::vector<io_mask> interest_;
    std::vector<int> owner_;  // the descriptor of each entry (fds_[i].fd is -1 while parked)
    std::vector<int> index_;  // descriptor -> entry, or -1
    std::size_t cursor_ = 0;
};

}  // namespace

std::unique_ptr<poller> make_poll_poller() { return std::make_unique<poll_poller>(); }

}  // namespace sockit::detail
