// SPDX-License-Identifier: MIT
// batch_resolver: bounded-concurrency resolution with in-order delivery on one event loop.
#include "sockit/dns_client/batch_resolver.hpp"

#include <algorithm>
#include <deque>

#include "sockit/core/codec_errc.hpp"
#include "sockit/dns_client/query_engine.hpp"

namespace sockit::dns_client {
namespace {

struct slot {
    batch_job job;
    std::size_t server = 0;  // the index in batch_options::servers of the server asked now
    std::optional<result<exchange_result>> outcome;  // set once the job completed
    event_loop::clock::time_point started;
    std::chrono::microseconds elapsed{};
};

bool out_of_descriptors(const std::error_code& ec) noexcept {
    return ec == std::errc::too_many_files_open || ec == std::errc::too_many_files_open_in_system;
}

}  // namespace

result<void> run_batch(event_loop& loop, const batch_options& options, const batch_source& source,
                       const batch_sink& sink) {
    if (options.servers.empty()) return fail(make_error_code(codec_errc::bad_value));
    const std::size_t in_flight = std::max<std::size_t>(options.in_flight, 1);
    const std::size_t window = options.window != 0 ? std::max(options.window, in_flight) : 16 * in_flight;
    std::deque<slot> slots;  // jobs [base, base + slots.size()) not yet delivered
    std::size_t base = 0;
    bool exhausted = false;
    // Started jobs to start again before new ones are read: one that found no free descriptor (at the
    // front: it waits for a running exchange to free one, so an --in-flight above RLIMIT_NOFILE just runs
    // at the limit) and those whose server gave no response, each for its next server.
    std::deque<std::size_t> ready;
    query_engine engine(loop);  // destroyed before slots: no completion can touch a dead deque

    auto settle = [&](std::size_t index, result<exchange_result>&& r) {
        slot& s = slots[index - base];
        s.elapsed =
            std::chrono::duration_cast<std::chrono::microseconds>(event_loop::clock::now() - s.started);
        s.outcome.emplace(std::move(r));
    };
    // A job that got no response (or could not be sent) moves on to the next server while there is one.
    auto next_server = [&](std::size_t index) {
        slot& s = slots[index - base];
        if (s.server + 1 >= options.servers.size()) return false;
        ++s.server;
        ready.push_back(index);
        return true;
    };
    auto pump = [&] {
        while ((!ready.empty() || !exhausted) && engine.active() < in_flight) {
            std::size_t index = 0;
            if (!ready.empty()) {
                index = ready.front();
                ready.pop_front();
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
                settle(index, fail(make_error_code(codec_errc::bad_value)));
                continue;
            }
            auto started = engine.start(*s.job.q, options.servers[s.server], options.exchange,
                                        [&, index](result<exchange_result> r) {
                                            if (!r && next_server(index)) return;
                                            settle(index, std::move(r));
                                        });
            if (started) continue;
            if (out_of_descriptors(started.error()) && engine.active() > 0) {
                ready.push_front(index);
                break;
            }
            if (!next_server(index)) settle(index, fail(started.error()));
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
    while (!exhausted || !ready.empty() || !slots.empty()) {
        if (engine.active() > 0) {
            auto ran = loop.run_once();
            if (!ran) return fail(ran.error());
        }
        pump();
        deliver();
    }
    return {};
}

result<std::vector<result<exchange_result>>> resolve_all(event_loop& loop, batch_options options,
                                                         std::span<const dns::question> questions) {
    std::vector<std::optional<result<exchange_result>>> outcomes(questions.size());
    std::size_t next = 0;
    options.in_flight = questions.size();
    auto ran = run_batch(
        loop, options,
        [&]() -> std::optional<batch_job> {
            if (next == questions.size()) return std::nullopt;
            return batch_job{questions[next++]};
        },
        [&](std::size_t i, const result<exchange_result>& r, std::chrono::microseconds) {
            outcomes[i].emplace(r);
        });
    if (!ran) return fail(ran.error());
    std::vector<result<exchange_result>> out;
    out.reserve(outcomes.size());
    for (auto& o : outcomes) out.push_back(std::move(*o));  // run_batch delivered every job
    return out;
}

}  // namespace sockit::dns_client
