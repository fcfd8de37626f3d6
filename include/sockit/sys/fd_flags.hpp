// SPDX-License-Identifier: MIT
// fd_flags: a descriptor's O_NONBLOCK and FD_CLOEXEC flags (fcntl(2)).
#pragma once

#include "sockit/core/result.hpp"

namespace sockit::sys {

/// Sets or clears O_NONBLOCK on `fd` (a no-op when already so). Errors: EBADF. Never blocks. The flag
/// belongs to the open file description: a descriptor shared with another process changes there too.
result<void> set_non_blocking(int fd, bool on = true) noexcept;

/// Whether O_NONBLOCK is set on `fd`. Errors: EBADF. Never blocks.
result<bool> is_non_blocking(int fd) noexcept;

/// Sets or clears FD_CLOEXEC on `fd` (closed in the child on exec). Errors: EBADF. Never blocks.
result<void> set_close_on_exec(int fd, bool on = true) noexcept;

/// Whether FD_CLOEXEC is set on `fd`. Errors: EBADF. Never blocks.
result<bool> is_close_on_exec(int fd) noexcept;

}  // namespace sockit::sys
