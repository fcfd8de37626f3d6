// SPDX-License-Identifier: MIT
// service_adapter: a pure services::service (RFC 862-868, 1288) run by the server engine — its stream
// sessions as serve::stream_handler, its datagram answers as serve::datagram_handler.
#pragma once

#include <memory>

#include "sockit/serve/server.hpp"
#include "sockit/services/service.hpp"

namespace sockit::inetd {

/// The engine's stream factory for a service: one services::stream_session per connection, its output
/// copied into the connection's buffer (a generator such as chargen fills the room the engine offers).
/// The factory is thread-safe (the service is shared, const); each handler lives on its connection's thread.
[[nodiscard]] serve::stream_factory stream_factory_for(std::shared_ptr<const services::service> svc);

/// The engine's datagram factory for a service: each reply is cut to the room the engine gives (the
/// listener's datagram_policy bound). Thread-safe, as above.
[[nodiscard]] serve::datagram_factory datagram_factory_for(std::shared_ptr<const services::service> svc);

}  // namespace sockit::inetd
