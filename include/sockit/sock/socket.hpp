// SPDX-License-Identifier: MIT
// socket: an owned socket descriptor with result-returning operations (socket(2), bind, listen, accept,
// connect with or without a timeout, send/recv, sendto/recvfrom, shutdown, options), MSG_NOSIGNAL always.
#pragma once

#include <sys/socket.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/socket_option.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {

/// Which direction(s) shutdown() closes.
enum class shutdown_mode { read = SHUT_RD, write = SHUT_WR, both = SHUT_RDWR };

/// How accept() and recvfrom() report an IPv4 peer of a dual-stack IPv6 socket: as 127.0.0.1 (unmapped,
/// the default) or as the kernel gives it (::ffff:127.0.0.1).
enum class peer_form { unmapped, as_is };

struct connection;
struct datagram;

/// Owns one socket descriptor (close-on-exec). Move-only; closing on destruction.
///
/// EINTR policy: a call that has transferred nothing yet (accept, recv, recvfrom, send, sendto, poll waits)
/// reports a signal as std::errc::interrupted, so that a handler installed without SA_RESTART (see
/// scoped_sigaction) can stop a blocking call; with the default dispositions this never happens. A call
/// that is part-way through (connect, send_all) finishes its work instead: connect never leaves a
/// half-made connection behind, send_all never loses track of what it wrote.
///
/// Thread affinity: none; the usual kernel rules apply to concurrent calls on one descriptor.
class socket {
public:
    socket() noexcept = default;
    /// Adopts a descriptor that is a socket.
    explicit socket(unique_fd fd) noexcept : fd_(std::move(fd)) {}

    /// socket(2) with SOCK_CLOEXEC added (`type` may also carry SOCK_NONBLOCK). Errors: EAFNOSUPPORT,
    /// EPROTONOSUPPORT, EMFILE, ENFILE, ENOBUFS, EACCES (raw sockets). Does not block.
    static result<socket> open(int family, int type, int protocol = 0) noexcept;
    /// A connected pair (socketpair(2), close-on-exec), by default AF_UNIX. Errors as open().
    static result<std::pair<socket, socket>> pair(int type, int family = AF_UNIX) noexcept;

    /// The descriptor, still owned (-1 when closed).
    [[nodiscard]] int fd() const noexcept { return fd_.get(); }
    [[nodiscard]] bool is_open() const noexcept { return fd_.is_open(); }
    explicit operator bool() const noexcept { return is_open(); }
    /// Gives up ownership of the descriptor.
    [[nodiscard]] unique_fd release() noexcept { return std::move(fd_); }
    /// Closes now (idempotent).
    void close() noexcept { fd_.reset(); }

    /// bind(2). Errors: EADDRINUSE, EACCES (privileged port), EADDRNOTAVAIL, EINVAL (already bound). Never
    /// blocks.
    result<void> bind(const endpoint& local) noexcept;
    /// listen(2) with `backlog` (the kernel caps it at net.core.somaxconn). Never blocks.
    result<void> listen(int backlog = SOMAXCONN) noexcept;
    /// accept4(2): the new socket (close-on-exec; `flags` may add SOCK_NONBLOCK) and the peer, unmapped
    /// unless asked. Blocks on a blocking socket; EAGAIN on a non-blocking one with nothing pending;
    /// std::errc::interrupted on a signal. Errors also: EMFILE, ENFILE, ECONNABORTED.
    result<connection> accept(peer_form form = peer_form::unmapped, int flags = SOCK_CLOEXEC) noexcept;

    /// connect(2), blocking until established or failed. A signal mid-connect does not abandon the
    /// half-open attempt: the call waits for its outcome with poll and reads SO_ERROR, so on success the
    /// connection is whole. On a non-blocking socket returns EINPROGRESS like connect(2). Errors:
    /// ECONNREFUSED, ETIMEDOUT, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL, ...
    result<void> connect(const endpoint& remote) noexcept;
    /// connect with a deadline: non-blocking connect, poll for writability, SO_ERROR; the socket's
    /// blocking mode is restored afterwards. std::errc::timed_out when `timeout` elapses (the attempt is
    /// then abandoned; close the socket). Signals are absorbed (the deadline stays). Blocks up to `timeout`.
    result<void> connect(const endpoint& remote, std::chrono::milliseconds timeout) noexcept;
    /// Starts a connect without waiting (the socket should be non-blocking): true when already connected,
    /// false when in progress (wait for writability, then call finish_connect()). Errors: as connect(2).
    result<bool> begin_connect(const endpoint& remote) noexcept;
    /// Completes a begun connect once the socket polled writable: the SO_ERROR outcome as an error.
    result<void> finish_connect() noexcept;

    /// send(2) with MSG_NOSIGNAL (a closed peer gives EPIPE, never SIGPIPE): the bytes accepted, possibly
    /// fewer than given. Blocks on a blocking socket when the send buffer is full; EAGAIN on a non-blocking
    /// one.
    result<std::size_t> send(bytes_view data, int flags = 0) noexcept;
    /// Sends every byte: loops over partial writes, retries EINTR, and on a non-blocking socket waits for
    /// writability with poll. On error, `*sent` (when given) holds how many bytes went out before it.
    /// Blocks until done or failed.
    result<void> send_all(bytes_view data, std::size_t* sent = nullptr, int flags = 0) noexcept;
    /// recv(2): the bytes read; 0 means the peer shut down its side (stream) or an empty datagram.
    /// Blocking as the socket is; EAGAIN when non-blocking and nothing is there.
    result<std::size_t> recv(std::span<std::uint8_t> buffer, int flags = 0) noexcept;
    /// sendto(2) with MSG_NOSIGNAL: the bytes sent (a whole datagram or an error such as EMSGSIZE).
    result<std::size_t> sendto(bytes_view data, const endpoint& remote, int flags = 0) noexcept;
    /// recvmsg(2): one datagram into `buffer`, its sender (unmapped unless asked) and whether it was
    /// longer than the buffer (the rest is discarded by the kernel). Blocking as the socket is.
    result<datagram> recvfrom(std::span<std::uint8_t> buffer, int flags = 0,
                              peer_form form = peer_form::unmapped) noexcept;
    /// shutdown(2). Errors: ENOTCONN. Never blocks.
    result<void> shutdown(shutdown_mode how) noexcept;

    /// Sets or clears O_NONBLOCK. Never blocks.
    result<void> set_non_blocking(bool on) noexcept;
    /// Whether O_NONBLOCK is set.
    [[nodiscard]] result<bool> is_non_blocking() const noexcept;
    /// Waits until readable (or error/hang-up) or the timeout passes (forever when nullopt): true when
    /// ready, false on timeout; std::errc::interrupted on a signal.
    result<bool> wait_readable(std::optional<std::chrono::milliseconds> timeout) const noexcept;
    /// Waits until writable (or error/hang-up); as wait_readable.
    result<bool> wait_writable(std::optional<std::chrono::milliseconds> timeout) const noexcept;

    /// getsockname(2): the local address (the port the kernel chose after bind to port 0).
    [[nodiscard]] result<endpoint> local_endpoint() const noexcept;
    /// getpeername(2): the connected peer, as the kernel reports it. ENOTCONN when not connected.
    [[nodiscard]] result<endpoint> peer_endpoint() const noexcept;
    /// SO_DOMAIN: AF_INET, AF_INET6, AF_UNIX, ...
    [[nodiscard]] result<int> family() const noexcept;
    /// SO_TYPE: SOCK_STREAM, SOCK_DGRAM, ...
    [[nodiscard]] result<int> type() const noexcept;
    /// SO_ERROR: the pending asynchronous error (cleared by reading it); an empty error_code when none.
    [[nodiscard]] result<std::error_code> pending_error() noexcept;

    /// Sets a typed option: s.set(opt::no_delay{true}). Errors: ENOPROTOOPT for an option the socket's
    /// protocol lacks, EINVAL for an out-of-range value. Never blocks.
    template <class Option>
    result<void> set(const Option& option) noexcept {
        using codec = socket_option_codec<typename Option::value_type>;
        typename codec::raw_type raw{};
        if (!codec::encode(option.value, raw)) return fail(std::make_error_code(std::errc::invalid_argument));
        return set_raw_option(Option::level, Option::name, &raw, sizeof raw);
    }
    /// Reads a typed option back: s.get<opt::no_delay>(). Errors as set().
    template <class Option>
    [[nodiscard]] result<typename Option::value_type> get() const noexcept {
        using codec = socket_option_codec<typename Option::value_type>;
        typename codec::raw_type raw{};
        auto size = get_raw_option(Option::level, Option::name, &raw, sizeof raw);
        if (!size) return fail(size.error());
        return codec::decode(raw);
    }
    /// setsockopt(2) for options without a typed wrapper.
    result<void> set_raw_option(int level, int name, const void* value, socklen_t size) noexcept;
    /// getsockopt(2) into `value` (capacity `size`): the size the kernel wrote.
    result<socklen_t> get_raw_option(int level, int name, void* value, socklen_t size) const noexcept;

private:
    unique_fd fd_;
};

/// A socket connected to a peer: what accept() and the connect helpers return.
struct connection {
    socket sock;
    endpoint peer;
};

/// One datagram received by recvfrom().
struct datagram {
    std::size_t size = 0;    ///< bytes stored in the buffer
    endpoint from;           ///< the sender
    bool truncated = false;  ///< the datagram was longer than the buffer (MSG_TRUNC)
};

}  // namespace sockit
