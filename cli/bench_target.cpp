// SPDX-License-Identifier: MIT
// The target of `sockit bench echo|discard`: HOST PORT resolved to TCP endpoints, errors as exit codes.
#include "bench_target.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include "exit_code.hpp"
#include "output.hpp"
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
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return {};  // cannot tell: let EMFILE speak later
    if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= descriptors) return {};
    if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < descriptors) {
        print_error(cmd, fmt::format("{} descriptors", descriptors),
                    fmt::format("the hard RLIMIT_NOFILE is {} (raise it with ulimit -Hn as root)", lim.rlim_max));
        return fail(int{exit_code::os_error});
    }
    lim.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) {
        print_error(cmd, "raising RLIMIT_NOFILE", std::error_code(errno, std::system_category()).message());
        return fail(int{exit_code::os_error});
    }
    return {};
}

}  // namespace sockit::cli
