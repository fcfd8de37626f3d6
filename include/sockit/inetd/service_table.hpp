// SPDX-License-Identifier: MIT
// service_table: the services `sockit serve` offers (RFC 862-868, 1288) by name, with their settings and the
// server-side UDP rules that go with each.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/services/service.hpp"

namespace sockit::inetd {

/// Service-specific settings (from the command line).
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

/// The names of the services, in the order --all uses: echo, discard, chargen, qotd, daytime, time, finger.
[[nodiscard]] const std::vector<std::string_view>& service_names();

/// The UDP rules of the service called `name` (bounded replies, the per-source rate of `settings`, no
/// replies to privileged source ports but for discard, which never replies). Does not block.
[[nodiscard]] serve::datagram_policy datagram_policy_for(std::string_view name,
                                                         const service_settings& settings);

/// Builds the service called `name` with `settings` (finger reads its plans through inetd::plan_files).
/// Errors as a one-line message: an unknown name (listing the known ones), a quotes file that does not
/// load ("FILE:LINE: why" or "FILE: why"). Reads the quotes file (blocking disk I/O); thread-safe.
[[nodiscard]] result<service_entry, std::string> make_service(std::string_view name,
                                                              const service_settings& settings);

}  // namespace sockit::inetd
