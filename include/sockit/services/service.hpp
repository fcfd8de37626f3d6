// SPDX-License-Identifier: MIT
// service: a classic Internet service (RFC 862–868, 1288) as a pure handler with a stream and a datagram
// side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/services/stream_session.hpp"

namespace sockit::services {

/// The largest UDP reply of chargen and qotd (RFC 864 and 865 say 512 characters).
inline constexpr std::size_t max_datagram_reply = 512;

/// One service: its name and standard port, a factory of per-connection sessions (TCP), and a datagram
/// handler (UDP). Instances are immutable after construction and thread-safe: one instance may serve
/// every thread of a server at once. A service must outlive the sessions it opened.
class service {
public:
    virtual ~service() = default;
    service() = default;
    service(const service&) = delete;
    service& operator=(const service&) = delete;

    /// "echo", "discard", "chargen", "qotd", "daytime", "time", "finger".
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    /// The port the RFC assigns (7, 9, 19, 17, 13, 37, 79).
    [[nodiscard]] virtual std::uint16_t standard_port() const noexcept = 0;
    /// Whether the RFC defines the service over TCP / over UDP.
    [[nodiscard]] virtual bool has_stream() const noexcept { return true; }
    [[nodiscard]] virtual bool has_datagram() const noexcept { return true; }

    /// A new session for one TCP connection. Throws std::bad_alloc only.
    [[nodiscard]] virtual std::unique_ptr<stream_session> open_stream() const = 0;

    /// Handles one datagram: appends the reply to `reply` and returns true, or returns false for no reply.
    /// Replies are bounded as the RFCs say (chargen and qotd: max_datagram_reply). Policies that need the
    /// peer's address (rate limits, refusing low source ports) belong to the server, not here.
    virtual bool on_datagram(bytes_view request, byte_buffer& reply) const = 0;
};

}  // namespace sockit::services
