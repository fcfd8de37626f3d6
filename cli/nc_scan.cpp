// SPDX-License-Identifier: MIT
// `sockit nc -z`: nc's scan settings mapped onto a connect_multiplexer window, outcomes in the targets'
// order.
#include "nc_scan.hpp"

#include <algorithm>
#include <thread>

#include "sockit/sock/connect_multiplexer.hpp"

namespace sockit::cli {

result<std::vector<scan_outcome>> scan(std::span<const endpoint> targets, const scan_settings& settings) {
    std::vector<scan_outcome> outcomes(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) outcomes[i].target = targets[i];

    bool fixed_source_port = settings.source && settings.source->port() != 0;
    bool one_at_a_time = settings.interval.count() > 0 || fixed_source_port;
    connect_multiplexer attempts(one_at_a_time ? 1 : settings.concurrency);
    const bool udp = settings.socktype == SOCK_DGRAM;
    auto wait_for = udp ? std::optional(settings.udp_wait) : settings.timeout;
    if (udp && settings.timeout) wait_for = std::min(*settings.timeout, settings.udp_wait);

    connect_attempt_options how;
    how.socktype = settings.socktype;
    how.source = settings.source;
    std::size_t next = 0;  // ids count up from 0 in start order: an id is the target's index
    while (next < targets.size() || !attempts.empty()) {
        while (next < targets.size() && attempts.has_room()) {
            if (next > 0 && settings.interval.count() > 0) std::this_thread::sleep_for(settings.interval);
            how.deadline.reset();
            if (wait_for) how.deadline = std::chrono::steady_clock::now() + *wait_for;
            auto started = attempts.start(targets[next], how);
            if (!started) return fail(started.error());
            ++next;
        }
        auto done = attempts.wait(std::nullopt);
        if (!done) return fail(done.error());
        for (const auto& out : *done) {
            // UDP: silence is "open or filtered", which nc reports as open; TCP: a timeout.
            bool silent = udp && out.error == std::errc::timed_out;
            outcomes[out.id].error = silent ? std::error_code{} : out.error;
        }
    }
    return outcomes;
}

}  // namespace sockit::cli
