// SPDX-License-Identifier: MIT
// nc -u's relay: one datagram per stdin read, one write per datagram received; -l -u learns its peer.
#include "sockit/relay/datagram_relay.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "relay_common.hpp"
#include "sockit/sys/fd_flags.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::relay {
namespace {

using namespace detail;

constexpr std::size_t max_datagram = 65536;
constexpr std::size_t max_datagram_read = 65507;  // the largest UDP payload over IPv4

}  // namespace

relay_result relay_datagram(int net_fd, datagram_peer mode, const relay_settings& s, relay_state& state,
                            const peer_callback& on_peer) {
    if (auto r = sys::set_non_blocking(net_fd); !r)
        return fail(relay_failure{"set socket non-blocking", r.error()});
    const bool net_is_socket_out = is_socket(s.out_fd);
    std::vector<std::uint8_t> up(max_datagram * 2), down(max_datagram);
    std::size_t up_len = 0, down_len = 0;
    bool last_was_cr = false;
    sockaddr_storage peer{};
    socklen_t peer_len = 0;
    bool have_peer = mode == datagram_peer::connected;

    auto now = steady::now();
    auto last_activity = now;
    std::optional<steady::time_point> eof_at;
    bool up_done = s.in_fd < 0 || state.in_eof;
    if (up_done && s.in_fd >= 0) eof_at = now;
    steady::time_point up_not_before = now, down_not_before = now;

    poll_set polls;
    for (;;) {
        now = steady::now();
        auto [expired, deadline] = timeouts(s, now, eof_at, last_activity);
        if (expired) return {};
        polls.clear();
        // Read stdin only when a datagram can go somewhere: no peer yet means no reading (backpressure).
        if (!up_done && up_len == 0 && have_peer) polls.want(s.in_fd, POLLIN);
        if (up_len > 0) {
            if (now >= up_not_before)
                polls.want(net_fd, POLLOUT);
            else
                deadline = earliest(deadline, up_not_before);
        }
        if (down_len == 0)
            polls.want(net_fd, POLLIN);
        else if (now >= down_not_before)
            polls.want(s.out_fd, POLLOUT);
        else
            deadline = earliest(deadline, down_not_before);
        if (auto r = polls.wait(deadline); !r) return fail(relay_failure{"poll", r.error()});
        now = steady::now();

        if (polls.ready(s.in_fd, POLLIN)) {
            std::size_t want = s.crlf ? max_datagram_read / 2 : max_datagram_read;
            ssize_t n = ::read(s.in_fd, up.data(), want);
            if (n > 0) {
                up_len = static_cast<std::size_t>(n);
                if (s.crlf) {
                    std::vector<std::uint8_t> copy(up.begin(), up.begin() + n);
                    up_len = 0;
                    for (std::uint8_t c : copy) {
                        if (c == '\n' && !last_was_cr) up[up_len++] = '\r';
                        up[up_len++] = c;
                        last_was_cr = c == '\r';
                    }
                }
                last_activity = now;
            } else if (n == 0) {
                up_done = true;
                state.in_eof = true;
                eof_at = now;
            } else if (!would_block(errno)) {
                return fail(relay_failure{"read from stdin", last_error()});
            }
        }
        if (up_len > 0 && now >= up_not_before && polls.ready(net_fd, POLLOUT)) {
            ssize_t n = mode == datagram_peer::last_sender
                            ? ::sendto(net_fd, up.data(), up_len, MSG_NOSIGNAL,
                                       reinterpret_cast<sockaddr*>(&peer), peer_len)
                            : ::send(net_fd, up.data(), up_len, MSG_NOSIGNAL);
            if (n >= 0) {
                up_len = 0;
                last_activity = now;
                if (s.interval > 0) up_not_before = now + seconds(s.interval);
            } else if (errno == ECONNREFUSED) {
                // An ICMP error for an earlier datagram surfaced here; this one was not sent: send it again.
            } else if (!would_block(errno)) {
                return fail(relay_failure{"send datagram", last_error()});
            }
        }
        if (down_len == 0 && polls.ready(net_fd, POLLIN)) {
            sockaddr_storage from{};
            socklen_t from_len = sizeof from;
            ssize_t n = ::recvfrom(net_fd, down.data(), down.size(), 0, reinterpret_cast<sockaddr*>(&from),
                                   &from_len);
            if (n >= 0) {
                last_activity = now;
                down_len = static_cast<std::size_t>(n);
                // A Unix datagram sender that never bound has no address (just the family): nobody to answer.
                bool addressed = from_len > static_cast<socklen_t>(sizeof(sa_family_t));
                if (mode != datagram_peer::connected && addressed &&
                    (!have_peer || from_len != peer_len || std::memcmp(&from, &peer, from_len) != 0)) {
                    peer = from;
                    peer_len = from_len;
                    have_peer = true;
                    if (on_peer) on_peer(peer, peer_len);
                    if (mode == datagram_peer::first_sender) {
                        if (::connect(net_fd, reinterpret_cast<sockaddr*>(&peer), peer_len) != 0)
                            return fail(relay_failure{"connect to the first sender", last_error()});
                        mode = datagram_peer::connected;
                    }
                }
                if (down_len == 0) continue;
            } else if (errno != ECONNREFUSED && !would_block(errno)) {
                return fail(relay_failure{"receive datagram", last_error()});
            }
        }
        if (down_len > 0 && now >= down_not_before && polls.ready(s.out_fd, POLLOUT)) {
            // One write per datagram; a datagram-socket stdout keeps the boundary.
            ssize_t n = net_is_socket_out ? ::send(s.out_fd, down.data(), down_len, MSG_NOSIGNAL)
                                          : ::write(s.out_fd, down.data(), down_len);
            if (n < 0 && would_block(errno)) continue;
            if (n < 0 && errno == EPIPE) return {};
            if (n < 0) return fail(relay_failure{"write to stdout", last_error()});
            std::size_t done = static_cast<std::size_t>(n);
            if (done < down_len) {  // a stream stdout took part: keep the rest for the next round
                std::memmove(down.data(), down.data() + done, down_len - done);
                down_len -= done;
            } else {
                down_len = 0;
                if (s.interval > 0) down_not_before = now + seconds(s.interval);
            }
        }
    }
}

}  // namespace sockit::relay
