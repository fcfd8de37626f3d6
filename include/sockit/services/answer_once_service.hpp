// SPDX-License-Identifier: MIT
// answer_once_service: the services that answer without a request: qotd (RFC 865), daytime (RFC 867),
// time (RFC 868).
#pragma once

#include <memory>

#include "sockit/services/service.hpp"

namespace sockit::services {

/// A service whose whole protocol is one answer. TCP: sends the answer on connect, then closes; whatever
/// the client sends is ignored (each RFC says the server answers without reading a request). UDP: any
/// datagram, even an empty one, is answered. A derived service supplies only append_answer().
class answer_once_service : public service {
public:
    /// Appends the answer as the service sends it (the next one, for a rotating service). Thread-safe.
    virtual void append_answer(byte_buffer& out) const = 0;

    [[nodiscard]] std::unique_ptr<stream_session> open_stream() const final;
    /// Appends append_answer()'s bytes; always answers. Thread-safe.
    bool on_datagram(bytes_view request, byte_buffer& reply) const final;
};

}  // namespace sockit::services
