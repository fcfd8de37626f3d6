// SPDX-License-Identifier: MIT
// echo_load: `sockit bench echo`'s load generator — many TCP connections to an echo server (RFC 862), one
// message each in flight.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/loadgen/latency_histogram.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::loadgen {

/// What an echo load run does.
struct echo_load_settings {
    std::vector<endpoint> targets;  ///< the server's addresses, tried in order by the first connection
    std::size_t connections = 10;   ///< >= 1
    std::size_t message_size = 64;  ///< bytes per message, >= 1
    std::chrono::nanoseconds duration = std::chrono::seconds(10);   ///< measured time
    std::chrono::nanoseconds warmup = std::chrono::nanoseconds(0);  ///< unmeasured time before it
    std::optional<std::uint64_t> max_round_trips;                   ///< stop after this many measured ones
    std::chrono::nanoseconds connect_phase = std::chrono::seconds(10);  ///< bound on connecting them all
    bool stop_on_interrupt = false;  ///< SIGINT/SIGTERM end the run early, reporting what was measured
};

/// What a run measured. Counters of the measured window only, except errors and the connection counts.
struct echo_load_report {
    endpoint target;                ///< the address the first connection reached (all the others use it)
    std::uint64_t round_trips = 0;  ///< echoes received whole and equal to what was sent
    std::uint64_t bytes = 0;        ///< bytes of those echoes (round_trips × message size)
    std::chrono::nanoseconds elapsed{0};
    latency_histogram latency;  ///< send of a message to the last byte of its echo
    std::uint64_t errors = 0;   ///< echoes that differed from the message (whole run, warm-up included)
    std::string first_error;    ///< describes the first differing echo
    std::size_t connected = 0;  ///< connections established
    std::size_t failed = 0;     ///< connections that could not be made or that the server broke
    std::string first_failure;  ///< why the first of them failed
    std::size_t stalled = 0;    ///< live connections that completed no measured round trip
    bool measured = false;      ///< the measured window began (false: every connection failed first)
    bool interrupted = false;   ///< a signal ended the run (stop_on_interrupt)
};

/// Why a run could not start: the first connection failed (`why` is e.g. ECONNREFUSED), or the event loop
/// could not be created or failed.
struct echo_load_failure {
    std::string what;
    std::error_code why;
};

/// Runs the load: opens one connection first, trying each target in turn (if none connects, the run
/// ends with the last failure), then the others to the address it reached in a window of
/// non-blocking connects (refused, EAGAIN and timed-out attempts are retried a few times with back-off within
/// settings.connect_phase), each keeping one message of message_size bytes in flight and checking every
/// echoed byte. Measurement starts once every connection is settled (or connect_phase is over) plus the
/// warm-up, and lasts `duration` or until max_round_trips. Allocates only while connecting: nothing per
/// message. Blocks the calling thread, on which it runs one epoll event loop; with stop_on_interrupt, SIGINT
/// and SIGTERM are blocked in that thread while it runs (signalfd) and end the measured window.
result<echo_load_report, echo_load_failure> run_echo_load(const echo_load_settings& settings);

}  // namespace sockit::loadgen
