// SPDX-License-Identifier: MIT
// discard_stream: `sockit bench discard`'s load generator — one TCP stream of fixed-size writes to a discard
// server (RFC 863), as `iperf3 -c` sends, ended by a half-close that the server confirms by closing.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <system_error>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::loadgen {

/// What a discard stream run does.
struct discard_stream_settings {
    std::vector<endpoint> targets;   ///< the server's addresses, tried in order (at least one)
    std::size_t write_size = 65536;  ///< bytes per write, >= 1
    std::chrono::nanoseconds duration = std::chrono::seconds(10);          ///< how long to send
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);  ///< per address
    /// Bound on one blocking write (SO_SNDTIMEO): a server that stops reading holds the sender past the
    /// deadline for at most this long.
    std::chrono::milliseconds send_timeout = std::chrono::milliseconds(200);
    /// How long to wait, after our half-close, for the server to close its side.
    std::chrono::milliseconds drain_timeout = std::chrono::seconds(5);
};

/// What a run measured.
struct discard_stream_report {
    endpoint target;           ///< the address the stream went to
    std::uint64_t bytes = 0;   ///< bytes the kernel accepted
    std::uint64_t writes = 0;  ///< whole writes of write_size bytes
    /// From the first write to the server's close (drained), else to the end of sending.
    std::chrono::steady_clock::duration elapsed{};
    bool drained = false;  ///< the server closed after our half-close: it read every byte counted
    std::string broken;    ///< why sending stopped early ("send after N bytes: ..."); empty if it did not
};

/// Why a run could not start.
struct discard_stream_failure {
    std::string what;  ///< "socket", "connect to ADDR" or "SO_SNDTIMEO"
    std::error_code why;
    bool connecting = false;  ///< the server could not be reached (else a local failure of the system)
};

/// Connects to the first target that accepts (getaddrinfo's order, as nc does: the last failure is the one
/// reported; a socket that cannot be created ends the run at once), then sends one block of write_size
/// bytes over and over for `duration` with blocking writes bounded by send_timeout, then shuts down the
/// sending side and waits up to drain_timeout for the server's EOF (or reset). Blocks the calling thread.
/// Errors: see discard_stream_failure; a stream broken while sending is a report with `broken` set.
result<discard_stream_report, discard_stream_failure> run_discard_stream(
    const discard_stream_settings& settings);

}  // namespace sockit::loadgen
