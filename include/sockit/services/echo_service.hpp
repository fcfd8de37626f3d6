// SPDX-License-Identifier: MIT
// echo_service: RFC 862 — send back whatever is received (TCP: the stream; UDP: each datagram).
#pragma once

#include "sockit/services/service.hpp"

namespace sockit::services {

/// RFC 862 echo on port 7. TCP: every byte received is sent back, in order, until the peer closes.
/// UDP: each datagram is answered with an identical one (same size: no amplification).
class echo_service final : public service {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "echo"; }
    [[nodiscard]] std::uint16_t standard_port() const noexcept override { return 7; }
    /// A session that appends each chunk to its output. Throws std::bad_alloc only.
    [[nodiscard]] std::unique_ptr<stream_session> open_stream() const override;
    /// Appends `request` to `reply`; always answers.
    bool on_datagram(bytes_view request, byte_buffer& reply) const override;
};

}  // namespace sockit::services
