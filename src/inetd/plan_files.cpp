// SPDX-License-Identifier: MIT
// plan_files (RFC 1288's plans on disk): safe opening of plan files, bounded reads, the password database.
#include "sockit/inetd/plan_files.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "sockit/services/finger_query.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::inetd {
namespace {

// Opens without following the last symlink when asked, without blocking on a FIFO, and reads at most
// `limit` bytes of a regular file (owned by `owner` when given). nullopt when there is no such file.
std::optional<services::user_plan> read_plan(const std::string& path, std::size_t limit, bool no_follow,
                                             std::optional<uid_t> owner) {
    int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
    if (no_follow) flags |= O_NOFOLLOW;
    unique_fd fd(::open(path.c_str(), flags));
    if (!fd) return std::nullopt;
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    if (owner && st.st_uid != *owner) return std::nullopt;
    services::user_plan plan;
    plan.size = static_cast<std::uint64_t>(st.st_size);
    plan.modified = std::chrono::system_clock::from_time_t(st.st_mtime);
    plan.text.resize(limit + 1);
    std::size_t got = 0;
    while (got < plan.text.size()) {
        ssize_t n = ::read(fd.get(), plan.text.data() + got, plan.text.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    plan.truncated = got > limit;
    plan.text.resize(std::min(got, limit));
    return plan;
}

// The account `user` of the password database with its ~/.plan; nullopt when there is no such account.
std::optional<services::finger_user> find_account(const std::string& user, std::size_t limit) {
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buf(16384);
    if (::getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr)
        return std::nullopt;
    services::finger_user who;
    std::string_view gecos = pw.pw_gecos != nullptr ? pw.pw_gecos : "";
    who.full_name = std::string(gecos.substr(0, gecos.find(',')));
    // ~/.plan must be the user's own regular file: no symlink to someone else's secrets, no FIFO.
    who.plan = read_plan(std::string(pw.pw_dir != nullptr ? pw.pw_dir : "/nonexistent") + "/.plan", limit,
                         true, pw.pw_uid);
    return who;
}

}  // namespace

std::optional<services::finger_user> plan_files::find(std::string_view user,
                                                      std::size_t max_plan_bytes) const {
    const std::string name(
        user);  // a valid finger user name: letters, digits, '.', '_', '-' — a safe file name
    if (!opts_.plan_dir.empty()) {
        if (auto plan =
                read_plan((opts_.plan_dir / (name + ".plan")).string(), max_plan_bytes, false, std::nullopt))
            return services::finger_user{{}, std::move(plan)};
    }
    if (opts_.system_users) return find_account(name, max_plan_bytes);
    return std::nullopt;
}

std::vector<std::string> plan_files::users(std::size_t max) const {
    std::vector<std::string> users;
    if (opts_.plan_dir.empty()) return users;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(opts_.plan_dir, ec);
         !ec && it != std::filesystem::directory_iterator() && users.size() < max; it.increment(ec)) {
        const auto& p = it->path();
        if (p.extension() != ".plan") continue;
        std::string user = p.stem().string();
        if (services::finger_query::is_valid_user(user)) users.push_back(std::move(user));
    }
    return users;
}

}  // namespace sockit::inetd
