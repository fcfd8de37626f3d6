// SPDX-License-Identifier: MIT
// The target of `sockit bench echo|discard`: HOST PORT resolved to TCP endpoints, errors as exit codes.
#include "bench_target.hpp"

#include <fmt/format.h>

#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/loadgen/descriptor_limit.hpp"
#include "sockit/sock/gai_errc.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::cli {

result<std::vector<endpoint>, int> resolve_bench_targets(std::string_view cmd, const std::string& host,
                                                         const std::string& port) {
    auto number = resolver::service_port(port, SOCK_STREAM);
    if (!number || *number == 0) {
        print_error(cmd, fmt::format("port '{}'", port), "not a port (1-65535) or a known TCP service name");
        return fail(int{exit_code::usage});
    }
    auto found = resolver::resolve(host, std::to_string(*number), {AF_UNSPEC, SOCK_STREAM, 0, 0});
    if (!found || found->addresses.empty()) {
        print_error(cmd, fmt::format("host '{}'", host), found ? "no address" : found.error().message());
        return fail(int{exit_code::no_host});
    }
    std::vector<endpoint> out;
    for (const auto& a : found->addresses) out.push_back(a.address);
    return out;
}

result<void, int> ensure_descriptors(std::string_view cmd, std::size_t descriptors) {
    auto room = loadgen::ensure_descriptors(descriptors);
    if (room) return {};
    if (room.error().code) {
        print_error(cmd, "raising RLIMIT_NOFILE", room.error().code.message());
    } else {
        print_error(cmd, fmt::format("{} descriptors", descriptors),
                    fmt::format("the hard RLIMIT_NOFILE is {} (raise it with ulimit -Hn as root)",
                                room.error().hard_limit));
    }
    return fail(int{exit_code::os_error});
}

}  // namespace sockit::cli
