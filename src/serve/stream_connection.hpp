// SPDX-License-Identifier: MIT
// stream_connection: one TCP connection's state machine (read, hand to the handler, buffer, flush, close), shared by every model.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "sockit/event/buffer.hpp"
#include "sockit/event/io_mask.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/serve/stream_handler.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::serve::detail {

/// Drives a stream_handler over a non-blocking socket. The owner waits for interest() (an event loop, or
/// poll(2) on this one descriptor) and calls on_readable()/on_writable() when ready, until finished().
/// Backpressure: interest() drops readable while the output holds max_output bytes or more; the handler's
/// on_writable() runs only when the output has room. Not thread-safe: one thread drives it.
class stream_connection final : public stream_context {
public:
    using clock = std::chrono::steady_clock;

    stream_connection(socket sock, endpoint peer, endpoint local, std::unique_ptr<stream_handler> handler,
                      std::size_t max_output) noexcept;
    ~stream_connection() override;
    stream_connection(const stream_connection&) = delete;
    stream_connection& operator=(const stream_connection&) = delete;

    /// Calls on_connect and sends what it queued.
    void start();
    /// Reads what the socket has (bounded by the output's room), hands it over, flushes.
    void on_readable();
    /// Flushes; then, when asked and there is room, lets the handler produce and flushes again.
    void on_writable();
    /// What to wait for next (none once finished).
    [[nodiscard]] io_mask interest() const noexcept;
    [[nodiscard]] bool finished() const noexcept { return finished_; }
    /// Ends the connection now (idle timeout, server stop); no callback runs. Idempotent.
    void abort(close_reason why) noexcept;
    /// True when bytes moved since the last call (the owner pushes its idle deadline back).
    bool take_progress() noexcept { return std::exchange(progress_, false); }

    [[nodiscard]] int fd() const noexcept { return sock_.fd(); }
    [[nodiscard]] close_reason reason() const noexcept { return reason_; }
    /// The record of this connection for on_connection_end (duration measured up to now).
    [[nodiscard]] connection_record record(std::string_view service) const;

    // stream_context
    void write(bytes_view data) override;
    std::span<std::uint8_t> prepare(std::size_t n) override;
    void commit(std::size_t n) noexcept override;
    [[nodiscard]] std::size_t room() const noexcept override;
    void want_writable(bool on) noexcept override { want_writable_ = on; }
    void close() noexcept override { closing_ = true; }
    [[nodiscard]] const endpoint& peer() const noexcept override { return peer_; }
    [[nodiscard]] const endpoint& local() const noexcept override { return local_; }

private:
    void flush() noexcept;
    void finish(close_reason why) noexcept;
    template <class F>
    void guarded(F&& f) noexcept;

    socket sock_;
    endpoint peer_;
    endpoint local_;
    std::unique_ptr<stream_handler> handler_;
    buffer out_;
    std::size_t max_output_;
    std::uint64_t bytes_in_ = 0;
    std::uint64_t bytes_out_ = 0;
    clock::time_point started_ = clock::now();
    close_reason reason_ = close_reason::done;
    bool read_eof_ = false;
    bool closing_ = false;
    bool want_writable_ = false;
    bool finished_ = false;
    bool progress_ = false;
};

}  // namespace sockit::serve::detail
