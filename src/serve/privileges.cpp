// SPDX-License-Identifier: MIT
// drop_privileges: setgroups, setgid, setuid, in that order, and a check that root is gone.
#include "sockit/serve/privileges.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <charconv>
#include <string>
#include <system_error>
#include <vector>

#include "sockit/sys/sys_error.hpp"

namespace sockit::serve {

result<user_identity> lookup_user(std::string_view user) {
    if (user.empty()) return fail(std::make_error_code(std::errc::invalid_argument));
    const std::string name(user);
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buf(16384);
    int rc = ::getpwnam_r(name.c_str(), &pw, buf.data(), buf.size(), &found);
    if (rc == 0 && found != nullptr) return user_identity{pw.pw_uid, pw.pw_gid};
    if (rc != 0) return fail(sys_error(rc));
    // Not a name: a numeric uid (its primary group from the database when it has an entry).
    uid_t uid = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), uid);
    if (ec != std::errc{} || end != name.data() + name.size())
        return fail(std::make_error_code(std::errc::invalid_argument));
    rc = ::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found);
    if (rc == 0 && found != nullptr) return user_identity{pw.pw_uid, pw.pw_gid};
    return user_identity{uid, static_cast<gid_t>(uid)};
}

result<void> drop_privileges(const user_identity& who) noexcept {
    const gid_t groups[] = {who.gid};
    if (::setgroups(1, groups) != 0) return fail(last_error());
    if (::setgid(who.gid) != 0) return fail(last_error());
    if (::setuid(who.uid) != 0) return fail(last_error());
    // A process that can still become root has not dropped anything (e.g. a saved set-user-ID of 0).
    if (who.uid != 0 && (::setuid(0) == 0 || ::seteuid(0) == 0))
        return fail(std::make_error_code(std::errc::operation_not_permitted));
    return {};
}

}  // namespace sockit::serve
