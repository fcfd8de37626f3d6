// SPDX-License-Identifier: MIT
// datagram_relay: nc -u's relay: each read of stdin one datagram, each datagram received one write.
#pragma once

#include <sys/socket.h>

#include <functional>

#include "sockit/relay/relay_settings.hpp"

namespace sockit::relay {

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
/// until killed (UDP has no end of stream), as nc does. net_fd is switched to non-blocking. Blocks.
relay_result relay_datagram(int net_fd, datagram_peer mode, const relay_settings& settings,
                            relay_state& state, const peer_callback& on_peer = {});

}  // namespace sockit::relay
