// SPDX-License-Identifier: MIT
// batch_resolver: bounded-concurrency resolution with in-order delivery on one event loop.
#include "sockit/dns/client/batch_resolver.hpp"

#include <algorithm>
#include <deque>

#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/client/query_engine.hpp"

namespace sockit::dns {
namespace {

struct slot {
    batch_job job;
    std::optional<result<exchange_result>> outcome;  // set once the job completed
    event_loop::clock::time_point started;
    std::chrono::microseconds elapsed{};
};

}  // namespace

result<void> run_batch(event_loop& loop, const batch_options& options, const batch_source& source,
                       const batch_sink& sink) {
    const std::size_t in_flight = std::max<std::size_t>(options.in_flight, 1);
    const std::size_t window = options.window != 0 ? std::max(options.window, in_flight) : 16 * in_flight;
    std::deque<slot> slots;  // jobs [base, base + slots.size()) not yet delivered
    std::size_t base = 0;
    bool exhausted = false;
    query_engine engine(loop);  // destroyed before slots: no completion can touch a dead deque

    auto complete = [&](std::size_t index, result<exchange_result> r) {
        slot& s = slots[index - base];
        s.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(event_loop::clock::now() - s.started);
        s.outcome.emplace(std::move(r));
    };
    // A job whose socket could not be opened for lack of descriptors waits here for a running exchange to
    // finish and free one (an --in-flight above RLIMIT_NOFILE then just runs at the limit).
    std::optional<std::size_t> held;
    auto pump = [&] {
        while ((held || !exhausted) && engine.active() < in_flight) {
            std::size_t index = 0;
            if (held) {
                index = *held;
                held.reset();
            } else {
                if (slots.size() >= window) break;
                std::optional<batch_job> job = source();
                if (!job) {
                    exhausted = true;
                    break;
                }
                index = base + slots.size();
                slots.emplace_back();
                slots.back().started = event_loop::clock::now();
                slots.back().job = std::move(*job);
            }
            slot& s = slots[index - base];
            if (!s.job.q) {
                complete(index, fail(make_error_code(codec_errc::bad_value)));
                continue;
            }
            auto started = engine.start(*s.job.q, options.server, options.exchange,
                                        [&complete, index](result<exchange_result> r) { complete(index, std::move(r)); });
            if (started) continue;
            const auto& ec = started.error();
            if ((ec == std::errc::too_many_files_open || ec == std::errc::too_many_files_open_in_system) &&
                engine.active() > 0) {
                held = index;
                break;
            }
            complete(index, fail(ec));
        }
    };
    auto deliver = [&] {
        while (!slots.empty() && slots.front().outcome) {
            sink(base, *slots.front().outcome, slots.front().elapsed);
            slots.pop_front();
            ++base;
        }
    };

    pump();
    deliver();
    while (!exhausted || held || !slots.empty()) {
        if (engine.active() > 0) {
            auto ran = loop.run_once();
            if (!ran) return fail(ran.error());
        }
        pump();
        deliver();
    }
    return {};
}

}  // namespace sockit::dns
