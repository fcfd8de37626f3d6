// SPDX-License-Identifier: MIT
// stream_session: the per-connection half of a pure service handler (bytes in, bytes out, no sockets).
#pragma once

#include <cstddef>
#include <cstdint>

#include "sockit/core/bytes.hpp"

namespace sockit::services {

/// What the connection should do after a session callback.
enum class stream_action : std::uint8_t {
    keep_open,  ///< keep reading
    close,      ///< stop reading; send the output produced so far, then close the connection
};

/// The state of one TCP connection of a service. The engine owns the socket and calls these in order:
/// on_connect once, then on_data for each chunk received, on_eof when the peer shut down its sending
/// side, and — for generators (chargen) — generate() whenever the socket is writable and its outgoing
/// buffer has room. Output is appended to `out` (never cleared by the session). Not thread-safe: one
/// connection, one thread at a time. Handlers never throw except std::bad_alloc.
class stream_session {
public:
    virtual ~stream_session() = default;
    stream_session() = default;
    stream_session(const stream_session&) = delete;
    stream_session& operator=(const stream_session&) = delete;

    /// The connection is open: append any initial output (for daytime, time and qotd, the whole answer).
    virtual stream_action on_connect(byte_buffer& out) = 0;

    /// `in` arrived (never empty): append the answer, if any.
    virtual stream_action on_data(bytes_view in, byte_buffer& out) = 0;

    /// The peer will send nothing more (it may still read): append a last answer, if any.
    virtual stream_action on_eof(byte_buffer& out) {
        (void)out;
        return stream_action::close;
    }

    /// True when the session produces output by itself (chargen): the engine calls generate() whenever
    /// the socket is writable, so a peer that does not read costs nothing but its socket buffer.
    [[nodiscard]] virtual bool is_generator() const noexcept { return false; }

    /// Appends exactly `budget` bytes of self-produced output (generators only; others append nothing).
    virtual void generate(byte_buffer& out, std::size_t budget) {
        (void)out;
        (void)budget;
    }
};

}  // namespace sockit::services
