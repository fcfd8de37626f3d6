// SPDX-License-Identifier: MIT
// stream_handler: the per-connection callbacks every concurrency model drives for a TCP service (RFC 862-868,
// 1288).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "sockit/core/bytes.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::serve {

/// What a stream handler may do with its connection. The engine owns the socket and the output buffer;
/// the handler never touches a descriptor. Valid only during a callback, on the thread running it.
class stream_context {
public:
    virtual ~stream_context() = default;

    /// Queues a copy of `data` for sending. Always succeeds (the buffer grows); a handler that produces
    /// without being asked (chargen) should respect room() instead. Throws std::bad_alloc only.
    virtual void write(bytes_view data) = 0;

    /// Writable space for at least `n` bytes at the back of the output (generate in place, then commit()).
    /// The span is valid until the next call on this context. Throws std::bad_alloc only.
    [[nodiscard]] virtual std::span<std::uint8_t> prepare(std::size_t n) = 0;

    /// Makes `n` bytes of the last prepare() part of the output. Precondition: n <= that span's size.
    virtual void commit(std::size_t n) noexcept = 0;

    /// Queues `length` bytes of `file` from `offset` after everything queued so far; later write()s go
    /// after it. The engine sends the region with sendfile(2) when its turn comes (zero-copy, non-blocking,
    /// resumed after partial sends), keeping the descriptor alive as long as it needs it. The region counts
    /// against room() like buffered bytes. A file that ends before the region does (it shrank) ends the
    /// connection with close_reason::error: the peer sees fewer bytes than announced, never other bytes.
    /// Precondition: `file` is open for reading and supports sendfile (a regular file). Throws
    /// std::bad_alloc only.
    virtual void send_file(std::shared_ptr<const unique_fd> file, std::uint64_t offset,
                           std::uint64_t length) = 0;

    /// How many bytes may still be queued before the connection's output limit (0 when full): the engine
    /// stops reading the peer while the output is full (backpressure).
    [[nodiscard]] virtual std::size_t room() const noexcept = 0;

    /// Bytes queued and not yet sent (buffered bytes and file regions). Never fails.
    [[nodiscard]] virtual std::uint64_t queued() const noexcept = 0;

    /// Ends the connection (close_reason::deadline, no callback) unless clear_deadline() or another
    /// set_deadline() comes within `after` from now. Unlike the idle timeout, bytes moving do not push
    /// it back: a handler bounds a whole phase with it, such as reading a request head against a client
    /// that trickles one byte at a time (slowloris). Every model enforces it (event-loop timers, the
    /// blocking models' poll timeout). A zero or negative `after` ends the connection at the next turn.
    virtual void set_deadline(std::chrono::milliseconds after) noexcept = 0;

    /// Removes the deadline set by set_deadline() (nothing when none is set).
    virtual void clear_deadline() noexcept = 0;

    /// Asks for on_writable() calls whenever the socket is writable and the output has room (true), or
    /// stops them (false). A generator (chargen) sets it once in on_connect().
    virtual void want_writable(bool on) noexcept = 0;

    /// Ends the connection once the queued output is sent (no further callbacks but the destructor).
    virtual void close() noexcept = 0;

    /// The client's address (IPv4 peers of a dual-stack socket unmapped).
    [[nodiscard]] virtual const endpoint& peer() const noexcept = 0;
    /// The server's address of this connection.
    [[nodiscard]] virtual const endpoint& local() const noexcept = 0;
};

/// One TCP connection's protocol logic, created per connection by a factory. Callbacks run on one thread
/// at a time (the engine's), never concurrently, and never after close() or after the connection ended;
/// the engine destroys the handler when the connection ends, whatever the reason (peer reset, idle
/// timeout, server stop). Exceptions thrown by a callback end the connection.
class stream_handler {
public:
    virtual ~stream_handler() = default;

    /// The connection is established. Default: nothing.
    virtual void on_connect(stream_context& ctx) { (void)ctx; }

    /// `data` (never empty) arrived from the peer. Only called while the output has room.
    virtual void on_data(stream_context& ctx, bytes_view data) = 0;

    /// The socket is writable and the output has room; only after want_writable(true). Default: nothing.
    virtual void on_writable(stream_context& ctx) { (void)ctx; }

    /// The peer closed its sending side (end of input; a half-closed client may still read). Default:
    /// ctx.close(), so queued output is sent and then the connection ends.
    virtual void on_close(stream_context& ctx) { ctx.close(); }
};

}  // namespace sockit::serve
