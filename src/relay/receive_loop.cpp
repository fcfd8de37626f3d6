// SPDX-License-Identifier: MIT
// receive_loop: waits on the socket and the stop descriptor with sys::poll_until; one message per datagram
// or per connection.
#include "sockit/relay/receive_loop.hpp"

#include <poll.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sockit/sys/poll_until.hpp"

namespace sockit::relay {
namespace {

bool transient(const std::error_code& ec) {
    // A client that gave up before accept, or a spurious wakeup: keep serving.
    return ec == std::errc::resource_unavailable_try_again || ec == std::errc::connection_aborted ||
           ec == std::errc::interrupted || ec == std::errc::connection_refused;
}

/// Waits until `fd` is readable: true; false when the stop descriptor is (stop asked).
result<bool> wait_readable(int fd, int stop_fd) {
    std::array<pollfd, 2> p{pollfd{fd, POLLIN, 0}, pollfd{stop_fd, POLLIN, 0}};
    auto n = sys::poll_until(std::span<pollfd>(p.data(), stop_fd >= 0 ? 2 : 1), std::nullopt);
    if (!n) return fail(n.error());
    return !(stop_fd >= 0 && p[1].revents != 0);
}

}  // namespace

result<void> receive_messages(socket& listener, const receive_options& options, const message_sink& sink) {
    std::vector<std::uint8_t> buf(options.read_size);
    std::string message;
    for (;;) {
        auto go = wait_readable(listener.fd(), options.stop_fd);
        if (!go) return fail(go.error());
        if (!*go) return {};
        if (options.datagram) {
            auto d = listener.recvfrom(buf, MSG_DONTWAIT, options.form);
            if (!d) {
                if (transient(d.error())) continue;
                return fail(d.error());
            }
            received_message m{d->from, {reinterpret_cast<const char*>(buf.data()), d->size}, {}};
            if (!sink(m)) return {};
            continue;
        }
        auto c = listener.accept(options.form);
        if (!c) {
            if (transient(c.error())) continue;
            return fail(c.error());
        }
        message.clear();
        std::error_code cut;
        for (;;) {
            auto ready = wait_readable(c->sock.fd(), options.stop_fd);
            if (!ready) return fail(ready.error());
            if (!*ready) return {};
            auto n = c->sock.recv(buf, MSG_DONTWAIT);
            if (!n) {
                if (n.error() == std::errc::resource_unavailable_try_again ||
                    n.error() == std::errc::interrupted)
                    continue;
                cut = n.error();
                break;
            }
            if (*n == 0) break;
            message.append(reinterpret_cast<const char*>(buf.data()), *n);
            if (message.size() >= options.max_message) break;  // keep memory bounded for one message
        }
        if (!sink(received_message{c->peer, message, cut})) return {};
    }
}

}  // namespace sockit::relay
