// SPDX-License-Identifier: MIT
// descriptor_limit: making room for a load generator's many sockets (the soft RLIMIT_NOFILE, raised on
// request).
#pragma once

#include <cstddef>
#include <cstdint>
#include <system_error>

#include "sockit/core/result.hpp"

namespace sockit::loadgen {

/// Why the descriptors asked for cannot be had.
struct descriptor_limit_error {
    /// Set when setrlimit(2) failed; empty when the hard limit is below what was asked.
    std::error_code code;
    std::uint64_t hard_limit = 0;  ///< the hard RLIMIT_NOFILE (when code is empty)
};

/// Makes room for `descriptors` open files: raises the soft RLIMIT_NOFILE up to the hard one when it is
/// lower. This changes process-wide state, so only a program's main (cli/) should ask for it, before it
/// starts threads. When the limit cannot be read, does nothing (EMFILE will say so later). Errors: the hard
/// limit is too low (code empty, hard_limit set); setrlimit's errno. Does not block.
result<void, descriptor_limit_error> ensure_descriptors(std::size_t descriptors);

}  // namespace sockit::loadgen
