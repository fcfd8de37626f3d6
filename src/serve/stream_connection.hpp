// SPDX-License-Identifier: MIT
// stream_connection: one TCP connection's state machine (read, hand to the handler, buffer, flush, close),
// shared by every model.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
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
/// on_writable() runs only when the output has room. Output is a queue: the buffered bytes `out_`, then
/// each file region queued by send_file() with the bytes written after it. A handler's deadline is kept
/// here; the owner reads it after each call (deadline(), take_deadline_change()) and enforces it.
/// Not thread-safe: one thread drives it.
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
    /// The handler's deadline (stream_context::set_deadline), if any.
    [[nodiscard]] std::optional<clock::time_point> deadline() const noexcept { return deadline_; }
    /// True when the handler set or cleared its deadline since the last call (the owner re-arms its timer).
    bool take_deadline_change() noexcept { return std::exchange(deadline_changed_, false); }

    [[nodiscard]] int fd() const noexcept { return sock_.fd(); }
    [[nodiscard]] close_reason reason() const noexcept { return reason_; }
    /// The record of this connection for on_connection_end (duration measured up to now).
    [[nodiscard]] connection_record record(std::string_view service) const;

    // stream_context
    void write(bytes_view data) override;
    std::span<std::uint8_t> prepare(std::size_t n) override;
    void commit(std::size_t n) noexcept override;
    void send_file(std::shared_ptr<const unique_fd> file, std::uint64_t offset,
                   std::uint64_t length) override;
    [[nodiscard]] std::size_t room() const noexcept override;
    [[nodiscard]] std::uint64_t queued() const noexcept override { return out_.size() + queued_after_; }
    void set_deadline(std::chrono::milliseconds after) noexcept override;
    void clear_deadline() noexcept override;
    void want_writable(bool on) noexcept override { want_writable_ = on; }
    void close() noexcept override { closing_ = true; }
    [[nodiscard]] const endpoint& peer() const noexcept override { return peer_; }
    [[nodiscard]] const endpoint& local() const noexcept override { return local_; }

private:
    /// A file region and the bytes queued after it (before the next region).
    struct file_part {
        std::shared_ptr<const unique_fd> file;
        std::uint64_t offset = 0;
        std::uint64_t left = 0;
        byte_buffer after;
    };

    void flush() noexcept;
    /// Sends from the front file region within `budget` bytes (decreased); false when the socket is full,
    /// the budget is spent or the connection ended.
    bool send_front_file(std::uint64_t& budget) noexcept;
    void finish(close_reason why) noexcept;
    template <class F>
    void guarded(F&& f) noexcept;

    socket sock_;
    endpoint peer_;
    endpoint local_;
    std::unique_ptr<stream_handler> handler_;
    buffer out_;                      // bytes before the first file region
    std::deque<file_part> files_;     // file regions in order, each with the bytes that follow it
    std::uint64_t queued_after_ = 0;  // file bytes left plus `after` bytes, over every part
    std::size_t prepared_at_ = 0;     // prepare() into files_.back().after: where the span starts
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
    bool deadline_changed_ = false;
    std::optional<clock::time_point> deadline_;
};

}  // namespace sockit::serve::detail
