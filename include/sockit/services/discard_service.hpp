// SPDX-License-Identifier: MIT
// discard_service: RFC 863 — throw away whatever is received, answer nothing.
#pragma once

#include "sockit/services/service.hpp"

namespace sockit::services {

/// RFC 863 discard on port 9. TCP: reads and drops everything until the peer closes. UDP: no reply.
class discard_service final : public service {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "discard"; }
    [[nodiscard]] std::uint16_t standard_port() const noexcept override { return 9; }
    /// A session that never produces output. Throws std::bad_alloc only.
    [[nodiscard]] std::unique_ptr<stream_session> open_stream() const override;
    /// Never answers (returns false).
    bool on_datagram(bytes_view request, byte_buffer& reply) const override;
};

}  // namespace sockit::services
