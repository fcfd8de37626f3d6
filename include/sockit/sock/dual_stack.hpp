// SPDX-License-Identifier: MIT
// Dual-stack listening (RFC 3493 section 3.7, RFC 4038): one AF_INET6 socket with IPV6_V6ONLY off serves
// IPv4 clients as v4-mapped addresses; accept()/recvfrom() report them unmapped by default.
#pragma once

#include <sys/socket.h>

#include <cstdint>

#include "sockit/core/result.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit {

/// Options of listen_dual_stack() and bind_dual_stack().
struct dual_stack_options {
    int backlog = SOMAXCONN;    ///< listen(2) backlog (stream sockets)
    bool reuse_address = true;  ///< SO_REUSEADDR, as every server should (seed 002)
    bool reuse_port = false;    ///< SO_REUSEPORT
    bool non_blocking = false;  ///< SOCK_NONBLOCK on the socket
};

/// A bound socket of `socktype` (SOCK_STREAM listens, SOCK_DGRAM is bound) on every address of both
/// families at `port` (0: the kernel picks; read it with local_endpoint()). Tries [::]:port with
/// IPV6_V6ONLY off; when the machine has no IPv6 (EAFNOSUPPORT, EADDRNOTAVAIL) falls back to 0.0.0.0:port.
/// Errors: EADDRINUSE, EACCES (a privileged port), the socket(2) errors. Never blocks.
result<socket> bind_dual_stack(std::uint16_t port, int socktype = SOCK_STREAM,
                               const dual_stack_options& options = {}) noexcept;

/// bind_dual_stack() for SOCK_STREAM, listening.
result<socket> listen_dual_stack(std::uint16_t port, const dual_stack_options& options = {}) noexcept;

}  // namespace sockit
