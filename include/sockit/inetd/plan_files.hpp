// SPDX-License-Identifier: MIT
// plan_files: the file side of finger (RFC 1288) — plans read from `DIR/USER.plan` and, when the operator
// allows it, from the system's accounts (`~USER/.plan`), for services::finger_service.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/services/plan_source.hpp"

namespace sockit::inetd {

/// A services::plan_source backed by files. A user is known when `plan_dir/USER.plan` is a regular file
/// (followed through symlinks: the operator chose the directory's contents), or, with `system_users`, when
/// the password database has the account; then the plan is `~USER/.plan`, read only when it is a regular
/// file owned by that user and not a symlink (no path to someone else's secrets), and the full name is the
/// first field of the GECOS. Files are opened non-blocking, so a FIFO named like a plan never hangs a
/// session; a file that cannot be opened or read counts as absent. Thread-safe; every call may block on
/// disk I/O (and NSS for system users).
class plan_files final : public services::plan_source {
public:
    struct options {
        std::filesystem::path plan_dir;  ///< where USER.plan files live; empty: no plan directory
        bool system_users = false;       ///< also answer for the system's accounts (getpwnam_r, ~/.plan)
    };

    explicit plan_files(options opts) : opts_(std::move(opts)) {}

    /// The plan directory first, then (system_users) the account. nullopt: neither knows `user`.
    [[nodiscard]] std::optional<services::finger_user> find(std::string_view user,
                                                            std::size_t max_plan_bytes) const override;
    /// The USER of every `USER.plan` in plan_dir whose name is a valid finger user name, at most `max`,
    /// in directory order. System accounts are never listed. An unreadable directory lists nobody.
    [[nodiscard]] std::vector<std::string> users(std::size_t max) const override;

    /// The options it was made with.
    [[nodiscard]] const options& config() const noexcept { return opts_; }

private:
    options opts_;
};

}  // namespace sockit::inetd
