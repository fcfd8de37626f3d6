// SPDX-License-Identifier: MIT
// datagram_handler: the request/reply callback every concurrency model drives for a UDP service (RFC
// 862-868).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sockit/core/bytes.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::serve {

/// One UDP service's logic. The engine creates one handler per event loop or acceptor thread (so a
/// handler needs no locking) and calls it for each datagram that passed the service's datagram_policy
/// (source port, per-source rate limit).
class datagram_handler {
public:
    virtual ~datagram_handler() = default;

    /// Answers one datagram `request` from `from`: writes the reply into `reply` (already bounded by the
    /// policy's max_reply, so it cannot amplify beyond that) and returns its size, or returns 0 for no
    /// reply. Must not block. Exceptions are counted and the datagram dropped.
    virtual std::size_t on_datagram(bytes_view request, const endpoint& from,
                                    std::span<std::uint8_t> reply) = 0;
};

}  // namespace sockit::serve
