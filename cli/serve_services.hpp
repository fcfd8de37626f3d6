// SPDX-License-Identifier: MIT
// The services `sockit serve` offers (RFC 862-868, 1288) and the adapter from their pure handlers to the server engine.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/serve/server.hpp"
#include "sockit/services/service.hpp"

namespace sockit::cli {

/// Service-specific settings from the command line.
struct service_settings {
    std::optional<std::filesystem::path> qotd_file;   ///< quotes, one per paragraph; none: built-in
    std::optional<std::filesystem::path> finger_dir;  ///< plan files; none: finger answers nobody
    bool finger_system_users = false;
    double udp_rate = 20;  ///< replies per second per source address (0: unlimited)
};

/// One available service: the pure handler and the server-side UDP rules that go with it.
struct service_entry {
    std::shared_ptr<const services::service> svc;
    serve::datagram_policy policy;
};

/// The names `sockit serve` knows, in the order --all uses.
[[nodiscard]] const std::vector<std::string_view>& service_names();

/// Builds the service called `name` with `settings`. Errors as a message: an unknown name, a quotes
/// file that does not load (naming the line).
[[nodiscard]] result<service_entry, std::string> make_service(std::string_view name, const service_settings& settings);

/// The engine's stream factory for a service (one stream_session per connection, adapted).
[[nodiscard]] serve::stream_factory stream_factory_for(std::shared_ptr<const services::service> svc);
/// The engine's datagram factory for a service.
[[nodiscard]] serve::datagram_factory datagram_factory_for(std::shared_ptr<const services::service> svc);

}  // namespace sockit::cli
