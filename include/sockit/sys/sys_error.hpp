// SPDX-License-Identifier: MIT
// errno as std::error_code: the one place that turns the C error convention into sockit's vocabulary.
#pragma once

#include <cerrno>
#include <system_error>

namespace sockit {

/// The current errno as a std::error_code in the system category. Call right after the failing call.
inline std::error_code last_error() noexcept { return {errno, std::system_category()}; }

/// An errno value (such as one read with SO_ERROR) as a std::error_code in the system category.
inline std::error_code sys_error(int err) noexcept { return {err, std::system_category()}; }

}  // namespace sockit
