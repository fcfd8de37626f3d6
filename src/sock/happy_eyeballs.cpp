// SPDX-License-Identifier: MIT
// Happy Eyeballs v2 (RFC 8305 sections 4 and 5): family interleaving and the staggered connection race.
#include "sockit/sock/happy_eyeballs.hpp"

#include <algorithm>
#include <cerrno>

#include "sockit/sock/connect_multiplexer.hpp"
#include "sockit/sock/resolver.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit {
namespace {

using clock = sys::steady_clock;

}  // namespace

std::vector<endpoint> interleave_families(std::span<const endpoint> addresses, int first_family_count) {
    std::vector<endpoint> unique;
    for (const auto& a : addresses)
        if (std::find(unique.begin(), unique.end(), a) == unique.end()) unique.push_back(a);
    if (unique.empty()) return unique;

    const auto first_family = unique.front().family();
    std::vector<endpoint> first;
    std::vector<endpoint> other;
    for (auto& a : unique) (a.family() == first_family ? first : other).push_back(std::move(a));

    std::vector<endpoint> out;
    out.reserve(first.size() + other.size());
    std::size_t i = 0;
    std::size_t j = 0;
    const auto lead = static_cast<std::size_t>(std::max(first_family_count, 1));
    while (i < first.size() && i < lead) out.push_back(first[i++]);
    while (i < first.size() || j < other.size()) {
        if (j < other.size()) out.push_back(other[j++]);
        if (i < first.size()) out.push_back(first[i++]);
    }
    return out;
}

result<connection> happy_eyeballs_connect(std::span<const endpoint> candidates,
                                          const happy_eyeballs_options& options) noexcept {
    if (candidates.empty()) return fail(sys_error(EINVAL));
    try {
        const auto delay = std::max(options.attempt_delay, std::chrono::milliseconds(10));
        const auto start = clock::now();
        const auto deadline = start + options.timeout;
        connect_multiplexer attempts(candidates.size());  // the losers close with it
        connect_attempt_options how;
        how.socktype = options.socktype;
        std::size_t next = 0;
        auto next_start = start;
        std::error_code last = std::make_error_code(std::errc::timed_out);

        for (;;) {
            auto now = clock::now();
            if (now >= deadline) return fail(std::make_error_code(std::errc::timed_out));

            // Start the next attempt when its time has come, or at once when nothing is in flight
            // (the previous one failed: RFC 8305 section 5 does not make us wait out the delay then).
            if (next < candidates.size() && attempts.has_room() && (attempts.empty() || now >= next_start)) {
                auto started = attempts.start(candidates[next++], how);
                if (!started) return fail(started.error());
                next_start = now + delay;
            }
            if (attempts.empty()) {
                if (next >= candidates.size()) return fail(last);
                continue;
            }

            const auto wake = next < candidates.size() ? std::min(next_start, deadline) : deadline;
            auto outcomes = attempts.wait(wake);
            if (!outcomes) return fail(outcomes.error());
            bool failed_one = false;
            for (auto& o : *outcomes) {
                if (!o.error) {
                    if (auto r = o.sock.set_non_blocking(false); !r) return fail(r.error());
                    return connection{std::move(o.sock), o.target};
                }
                last = o.error;
                failed_one = true;
            }
            if (failed_one) next_start = clock::now();
        }
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
}

result<connection> happy_eyeballs_connect(std::string_view host, std::string_view service, int family,
                                          const happy_eyeballs_options& options) noexcept {
    resolve_hints hints;
    hints.family = family;
    hints.socktype = options.socktype;
    auto found = resolver::resolve(host, service, hints);
    if (!found) return fail(found.error());
    try {
        std::vector<endpoint> all;
        all.reserve(found->addresses.size());
        for (const auto& a : found->addresses) all.push_back(a.address);
        auto order = interleave_families(all, options.first_family_count);
        return happy_eyeballs_connect(order, options);
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
}

}  // namespace sockit
