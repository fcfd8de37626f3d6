// SPDX-License-Identifier: MIT
// The target of `sockit bench echo|discard`: HOST PORT resolved to TCP endpoints, errors as exit codes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::cli {

/// Resolves HOST (an address, or a name through the system resolver: may block) and PORT (1-65535 or a
/// service name) to the TCP endpoints getaddrinfo returns, in its order (at least one). On failure prints
/// `sockit CMD: ...` and returns the exit code: 64 for a bad port, 68 for an unknown host.
result<std::vector<endpoint>, int> resolve_bench_targets(std::string_view cmd, const std::string& host,
                                                         const std::string& port);

/// Makes room for `descriptors` open files (loadgen::ensure_descriptors: a process-wide change, asked for
/// here in cli/). On failure prints why and returns exit code 71.
result<void, int> ensure_descriptors(std::string_view cmd, std::size_t descriptors);

}  // namespace sockit::cli
