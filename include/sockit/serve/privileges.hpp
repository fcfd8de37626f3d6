// SPDX-License-Identifier: MIT
// drop_privileges: a root server binds its privileged ports first, then becomes an ordinary user (seed 000).
#pragma once

#include <sys/types.h>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::serve {

/// The user a server should run as.
struct user_identity {
    uid_t uid = 0;
    gid_t gid = 0;
};

/// Looks `user` up in the password database (getpwnam_r; a decimal uid is accepted too). Errors:
/// std::errc::invalid_argument for an unknown user; getpwnam_r's errors.
/// May block on NSS (files, LDAP).
[[nodiscard]] result<user_identity> lookup_user(std::string_view user);

/// Makes the whole process run as `who` for good: supplementary groups reduced to its primary group,
/// then setgid, then setuid (this order: after setuid the process may no longer change groups), then
/// checks that root cannot be regained. Call after every privileged bind and before serving, while the
/// process has a single thread (glibc applies setuid to every thread, but doing it early keeps it simple).
/// Errors: EPERM when not root, or when root could be regained afterwards. Does not block.
[[nodiscard]] result<void> drop_privileges(const user_identity& who) noexcept;

}  // namespace sockit::serve
