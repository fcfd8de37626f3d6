// SPDX-License-Identifier: MIT
// receive_loop: `sockit recv`'s engine: on a bound socket, each UDP datagram or each whole TCP connection
// (read to its end, one client at a time) becomes one message handed to a sink, until a stop descriptor
// (a signal_fd) becomes readable or the sink says enough.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <system_error>

#include "sockit/core/result.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::relay {

/// Bounds and forms of a receive loop.
struct receive_options {
    bool datagram = false;                 ///< the socket is a bound UDP socket (else a listening TCP one)
    peer_form form = peer_form::unmapped;  ///< how IPv4 peers of a dual-stack socket are shown
    std::size_t max_message = 64 << 20;    ///< TCP: stop reading a connection once this much arrived
    std::size_t read_size = 65536;         ///< bytes per read (a larger UDP datagram is truncated)
    int stop_fd = -1;                      ///< readable means stop (e.g. signal_fd::fd()); -1: none
};

/// One message: a datagram, or what one connection sent before its end (or before a read error).
struct received_message {
    endpoint from;               ///< the sender
    std::string_view bytes;      ///< the message (valid during the sink call only)
    std::error_code read_error;  ///< TCP: the error that cut the connection short (bytes: what came before)
};

/// Gets each message; returns false to end the loop.
using message_sink = std::function<bool(const received_message& message)>;

/// Receives messages on `listener` and hands each to `sink`, until options.stop_fd is readable or the sink
/// returns false (both a normal end). Transient errors (a client gone before accept, EAGAIN, EINTR,
/// ECONNREFUSED from an earlier datagram) are skipped. Errors: poll(2), accept(2) or recvfrom(2) failing
/// otherwise. Memory is bounded by options.max_message. Blocks; one thread.
result<void> receive_messages(socket& listener, const receive_options& options, const message_sink& sink);

}  // namespace sockit::relay
