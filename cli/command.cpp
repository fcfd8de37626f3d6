// SPDX-License-Identifier: MIT
// The command registry behind SOCKIT_COMMAND.
#include "command.hpp"

#include <algorithm>
#include <vector>

namespace sockit::cli {
namespace {

// A function-local static, so that registration from other translation units' static initializers is
// safe whatever their order.
std::vector<command>& registry() {
    static std::vector<command> all;
    return all;
}

}  // namespace

bool register_command(const command& c) {
    auto& all = registry();
    auto at = std::lower_bound(all.begin(), all.end(), c.name,
                               [](const command& a, std::string_view n) { return a.name < n; });
    all.insert(at, c);
    return true;
}

std::span<const command> commands() { return registry(); }

}  // namespace sockit::cli
