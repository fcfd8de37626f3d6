// SPDX-License-Identifier: MIT
// `sockit nc`'s relay: a poll loop moving bytes between stdin/stdout and a socket (splice(2) when it can).
#pragma once

#include <sys/socket.h>

#include <functional>
#include <optional>
#include <string>
#include <system_error>

#include "sockit/core/result.hpp"

namespace sockit::cli {

/// How a relay moves data and when it stops (nc's -C, -i, -w, -q, -d, --no-shutdown).
struct relay_settings {
    int in_fd = 0;   ///< data to send; -1 for -d (nothing is read)
    int out_fd = 1;  ///< where received data goes
    bool crlf = false;                     ///< -C: LF not preceded by CR becomes CR LF on the way out
    double interval = 0;                   ///< -i: seconds between lines sent and between chunks received
    std::optional<double> idle_timeout;    ///< -w: stop after this long without traffic either way
    std::optional<double> quit_after_eof;  ///< -q: stop this long after stdin EOF (unset: wait for the peer)
    bool shutdown_on_eof = true;           ///< stream sockets: shutdown(SHUT_WR) once stdin is drained
    bool allow_splice = true;              ///< use splice(2) through a pipe where both ends support it
};

/// State that outlives one connection of `-l -k`: stdin read to its end stays at its end.
struct relay_state {
    bool in_eof = false;
};

/// What failed (e.g. "write to network") and why.
struct relay_failure {
    std::string what;
    std::error_code why;
};

using relay_result = result<void, relay_failure>;

/// Relays between settings.in_fd/out_fd and a connected stream socket until both directions are done:
/// stdin EOF → (queue drained) shutdown(SHUT_WR) → read until the peer's EOF. When stdin is a terminal the
/// peer's EOF alone ends the session. Buffers are bounded (one pipe or one 128 KiB buffer per direction);
/// net_fd is switched to non-blocking, stdin/stdout are left as they are. Blocks until done; returns a
/// failure for I/O errors other than the peer going away after its EOF, or a closed stdout.
relay_result relay_stream(int net_fd, const relay_settings& settings, relay_state& state);

/// Who a datagram relay sends to.
enum class datagram_peer {
    connected,     ///< net_fd is connected: send()/recv()
    first_sender,  ///< -l -u: connect to whoever sends the first datagram, then as connected
    last_sender,   ///< -l -u -k: stay unconnected, reply to the most recent sender
};

/// Called with each new peer of a first_sender/last_sender relay (for -v's "Connection received on").
using peer_callback = std::function<void(const sockaddr_storage& peer, socklen_t length)>;

/// Relays datagrams: each read of stdin is sent as one datagram, each datagram received is written with
/// one write. Runs until stdin EOF plus -q, or -w idle time, whichever bound is set; without either it runs
/// until killed (UDP has no end of stream), as nc does. Blocks.
relay_result relay_datagram(int net_fd, datagram_peer mode, const relay_settings& settings, relay_state& state,
                            const peer_callback& on_peer = {});

}  // namespace sockit::cli
