// SPDX-License-Identifier: MIT
// batch_resolver: resolve a stream of questions concurrently on one event loop with a bound on the
// queries in flight, results delivered in input order (RFC 1035 §4.2 exchanges via query_engine).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/dns/question.hpp"
#include "sockit/dns_client/exchange.hpp"
#include "sockit/event/event_loop.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::dns_client {

/// One input of a batch. A job without a question (an input line the caller could not read) is not
/// sent: it completes at once with codec_errc::bad_value, so that every input still yields one outcome.
struct batch_job {
    std::optional<dns::question> q;
};

/// How a batch runs.
struct batch_options {
    /// The servers, tried in order as dig tries resolv.conf's: a query that gets no response from one
    /// (every try timed out, refused, reset, only malformed responses) goes to the next, and fails only
    /// when the last gave none. A response of any RCODE is final (SERVFAIL is an answer). At least one.
    std::vector<endpoint> servers;
    exchange_options exchange;    ///< per query: timeout, tries, transport, query flags
    std::size_t in_flight = 100;  ///< at most this many exchanges at once (at least 1)
    /// At most this many jobs between the oldest undelivered one and the newest started (bounds the
    /// memory held for in-order delivery); 0 means 16 × in_flight.
    std::size_t window = 0;
};

/// Pulls the next job; nullopt when the input is exhausted. Called on the loop thread; may block (e.g.
/// reading a file), which delays the exchanges in flight but loses nothing.
using batch_source = std::function<std::optional<batch_job>()>;
/// Receives each job's outcome exactly once, in input order: its 0-based index, the outcome and the time
/// from its start to its completion.
using batch_sink = std::function<void(std::size_t index, const result<exchange_result>& outcome,
                                      std::chrono::microseconds elapsed)>;

/// Runs the whole batch on `loop` (which must not be running; other watches and timers on it keep
/// working, e.g. a progress timer) and returns when every job has been delivered. A failed job's
/// outcome is the last server's error. Errors: codec_errc::bad_value for an empty server list; the
/// loop's own (epoll_wait); per-job failures go to the sink. Blocks; loop thread only.
result<void> run_batch(event_loop& loop, const batch_options& options, const batch_source& source,
                       const batch_sink& sink);

/// Runs every question of `questions` at once (options.in_flight is ignored: all are in flight) on `loop`,
/// as run_batch does, and returns their outcomes in the questions' order. Errors: run_batch's
/// (codec_errc::bad_value for an empty server list, the loop's); per-question failures are in the
/// outcomes. Blocks; loop thread only.
[[nodiscard]] result<std::vector<result<exchange_result>>> resolve_all(
    event_loop& loop, batch_options options, std::span<const dns::question> questions);

}  // namespace sockit::dns_client
