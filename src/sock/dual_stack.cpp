// SPDX-License-Identifier: MIT
// Dual-stack listening: one [::] socket with IPV6_V6ONLY off, falling back to 0.0.0.0 without IPv6.
#include "sockit/sock/dual_stack.hpp"

#include <netinet/in.h>

#include <cerrno>
#include <cstring>

#include "sockit/core/byte_order.hpp"

namespace sockit {
namespace {

result<socket> bind_family(int family, std::uint16_t port, int socktype,
                           const dual_stack_options& options) noexcept {
    auto s = socket::open(family, socktype | (options.non_blocking ? SOCK_NONBLOCK : 0));
    if (!s) return s;
    if (family == AF_INET6) {
        if (auto r = s->set(opt::v6_only{false}); !r) return fail(r.error());
    }
    if (options.reuse_address) {
        if (auto r = s->set(opt::reuse_address{true}); !r) return fail(r.error());
    }
    if (options.reuse_port) {
        if (auto r = s->set(opt::reuse_port{true}); !r) return fail(r.error());
    }
    endpoint any;
    if (family == AF_INET6) {
        sockaddr_in6 sin6{};
        sin6.sin6_family = AF_INET6;
        sin6.sin6_addr = in6addr_any;
        sin6.sin6_port = hton16(port);
        any = *endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&sin6), sizeof sin6);
    } else {
        sockaddr_in sin{};
        sin.sin_family = AF_INET;
        sin.sin_addr.s_addr = hton32(INADDR_ANY);
        sin.sin_port = hton16(port);
        any = *endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&sin), sizeof sin);
    }
    if (auto r = s->bind(any); !r) return fail(r.error());
    if (socktype == SOCK_STREAM) {
        if (auto r = s->listen(options.backlog); !r) return fail(r.error());
    }
    return s;
}

}  // namespace

result<socket> bind_dual_stack(std::uint16_t port, int socktype, const dual_stack_options& options) noexcept {
    auto s = bind_family(AF_INET6, port, socktype, options);
    if (s) return s;
    const auto& ec = s.error();
    // No IPv6 on this machine (module absent, or disabled by sysctl): IPv4 alone is the best we can do.
    if (ec == std::errc::address_family_not_supported || ec == std::errc::address_not_available)
        return bind_family(AF_INET, port, socktype, options);
    return s;
}

result<socket> listen_dual_stack(std::uint16_t port, const dual_stack_options& options) noexcept {
    return bind_dual_stack(port, SOCK_STREAM, options);
}

}  // namespace sockit
