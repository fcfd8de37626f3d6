// SPDX-License-Identifier: MIT
// socket: the system calls behind each operation, with the EINTR and partial-write rules of socket.hpp.
#include "sockit/sock/socket.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "sockit/sys/poll_until.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit {
namespace {

using clock = sys::steady_clock;

int to_poll_timeout(std::optional<std::chrono::milliseconds> timeout) noexcept {
    if (!timeout) return -1;
    auto ms = timeout->count();
    if (ms < 0) return 0;
    return ms > 1'000'000'000 ? 1'000'000'000 : static_cast<int>(ms);
}

result<bool> wait_for(int fd, short events, std::optional<std::chrono::milliseconds> timeout) noexcept {
    pollfd p{fd, events, 0};
    int rc = ::poll(&p, 1, to_poll_timeout(timeout));
    if (rc < 0) return fail(last_error());
    return rc > 0;
}

}  // namespace

result<socket> socket::open(int family, int type, int protocol) noexcept {
    int fd = ::socket(family, type | SOCK_CLOEXEC, protocol);
    if (fd < 0) return fail(last_error());
    return socket(unique_fd(fd));
}

result<std::pair<socket, socket>> socket::pair(int type, int family) noexcept {
    int fds[2];
    if (::socketpair(family, type | SOCK_CLOEXEC, 0, fds) != 0) return fail(last_error());
    return std::pair<socket, socket>(socket(unique_fd(fds[0])), socket(unique_fd(fds[1])));
}

result<void> socket::bind(const endpoint& local) noexcept {
    if (::bind(fd(), local.data(), local.size()) != 0) return fail(last_error());
    return {};
}

result<void> socket::listen(int backlog) noexcept {
    if (::listen(fd(), backlog) != 0) return fail(last_error());
    return {};
}

result<connection> socket::accept(peer_form form, int flags) noexcept {
    endpoint peer;
    socklen_t size = endpoint::capacity();
    int client = ::accept4(fd(), peer.data(), &size, flags | SOCK_CLOEXEC);
    if (client < 0) return fail(last_error());
    peer.resize(size);
    return connection{socket(unique_fd(client)), form == peer_form::unmapped ? peer.unmapped() : peer};
}

result<void> socket::connect(const endpoint& remote) noexcept {
    if (::connect(fd(), remote.data(), remote.size()) == 0) return {};
    if (errno != EINTR) return fail(last_error());
    // Interrupted: the kernel carries on with the handshake (calling connect again would give EALREADY).
    // Wait for its outcome so that the caller never holds a half-made connection (seed 002).
    for (;;) {
        pollfd p{fd(), POLLOUT, 0};
        int rc = ::poll(&p, 1, -1);
        if (rc > 0) break;
        if (rc < 0 && errno != EINTR) return fail(last_error());
    }
    return finish_connect();
}

result<void> socket::connect(const endpoint& remote, std::chrono::milliseconds timeout) noexcept {
    const auto deadline = clock::now() + timeout;
    auto was_non_blocking = is_non_blocking();
    if (!was_non_blocking) return fail(was_non_blocking.error());
    if (!*was_non_blocking) {
        if (auto r = set_non_blocking(true); !r) return r;
    }
    auto outcome = [&]() -> result<void> {
        auto begun = begin_connect(remote);
        if (!begun) return fail(begun.error());
        if (*begun) return {};
        pollfd p{fd(), POLLOUT, 0};
        auto ready = sys::poll_until({&p, 1}, deadline);  // signals absorbed: the deadline stays
        if (!ready) return fail(ready.error());
        if (*ready == 0) return fail(std::make_error_code(std::errc::timed_out));
        return finish_connect();
    }();
    if (!*was_non_blocking) {
        if (auto r = set_non_blocking(false); !r && outcome) return r;
    }
    return outcome;
}

result<bool> socket::begin_connect(const endpoint& remote) noexcept {
    if (::connect(fd(), remote.data(), remote.size()) == 0) return true;
    if (errno == EINPROGRESS || errno == EINTR) return false;
    return fail(last_error());
}

result<void> socket::finish_connect() noexcept {
    auto err = pending_error();
    if (!err) return fail(err.error());
    if (*err) return fail(*err);
    return {};
}

result<std::size_t> socket::send(bytes_view data, int flags) noexcept {
    ssize_t n = ::send(fd(), data.data(), data.size(), flags | MSG_NOSIGNAL);
    if (n < 0) return fail(last_error());
    return static_cast<std::size_t>(n);
}

result<void> socket::send_all(bytes_view data, std::size_t* sent, int flags) noexcept {
    std::size_t done = 0;
    auto report = [&] {
        if (sent != nullptr) *sent = done;
    };
    while (done < data.size()) {
        ssize_t n = ::send(fd(), data.data() + done, data.size() - done, flags | MSG_NOSIGNAL);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            auto ec = last_error();
            report();
            return fail(ec);
        }
        // Non-blocking socket with a full send buffer: wait until there is room.
        pollfd p{fd(), POLLOUT, 0};
        if (::poll(&p, 1, -1) < 0 && errno != EINTR) {
            auto ec = last_error();
            report();
            return fail(ec);
        }
    }
    report();
    return {};
}

result<std::size_t> socket::recv(std::span<std::uint8_t> buffer, int flags) noexcept {
    ssize_t n = ::recv(fd(), buffer.data(), buffer.size(), flags);
    if (n < 0) return fail(last_error());
    return static_cast<std::size_t>(n);
}

result<std::size_t> socket::sendto(bytes_view data, const endpoint& remote, int flags) noexcept {
    ssize_t n = ::sendto(fd(), data.data(), data.size(), flags | MSG_NOSIGNAL, remote.data(), remote.size());
    if (n < 0) return fail(last_error());
    return static_cast<std::size_t>(n);
}

result<datagram> socket::recvfrom(std::span<std::uint8_t> buffer, int flags, peer_form form) noexcept {
    endpoint from;
    iovec iov{buffer.data(), buffer.size()};
    msghdr msg{};
    msg.msg_name = from.data();
    msg.msg_namelen = endpoint::capacity();
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    ssize_t n = ::recvmsg(fd(), &msg, flags);
    if (n < 0) return fail(last_error());
    from.resize(msg.msg_namelen);
    if (msg.msg_namelen == 0) from = endpoint{};
    datagram d;
    d.size = std::min(static_cast<std::size_t>(n), buffer.size());
    d.from = form == peer_form::unmapped ? from.unmapped() : from;
    d.truncated = (msg.msg_flags & MSG_TRUNC) != 0;
    return d;
}

result<void> socket::shutdown(shutdown_mode how) noexcept {
    if (::shutdown(fd(), static_cast<int>(how)) != 0) return fail(last_error());
    return {};
}

result<void> socket::set_non_blocking(bool on) noexcept {
    int flags = ::fcntl(fd(), F_GETFL);
    if (flags < 0) return fail(last_error());
    int wanted = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    if (wanted != flags && ::fcntl(fd(), F_SETFL, wanted) != 0) return fail(last_error());
    return {};
}

result<bool> socket::is_non_blocking() const noexcept {
    int flags = ::fcntl(fd(), F_GETFL);
    if (flags < 0) return fail(last_error());
    return (flags & O_NONBLOCK) != 0;
}

result<bool> socket::wait_readable(std::optional<std::chrono::milliseconds> timeout) const noexcept {
    return wait_for(fd(), POLLIN, timeout);
}

result<bool> socket::wait_writable(std::optional<std::chrono::milliseconds> timeout) const noexcept {
    return wait_for(fd(), POLLOUT, timeout);
}

namespace {

// The address getsockname(2) or getpeername(2) reports for fd.
result<endpoint> endpoint_from(int fd, int (*get_name)(int, sockaddr*, socklen_t*)) noexcept {
    endpoint ep;
    socklen_t size = endpoint::capacity();
    if (get_name(fd, ep.data(), &size) != 0) return fail(last_error());
    ep.resize(size);
    return ep;
}

}  // namespace

result<endpoint> socket::local_endpoint() const noexcept { return endpoint_from(fd(), ::getsockname); }

result<endpoint> socket::peer_endpoint() const noexcept { return endpoint_from(fd(), ::getpeername); }

result<int> socket::family() const noexcept {
    int value = 0;
    auto r = get_raw_option(SOL_SOCKET, SO_DOMAIN, &value, sizeof value);
    if (!r) return fail(r.error());
    return value;
}

result<int> socket::type() const noexcept {
    int value = 0;
    auto r = get_raw_option(SOL_SOCKET, SO_TYPE, &value, sizeof value);
    if (!r) return fail(r.error());
    return value;
}

result<std::error_code> socket::pending_error() noexcept {
    int value = 0;
    auto r = get_raw_option(SOL_SOCKET, SO_ERROR, &value, sizeof value);
    if (!r) return fail(r.error());
    return value == 0 ? std::error_code{} : sys_error(value);
}

result<void> socket::set_raw_option(int level, int name, const void* value, socklen_t size) noexcept {
    if (::setsockopt(fd(), level, name, value, size) != 0) return fail(last_error());
    return {};
}

result<socklen_t> socket::get_raw_option(int level, int name, void* value, socklen_t size) const noexcept {
    if (::getsockopt(fd(), level, name, value, &size) != 0) return fail(last_error());
    return size;
}

}  // namespace sockit
