// SPDX-License-Identifier: MIT
// connect_multiplexer: a window of non-blocking connects (TCP) or probes (UDP), one sys::poll_until per wait.
#include "sockit/sock/connect_multiplexer.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <array>

#include "sockit/sys/poll_until.hpp"

namespace sockit {
namespace {

/// How many descriptors we may hold at once: the soft RLIMIT_NOFILE minus a margin for stdio and friends.
std::size_t fd_budget() noexcept {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return 1024;
    return lim.rlim_cur > 32 ? static_cast<std::size_t>(lim.rlim_cur - 16) : 1;
}

bool is_transient(const std::error_code& ec) {
    return ec == std::errc::resource_unavailable_try_again || ec == std::errc::interrupted;
}

}  // namespace

connect_multiplexer::connect_multiplexer(std::size_t max_in_flight)
    : capacity_(std::clamp<std::size_t>(max_in_flight, 1, fd_budget())) {}

void connect_multiplexer::finish(attempt& a, std::error_code error) {
    connect_outcome out;
    out.id = a.id;
    out.target = a.target;
    out.error = error;
    if (!error) out.sock = std::move(a.sock);
    a.sock.close();
    ready_.push_back(std::move(out));
}

result<std::size_t> connect_multiplexer::start(const endpoint& target,
                                               const connect_attempt_options& options) noexcept {
    if (!has_room()) return fail(std::make_error_code(std::errc::resource_unavailable_try_again));
    try {
        attempt a;
        const std::size_t id = next_id_++;
        a.id = id;
        a.target = target;
        a.probe = options.socktype == SOCK_DGRAM;
        a.deadline = options.deadline;
        ready_.reserve(ready_.size() + 1);  // finish() below must not throw
        auto started = [&]() -> result<bool> {
            auto s = socket::open(target.family(), options.socktype | SOCK_NONBLOCK);
            if (!s) return fail(s.error());
            a.sock = std::move(*s);
            if (options.source) {
                (void)a.sock.set(opt::reuse_address{true});
                if (auto r = a.sock.bind(*options.source); !r) return fail(r.error());
            }
            auto begun = a.sock.begin_connect(target);
            if (!begun) return fail(begun.error());
            if (a.probe) {
                // A UDP "connect" only sets the peer. Probe with an empty datagram: a closed port answers
                // with ICMP port unreachable, which the socket reports as ECONNREFUSED.
                if (auto sent = a.sock.send({}); !sent) return fail(sent.error());
                return false;
            }
            return *begun;
        }();
        if (!started)
            finish(a, started.error());
        else if (*started)
            finish(a, {});
        else
            flight_.push_back(std::move(a));
        return id;
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
}

bool connect_multiplexer::settle(attempt& a) {
    if (a.probe) {
        std::array<std::uint8_t, 512> scratch{};
        auto got = a.sock.recv(scratch);
        if (!got && is_transient(got.error())) return false;
        finish(a, got ? std::error_code{} : got.error());  // an answer means open; a refusal, closed
        return true;
    }
    auto r = a.sock.finish_connect();
    finish(a, r ? std::error_code{} : r.error());
    return true;
}

result<std::vector<connect_outcome>> connect_multiplexer::wait(
    std::optional<sys::steady_clock::time_point> until) noexcept {
    try {
        if (ready_.empty() && !flight_.empty()) {
            polls_.clear();
            std::optional<sys::steady_clock::time_point> wake = until;
            for (const auto& a : flight_) {
                polls_.push_back(pollfd{a.sock.fd(), static_cast<short>(a.probe ? POLLIN : POLLOUT), 0});
                wake = sys::earliest(wake, a.deadline);
            }
            auto n = sys::poll_until(polls_, wake);
            if (!n) return fail(n.error());
            const auto now = sys::steady_clock::now();
            std::size_t kept = 0;
            for (std::size_t i = 0; i < flight_.size(); ++i) {
                attempt& a = flight_[i];
                bool done = false;
                if (polls_[i].revents != 0) done = settle(a);
                if (!done && a.deadline && now >= *a.deadline) {
                    finish(a, std::make_error_code(std::errc::timed_out));
                    done = true;
                }
                if (done) continue;
                if (kept != i) flight_[kept] = std::move(a);
                ++kept;
            }
            flight_.resize(kept);
        }
        std::vector<connect_outcome> out;
        out.swap(ready_);
        return out;
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
}

void connect_multiplexer::cancel_all() noexcept {
    flight_.clear();
    ready_.clear();
}

}  // namespace sockit
