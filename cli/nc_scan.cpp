// SPDX-License-Identifier: MIT
// `sockit nc -z`: a window of non-blocking connects (or UDP probes) multiplexed with poll(2).
#include "nc_scan.hpp"

#include <poll.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <thread>

#include "sockit/sock/socket.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::cli {
namespace {

using steady = std::chrono::steady_clock;

/// One attempt in flight.
struct attempt {
    std::size_t index = 0;  ///< into targets/outcomes
    socket sock;
    steady::time_point deadline;
    bool has_deadline = false;
};

/// How many descriptors we may hold at once: the soft RLIMIT_NOFILE minus a margin for stdio and friends.
std::size_t fd_budget() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return 1024;
    return lim.rlim_cur > 32 ? static_cast<std::size_t>(lim.rlim_cur - 16) : 1;
}

/// Opens, binds and starts one attempt. Returns the error that ended it at once, or nothing when in flight
/// (or, for TCP, already connected: then `done` is set).
std::error_code start(const endpoint& target, const scan_settings& settings, attempt& a, bool& done) {
    auto s = socket::open(target.family(), settings.socktype | SOCK_NONBLOCK);
    if (!s) return s.error();
    if (settings.source) {
        (void)s->set(opt::reuse_address{true});
        if (auto r = s->bind(*settings.source); !r) return r.error();
    }
    auto begun = s->begin_connect(target);
    if (!begun) return begun.error();
    if (settings.socktype == SOCK_DGRAM) {
        // A UDP "connect" only sets the peer. Probe with an empty datagram (no data): a closed port answers
        // with ICMP port unreachable, which the socket reports as ECONNREFUSED.
        if (auto sent = s->send({}); !sent) return sent.error();
    } else if (*begun) {
        done = true;
    }
    a.sock = std::move(*s);
    return {};
}

}  // namespace

result<std::vector<scan_outcome>> scan(std::span<const endpoint> targets, const scan_settings& settings) {
    std::vector<scan_outcome> outcomes(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) outcomes[i].target = targets[i];

    std::size_t window = std::clamp<std::size_t>(settings.concurrency, 1, fd_budget());
    bool fixed_source_port = settings.source && settings.source->port() != 0;
    if (settings.interval.count() > 0 || fixed_source_port) window = 1;

    std::vector<attempt> flight;
    std::vector<pollfd> polls;
    std::size_t next = 0;
    auto wait_for = settings.socktype == SOCK_DGRAM ? std::optional(settings.udp_wait) : settings.timeout;
    if (settings.socktype == SOCK_DGRAM && settings.timeout) wait_for = std::min(*settings.timeout, settings.udp_wait);

    while (next < targets.size() || !flight.empty()) {
        // Fill the window.
        while (next < targets.size() && flight.size() < window) {
            if (next > 0 && settings.interval.count() > 0) std::this_thread::sleep_for(settings.interval);
            attempt a;
            a.index = next;
            bool done = false;
            std::error_code ec = start(targets[next], settings, a, done);
            ++next;
            if (ec || done) {
                outcomes[a.index].error = ec;
                continue;
            }
            if (wait_for) {
                a.deadline = steady::now() + *wait_for;
                a.has_deadline = true;
            }
            flight.push_back(std::move(a));
        }
        if (flight.empty()) continue;

        polls.clear();
        std::optional<steady::time_point> soonest;
        for (const auto& a : flight) {
            short events = settings.socktype == SOCK_DGRAM ? POLLIN : POLLOUT;
            polls.push_back(pollfd{a.sock.fd(), events, 0});
            if (a.has_deadline) soonest = soonest ? std::min(*soonest, a.deadline) : a.deadline;
        }
        int timeout = -1;
        if (soonest) {
            auto left = std::chrono::ceil<std::chrono::milliseconds>(*soonest - steady::now()).count();
            timeout = static_cast<int>(std::clamp<long long>(left, 0, 1'000'000'000));
        }
        int n = ::poll(polls.data(), static_cast<nfds_t>(polls.size()), timeout);
        if (n < 0 && errno != EINTR) return fail(last_error());
        auto now = steady::now();

        std::vector<attempt> still;
        still.reserve(flight.size());
        for (std::size_t i = 0; i < flight.size(); ++i) {
            attempt& a = flight[i];
            short revents = n > 0 ? polls[i].revents : short{0};
            if (revents != 0) {
                if (settings.socktype == SOCK_DGRAM) {
                    std::array<std::uint8_t, 512> scratch{};
                    auto got = a.sock.recv(scratch);
                    if (!got && (got.error() == std::errc::resource_unavailable_try_again ||
                                 got.error() == std::errc::interrupted)) {
                        still.push_back(std::move(a));
                        continue;
                    }
                    // An answer means open; a refusal means closed.
                    outcomes[a.index].error = got ? std::error_code{} : got.error();
                } else {
                    auto r = a.sock.finish_connect();
                    outcomes[a.index].error = r ? std::error_code{} : r.error();
                }
                continue;  // the socket closes here
            }
            if (a.has_deadline && now >= a.deadline) {
                // UDP: silence is "open or filtered", which nc reports as open; TCP: a timeout.
                outcomes[a.index].error =
                    settings.socktype == SOCK_DGRAM ? std::error_code{} : std::make_error_code(std::errc::timed_out);
                continue;
            }
            still.push_back(std::move(a));
        }
        flight = std::move(still);
    }
    return outcomes;
}

}  // namespace sockit::cli
