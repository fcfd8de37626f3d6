// SPDX-License-Identifier: MIT
// plan_source: where finger (RFC 1288) learns about users — an interface, so that the service stays a pure
// codec and the files (or any other store) are read by the module that owns them (inetd::plan_files).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sockit::services {

/// One user's plan, as a plan_source read it (raw bytes: finger_service filters them for the wire).
struct user_plan {
    std::string text;                                  ///< at most the byte limit asked for
    bool truncated = false;                            ///< the plan had more bytes than the limit
    std::uint64_t size = 0;                            ///< the plan's full size in bytes (for /W)
    std::chrono::system_clock::time_point modified{};  ///< when it last changed (for /W)
};

/// What a plan source knows about one user.
struct finger_user {
    std::string full_name;          ///< the user's real name, or empty (raw: the service filters it)
    std::optional<user_plan> plan;  ///< none: the user exists but has no (readable) plan
};

/// The users finger answers for. Implementations must be thread-safe: sessions on several threads ask at
/// once.
class plan_source {
public:
    virtual ~plan_source() = default;

    /// The user `user` (a valid finger_query user name), with at most `max_plan_bytes` of the plan.
    /// nullopt: no such user — also when the store cannot be read, since finger answers both the same way.
    /// May block (disk I/O, NSS).
    [[nodiscard]] virtual std::optional<finger_user> find(std::string_view user,
                                                          std::size_t max_plan_bytes) const = 0;

    /// At most `max` users with a plan, for the listing an empty query asks for, in any order (the service
    /// sorts them and drops names that are not valid user names). May block.
    [[nodiscard]] virtual std::vector<std::string> users(std::size_t max) const = 0;
};

}  // namespace sockit::services
