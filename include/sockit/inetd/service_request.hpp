// SPDX-License-Identifier: MIT
// service_request: which services to serve where — turned into the server engine's listeners (TCP and UDP
// sides, the standard or unprivileged port, the adapters and UDP policies).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/inetd/service_table.hpp"
#include "sockit/ip/ip_address.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::inetd {

/// One service to serve: `sockit serve`'s SERVICE[/tcp|/udp][=[ADDR:]PORT].
struct service_request {
    std::string service;                   ///< a name of service_names()
    std::optional<serve::transport> only;  ///< one transport only; none: every side the service has
    std::optional<endpoint> address;       ///< listen here (an IP endpoint); wins over port and bind
    std::optional<std::uint16_t> port;     ///< listen on this port; none: the default port
};

/// Where requests without an address listen.
struct listen_defaults {
    std::optional<ip_address> bind;  ///< one address; none: every address of both families (dual stack)
    bool privileged = false;         ///< default ports are the standard ones (else standard + 10000)
};

/// The default port of a service whose standard port is `standard`: itself when privileged, else
/// standard + 10000 (an unprivileged process cannot bind below 1024).
[[nodiscard]] constexpr std::uint16_t default_port(std::uint16_t standard, bool privileged) noexcept {
    return privileged ? standard : static_cast<std::uint16_t>(standard + 10000);
}

/// True when the process runs as root (effective uid 0): the standard ports can then be bound. Does not
/// block.
[[nodiscard]] bool runs_as_root() noexcept;

/// The listeners for `requests`, in order: for each, TCP then UDP, skipping a side the service lacks
/// (finger has no UDP), each with the service's adapter factory and UDP policy. Errors as a one-line
/// message: make_service's, or "NAME has no UDP side" for NAME/udp of a TCP-only service. Reads a quotes
/// file (blocking disk I/O).
[[nodiscard]] result<std::vector<serve::listener_spec>, std::string> make_listeners(
    std::span<const service_request> requests, const service_settings& settings,
    const listen_defaults& defaults);

}  // namespace sockit::inetd
