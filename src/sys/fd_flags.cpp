// SPDX-License-Identifier: MIT
// fd_flags: fcntl(2) F_GETFL/F_SETFL and F_GETFD/F_SETFD, changing only the one flag asked for.
#include "sockit/sys/fd_flags.hpp"

#include <fcntl.h>

#include "sockit/sys/sys_error.hpp"

namespace sockit::sys {
namespace {

/// Sets or clears `bit` in the flags read with `get` and written with `set` (F_GETFL/F_SETFL or
/// F_GETFD/F_SETFD).
result<void> change_flag(int fd, int get, int set, int bit, bool on) noexcept {
    int flags = ::fcntl(fd, get);
    if (flags < 0) return fail(last_error());
    int wanted = on ? (flags | bit) : (flags & ~bit);
    if (wanted != flags && ::fcntl(fd, set, wanted) != 0) return fail(last_error());
    return {};
}

result<bool> has_flag(int fd, int get, int bit) noexcept {
    int flags = ::fcntl(fd, get);
    if (flags < 0) return fail(last_error());
    return (flags & bit) != 0;
}

}  // namespace

result<void> set_non_blocking(int fd, bool on) noexcept {
    return change_flag(fd, F_GETFL, F_SETFL, O_NONBLOCK, on);
}

result<bool> is_non_blocking(int fd) noexcept { return has_flag(fd, F_GETFL, O_NONBLOCK); }

result<void> set_close_on_exec(int fd, bool on) noexcept {
    return change_flag(fd, F_GETFD, F_SETFD, FD_CLOEXEC, on);
}

result<bool> is_close_on_exec(int fd) noexcept { return has_flag(fd, F_GETFD, FD_CLOEXEC); }

}  // namespace sockit::sys
