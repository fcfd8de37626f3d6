// SPDX-License-Identifier: MIT
// descriptor_limit: getrlimit/setrlimit(RLIMIT_NOFILE) for the load generators' connections.
#include "sockit/loadgen/descriptor_limit.hpp"

#include <sys/resource.h>

#include <cerrno>

namespace sockit::loadgen {

result<void, descriptor_limit_error> ensure_descriptors(std::size_t descriptors) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return {};  // cannot tell: let EMFILE speak later
    if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= descriptors) return {};
    if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < descriptors)
        return fail(descriptor_limit_error{{}, static_cast<std::uint64_t>(lim.rlim_max)});
    lim.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &lim) != 0)
        return fail(descriptor_limit_error{std::error_code(errno, std::system_category()), 0});
    return {};
}

}  // namespace sockit::loadgen
