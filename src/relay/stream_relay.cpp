// SPDX-License-Identifier: MIT
// nc's stream relay: bounded, binary-safe, both directions in one sys::poll_until loop; splice(2) for the
// bulk path.
#include "sockit/relay/stream_relay.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <vector>

#include "relay_common.hpp"
#include "sockit/sys/fd_flags.hpp"
#include "sockit/sys/sys_error.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::relay {
namespace {

using namespace detail;

constexpr std::size_t copy_buffer_size = 128 * 1024;
constexpr int wanted_pipe_size = 1 << 20;  // the unprivileged limit (/proc/sys/fs/pipe-max-size) by default

/// Whether splice(2) may work on fd: pipes, regular files (not O_APPEND), sockets, and character devices
/// other than terminals (/dev/null). A refusal at run time (EINVAL) still falls back to read/write.
bool may_splice(int fd) {
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) return false;
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_APPEND) != 0) return false;
    if (S_ISCHR(st.st_mode)) return isatty(fd) == 0;
    return S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode);
}

enum class io { progress, again, eof, error };

/// One direction of a stream relay: src → (pipe | buffer) → dst, never holding more than one pipe or buffer.
class direction {
public:
    direction(int src, int dst, bool try_splice, bool src_nonblocking, bool dst_nonblocking)
        : src_(src),
          dst_(dst),
          src_nonblocking_(src_nonblocking),
          dst_nonblocking_(dst_nonblocking),
          dst_socket_(is_socket(dst)) {
        if (try_splice) {
            int p[2];
            if (pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0) {
                pipe_read_.reset(p[0]);
                pipe_write_.reset(p[1]);
                int size = fcntl(p[1], F_SETPIPE_SZ, wanted_pipe_size);
                if (size < 0) size = fcntl(p[1], F_GETPIPE_SZ);
                pipe_capacity_ = size > 0 ? static_cast<std::size_t>(size) : 65536;
                splice_ = true;
            }
        }
        if (!splice_) buffer_.resize(copy_buffer_size);
    }

    void set_crlf(bool on) { crlf_ = on; }
    void set_line_mode(bool on) { line_mode_ = on; }
    [[nodiscard]] bool uses_splice() const { return splice_; }
    [[nodiscard]] int src() const { return src_; }
    [[nodiscard]] int dst() const { return dst_; }
    [[nodiscard]] bool eof() const { return eof_; }
    [[nodiscard]] std::size_t pending() const { return in_pipe_ + (tail_ - head_); }
    [[nodiscard]] bool finished() const { return eof_ && pending() == 0; }
    [[nodiscard]] bool src_nonblocking() const { return src_nonblocking_; }
    [[nodiscard]] bool dst_nonblocking() const { return dst_nonblocking_ || splice_; }
    void mark_eof() { eof_ = true; }
    /// Makes room at the end of the buffer (copy mode) before a read.
    void prepare() {
        if (!splice_ && tail_ == buffer_.size()) compact();
    }
    int last_errno = 0;  ///< errno of the last io::error

    [[nodiscard]] bool wants_read() const {
        if (eof_ || src_ < 0) return false;
        return splice_ ? in_pipe_ < pipe_capacity_ : space() > 0;
    }

    /// Moves what src has into the pipe or buffer (call only when src is readable or non-blocking).
    io fill() {
        if (splice_) {
            ssize_t n = ::splice(src_, nullptr, pipe_write_.get(), nullptr, pipe_capacity_ - in_pipe_,
                                 SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            if (n > 0) {
                in_pipe_ += static_cast<std::size_t>(n);
                return io::progress;
            }
            if (n == 0) {
                eof_ = true;
                return io::eof;
            }
            if (would_block(errno)) return io::again;
            if (errno != EINVAL && errno != ENOSYS) return failed(errno);
            if (!to_copy_mode()) return io::error;  // src can't splice: go on with read/write
        }
        std::size_t room = space();
        if (room == 0) return io::again;
        if (crlf_) room /= 2;  // every byte may become two
        if (room == 0) return io::again;
        ssize_t n = ::read(src_, buffer_.data() + tail_, room);
        if (n > 0) {
            std::size_t got = static_cast<std::size_t>(n);
            if (crlf_)
                expand_crlf(got);
            else
                tail_ += got;
            return io::progress;
        }
        if (n == 0) {
            eof_ = true;
            return io::eof;
        }
        return would_block(errno) ? io::again : failed(errno);
    }

    /// Moves pending bytes to dst (call only when dst is writable or non-blocking). In line mode (-i) at
    /// most one line goes per call.
    io drain() {
        if (splice_ && in_pipe_ > 0) {
            ssize_t n = ::splice(pipe_read_.get(), nullptr, dst_, nullptr, in_pipe_,
                                 SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            if (n > 0) {
                in_pipe_ -= static_cast<std::size_t>(n);
                return io::progress;
            }
            if (n < 0 && would_block(errno)) return io::again;
            if (n < 0 && errno != EINVAL && errno != ENOSYS) return failed(errno);
            if (!to_copy_mode()) return io::error;  // dst can't splice
        }
        if (tail_ == head_) return io::again;
        std::size_t len = tail_ - head_;
        if (line_mode_) {
            const auto* begin = buffer_.data() + head_;
            const auto* nl = static_cast<const std::uint8_t*>(std::memchr(begin, '\n', len));
            if (nl != nullptr) len = static_cast<std::size_t>(nl - begin) + 1;
        }
        ssize_t n = dst_socket_ ? ::send(dst_, buffer_.data() + head_, len, MSG_NOSIGNAL)
                                : ::write(dst_, buffer_.data() + head_, len);
        if (n > 0) {
            head_ += static_cast<std::size_t>(n);
            if (head_ == tail_) head_ = tail_ = 0;
            return io::progress;
        }
        if (n < 0 && would_block(errno)) return io::again;
        return failed(n < 0 ? errno : EIO);
    }

private:
    io failed(int err) {
        last_errno = err;
        return io::error;
    }

    [[nodiscard]] std::size_t space() const {
        if (splice_) return 0;
        return buffer_.size() - tail_;  // contiguous room; prepare() compacts when the end is reached
    }

    void compact() {
        if (head_ == 0) return;
        std::memmove(buffer_.data(), buffer_.data() + head_, tail_ - head_);
        tail_ -= head_;
        head_ = 0;
    }

    /// -C: copies the got bytes just read at tail_ while turning a lone LF into CR LF.
    void expand_crlf(std::size_t got) {
        std::vector<std::uint8_t> in(buffer_.begin() + static_cast<std::ptrdiff_t>(tail_),
                                     buffer_.begin() + static_cast<std::ptrdiff_t>(tail_ + got));
        for (std::uint8_t c : in) {
            if (c == '\n' && !last_was_cr_) buffer_[tail_++] = '\r';
            buffer_[tail_++] = c;
            last_was_cr_ = c == '\r';
        }
    }

    /// Leaves splice mode for read/write, first moving what the pipe holds into the buffer.
    bool to_copy_mode() {
        splice_ = false;
        buffer_.resize(std::max(copy_buffer_size, in_pipe_ * 2 + 1));
        while (in_pipe_ > 0) {
            ssize_t n = ::read(pipe_read_.get(), buffer_.data() + tail_, in_pipe_);
            if (n <= 0) {
                if (n < 0 && errno == EINTR) continue;
                last_errno = n < 0 ? errno : EIO;
                return false;
            }
            tail_ += static_cast<std::size_t>(n);
            in_pipe_ -= static_cast<std::size_t>(n);
        }
        pipe_read_.reset();
        pipe_write_.reset();
        return true;
    }

    int src_;
    int dst_;
    bool src_nonblocking_;
    bool dst_nonblocking_;
    bool dst_socket_;
    bool splice_ = false;
    bool crlf_ = false;
    bool last_was_cr_ = false;
    bool line_mode_ = false;
    bool eof_ = false;
    unique_fd pipe_read_;
    unique_fd pipe_write_;
    std::size_t pipe_capacity_ = 0;
    std::size_t in_pipe_ = 0;
    std::vector<std::uint8_t> buffer_;
    std::size_t head_ = 0;
    std::size_t tail_ = 0;
};

bool peer_gone(int err) { return err == EPIPE || err == ECONNRESET; }

}  // namespace

relay_result relay_stream(int net_fd, const relay_settings& s, relay_state& state) {
    if (auto r = sys::set_non_blocking(net_fd); !r)
        return fail(relay_failure{"set socket non-blocking", r.error()});
    const bool in_tty = s.in_fd >= 0 && isatty(s.in_fd) != 0;

    // -C and -i need to see the bytes, so those directions copy through a buffer.
    direction up(s.in_fd, net_fd, s.allow_splice && !s.crlf && s.interval <= 0 && may_splice(s.in_fd), false,
                 true);
    direction down(net_fd, s.out_fd, s.allow_splice && s.interval <= 0 && may_splice(s.out_fd), true, false);
    up.set_crlf(s.crlf);
    up.set_line_mode(s.interval > 0);

    auto now = steady::now();
    auto last_activity = now;
    std::optional<steady::time_point> eof_at;
    steady::time_point up_not_before = now, down_not_before = now;
    bool up_closed = false;  // shutdown done (or not wanted) after stdin's end

    auto finish_up = [&]() -> relay_result {
        if (up_closed) return {};
        up_closed = true;
        eof_at = steady::now();
        if (s.in_fd >= 0) state.in_eof = true;
        if (s.shutdown_on_eof && ::shutdown(net_fd, SHUT_WR) != 0 && errno != ENOTCONN)
            return fail(relay_failure{"shutdown", last_error()});
        return {};
    };

    if (s.in_fd < 0) {
        up.mark_eof();
        up_closed = true;  // -d: nothing to send, but no EOF to announce either
    } else if (state.in_eof) {
        up.mark_eof();  // a later client of -l -k: stdin is already at its end
    }

    poll_set polls;
    for (;;) {
        now = steady::now();
        if (up.finished() && !up_closed)
            if (auto r = finish_up(); !r) return r;
        if (up.finished() && down.finished()) return {};
        if (down.finished() && (s.in_fd < 0 || in_tty)) return {};  // nobody will type to a closed peer
        auto [expired, deadline] = timeouts(s, now, eof_at, last_activity);
        if (expired) return {};

        polls.clear();
        up.prepare();
        down.prepare();
        if (up.wants_read()) polls.want(up.src(), POLLIN);
        if (down.wants_read()) polls.want(down.src(), POLLIN);
        if (up.pending() > 0) {
            if (now >= up_not_before)
                polls.want(up.dst(), POLLOUT);
            else
                deadline = earliest(deadline, up_not_before);
        }
        if (down.pending() > 0) {
            if (now >= down_not_before)
                polls.want(down.dst(), POLLOUT);
            else
                deadline = earliest(deadline, down_not_before);
        }
        if (auto r = polls.wait(deadline); !r) return fail(relay_failure{"poll", r.error()});
        now = steady::now();

        // stdin → network
        if (polls.ready(up.src(), POLLIN)) {
            switch (up.fill()) {
                case io::progress: last_activity = now; break;
                case io::error: return fail(relay_failure{"read from stdin", sys_error(up.last_errno)});
                default: break;
            }
        }
        if (up.pending() > 0 && now >= up_not_before) {
            switch (up.drain()) {
                case io::progress:
                    last_activity = now;
                    if (s.interval > 0) up_not_before = now + seconds(s.interval);
                    break;
                case io::error:
                    if (peer_gone(up.last_errno) && down.eof()) {
                        // The peer closed completely after its EOF: it wants no more, which is not an error.
                        return {};
                    }
                    return fail(relay_failure{"write to network", sys_error(up.last_errno)});
                default: break;
            }
        }

        // network → stdout
        if (polls.ready(down.src(), POLLIN)) {
            switch (down.fill()) {
                case io::progress: last_activity = now; break;
                case io::error:
                    if (down.last_errno == ECONNRESET && up.finished()) {
                        down.mark_eof();  // reset after we said all we had: the peer is simply gone
                        break;
                    }
                    return fail(relay_failure{"read from network", sys_error(down.last_errno)});
                default: break;
            }
        }
        if (down.pending() > 0 && now >= down_not_before &&
            (down.dst_nonblocking() || polls.ready(down.dst(), POLLOUT))) {
            switch (down.drain()) {
                case io::progress:
                    last_activity = now;
                    if (s.interval > 0) down_not_before = now + seconds(s.interval);
                    break;
                case io::error:
                    if (down.last_errno == EPIPE) return {};  // stdout's reader left (| head): stop quietly
                    return fail(relay_failure{"write to stdout", sys_error(down.last_errno)});
                default: break;
            }
        }
    }
}

}  // namespace sockit::relay
