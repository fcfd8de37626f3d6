// SPDX-License-Identifier: MIT
// The exit codes that depend on an error, shared by the commands that look names up.
#include "exit_code.hpp"

#include "sockit/sock/gai_errc.hpp"

namespace sockit::cli {

int lookup_exit_code(const std::error_code& ec) noexcept {
    if (is_unknown_name(ec) || ec == gai_errc::service) return exit_code::no_host;
    if (ec == gai_errc::again || ec == gai_errc::fail) return exit_code::unavailable;
    return exit_code::os_error;
}

}  // namespace sockit::cli
