// SPDX-License-Identifier: MIT
// stream_connection: one TCP connection's state machine, shared by every concurrency model.
#include "stream_connection.hpp"

#include <sys/sendfile.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <system_error>

namespace sockit::serve::detail {
namespace {

// One receive buffer per thread: reading never allocates, whatever the number of connections.
constexpr std::size_t scratch_size = 64 * 1024;
thread_local std::array<std::uint8_t, scratch_size> scratch;

// Reads per readiness report: enough to drain a burst, few enough that one busy peer cannot starve the
// others of the same loop (level-triggered polling reports it again).
constexpr int max_reads_per_wakeup = 4;

bool would_block(const std::error_code& ec) noexcept {
    return ec == std::errc::resource_unavailable_try_again || ec == std::errc::operation_would_block ||
           ec == std::errc::interrupted;
}

// The output buffer keeps its storage between messages (no allocation per echo), but gives back a large
// block once it drains, so that a burst does not pin memory on an idle connection.
constexpr std::size_t keep_capacity = 16 * 1024;

// File bytes one flush may send before it lets the other connections of the loop have a turn: a fast
// reader on loopback could otherwise keep one flush going for a whole large file. The socket stays
// writable and the level-triggered poller reports it again.
constexpr std::uint64_t file_bytes_per_flush = 1024 * 1024;

}  // namespace

stream_connection::stream_connection(socket sock, endpoint peer, endpoint local,
                                     std::unique_ptr<stream_handler> handler, std::size_t max_output) noexcept
    : sock_(std::move(sock)),
      peer_(peer),
      local_(local),
      handler_(std::move(handler)),
      out_(max_output),
      max_output_(max_output) {}

stream_connection::~stream_connection() = default;

template <class F>
void stream_connection::guarded(F&& f) noexcept {
    try {
        f();
    } catch (...) {
        // A handler that throws (std::bad_alloc, a bug) costs its own connection only.
        finish(close_reason::error);
    }
}

void stream_connection::start() {
    guarded([&] { handler_->on_connect(*this); });
    flush();
}

void stream_connection::on_readable() {
    for (int i = 0; i < max_reads_per_wakeup && !finished_ && !read_eof_ && !closing_; ++i) {
        std::size_t limit = room();
        if (limit == 0) break;  // backpressure: the peer reads slower than it writes
        if (limit > scratch_size) limit = scratch_size;
        auto got = sock_.recv(std::span<std::uint8_t>(scratch.data(), limit));
        if (!got) {
            if (!would_block(got.error())) finish(close_reason::peer_reset);
            break;
        }
        if (*got == 0) {
            read_eof_ = true;
            guarded([&] { handler_->on_close(*this); });
            break;
        }
        bytes_in_ += *got;
        progress_ = true;
        guarded([&] { handler_->on_data(*this, bytes_view(scratch.data(), *got)); });
        flush();
        if (*got < limit) break;  // drained for now
    }
    flush();
}

void stream_connection::on_writable() {
    flush();
    if (finished_ || closing_ || !want_writable_ || queued() != 0) return;
    // Only once the queue drained: a generator refills a socket that is taking data, nothing more.
    guarded([&] { handler_->on_writable(*this); });
    flush();
}

io_mask stream_connection::interest() const noexcept {
    if (finished_) return io_mask::none;
    io_mask m = io_mask::none;
    if (!read_eof_ && !closing_ && queued() < max_output_) m |= io_mask::readable;
    if (queued() != 0 || (want_writable_ && !closing_)) m |= io_mask::writable;
    return m;
}

void stream_connection::flush() noexcept {
    std::uint64_t budget = file_bytes_per_flush;
    while (!finished_) {
        if (!out_.empty()) {
            // MSG_MORE when a file region follows: the head and the file's first bytes share a segment.
            auto sent = sock_.send(out_.peek(), files_.empty() ? 0 : MSG_MORE);
            if (!sent) {
                if (!would_block(sent.error())) finish(close_reason::peer_reset);
                return;
            }
            out_.consume(*sent);
            bytes_out_ += *sent;
            progress_ = true;
            continue;
        }
        if (files_.empty()) break;
        if (budget == 0 || !send_front_file(budget)) return;
    }
    if (finished_) return;
    if (out_.capacity() > keep_capacity) out_.shrink_if_empty();
    if (closing_) finish(close_reason::done);
    // A peer that closed its side while we had nothing to say and no generator: nothing left to do.
    else if (read_eof_ && !want_writable_)
        finish(close_reason::done);
}

bool stream_connection::send_front_file(std::uint64_t& budget) noexcept {
    file_part& f = files_.front();
    while (f.left > 0) {
        if (budget == 0) return false;
        auto off = static_cast<off_t>(f.offset);
        const auto want = static_cast<std::size_t>(std::min(f.left, budget));
        const ssize_t n = ::sendfile(sock_.fd(), f.file->get(), &off, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
            finish(errno == EPIPE || errno == ECONNRESET ? close_reason::peer_reset : close_reason::error);
            return false;
        }
        if (n == 0) {
            // The file ended before the region: it shrank after the handler announced its length. The
            // peer must not take what follows for the rest of this body.
            finish(close_reason::error);
            return false;
        }
        const auto sent = static_cast<std::uint64_t>(n);
        f.offset += sent;
        f.left -= sent;
        queued_after_ -= sent;
        bytes_out_ += sent;
        budget -= sent;
        progress_ = true;
    }
    // The region is sent: the bytes queued after it come next.
    try {
        out_.append(bytes_view(f.after));
    } catch (...) {
        finish(close_reason::error);
        return false;
    }
    queued_after_ -= f.after.size();
    files_.pop_front();
    return true;
}

void stream_connection::finish(close_reason why) noexcept {
    if (finished_) return;
    finished_ = true;
    reason_ = why;
    // Send FIN before close, so a client that sent more than we read still sees the reply end cleanly.
    if (why == close_reason::done) (void)sock_.shutdown(shutdown_mode::write);
}

void stream_connection::abort(close_reason why) noexcept { finish(why); }

connection_record stream_connection::record(std::string_view service) const {
    connection_record r;
    r.service = service;
    r.peer = peer_;
    r.bytes_in = bytes_in_;
    r.bytes_out = bytes_out_;
    r.duration = clock::now() - started_;
    r.reason = reason_;
    return r;
}

void stream_connection::write(bytes_view data) {
    if (files_.empty()) {
        out_.append(data);
        return;
    }
    auto& after = files_.back().after;
    after.insert(after.end(), data.begin(), data.end());
    queued_after_ += data.size();
}

std::span<std::uint8_t> stream_connection::prepare(std::size_t n) {
    if (files_.empty()) return out_.prepare(n);
    auto& after = files_.back().after;
    prepared_at_ = after.size();
    after.resize(prepared_at_ + n);
    return {after.data() + prepared_at_, n};
}

void stream_connection::commit(std::size_t n) noexcept {
    if (files_.empty()) {
        out_.commit(n);
        return;
    }
    files_.back().after.resize(prepared_at_ + n);  // shrinking: never allocates, never throws
    queued_after_ += n;
}

void stream_connection::send_file(std::shared_ptr<const unique_fd> file, std::uint64_t offset,
                                  std::uint64_t length) {
    if (length == 0) return;
    files_.push_back(file_part{std::move(file), offset, length, {}});
    queued_after_ += length;
}

std::size_t stream_connection::room() const noexcept {
    const std::uint64_t q = queued();
    return q >= max_output_ ? 0 : static_cast<std::size_t>(max_output_ - q);
}

void stream_connection::set_deadline(std::chrono::milliseconds after) noexcept {
    deadline_ = clock::now() + after;
    deadline_changed_ = true;
}

void stream_connection::clear_deadline() noexcept {
    if (!deadline_) return;
    deadline_.reset();
    deadline_changed_ = true;
}

}  // namespace sockit::serve::detail
