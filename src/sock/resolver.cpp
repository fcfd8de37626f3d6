// SPDX-License-Identifier: MIT
// resolver: getaddrinfo/getnameinfo calls, their memory, and their errors as gai_errc.
#include "sockit/sock/resolver.hpp"

#include <netinet/in.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>

#include "sockit/core/byte_order.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit {
namespace {

struct addrinfo_deleter {
    void operator()(addrinfo* p) const noexcept { ::freeaddrinfo(p); }
};

bool has_nul(std::string_view s) noexcept { return s.find('\0') != std::string_view::npos; }

bool is_decimal(std::string_view s) noexcept {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

result<resolution> resolver::resolve(std::string_view host, std::string_view service,
                                     const resolve_hints& hints) noexcept {
    if (has_nul(host) || has_nul(service) || (host.empty() && service.empty()))
        return fail(sys_error(EINVAL));
    // glibc takes any decimal service and truncates it to 16 bits ("99999" would become port 34463).
    if (is_decimal(service)) {
        unsigned port = 0;
        auto [end, ec] = std::from_chars(service.data(), service.data() + service.size(), port);
        if (service.size() > 5 || ec != std::errc{} || port > 65535)
            return fail(std::make_error_code(std::errc::result_out_of_range));
    }
    try {
        const std::string host_z(host);
        const std::string service_z(service);
        addrinfo want{};
        want.ai_family = hints.family;
        want.ai_socktype = hints.socktype;
        want.ai_protocol = hints.protocol;
        want.ai_flags = hints.flags;
        addrinfo* raw = nullptr;
        errno = 0;
        int rc = ::getaddrinfo(host.empty() ? nullptr : host_z.c_str(),
                               service.empty() ? nullptr : service_z.c_str(), &want, &raw);
        int saved = errno;
        if (rc != 0) return fail(gai_error(rc, saved));
        std::unique_ptr<addrinfo, addrinfo_deleter> list(raw);

        resolution out;
        if (list && list->ai_canonname != nullptr) out.canonical_name = list->ai_canonname;
        for (const addrinfo* p = list.get(); p != nullptr; p = p->ai_next) {
            auto ep = endpoint::from_sockaddr(p->ai_addr, p->ai_addrlen);
            if (!ep) continue;  // a family we do not model (none for AF_INET/AF_INET6 hints)
            out.addresses.push_back({*ep, p->ai_family, p->ai_socktype, p->ai_protocol});
        }
        return out;
    } catch (const std::bad_alloc&) {
        return fail(make_error_code(gai_errc::memory));
    }
}

result<name_info> resolver::name_of(const endpoint& address, int flags) noexcept {
    if (!address.is_ip()) return fail(sys_error(EAFNOSUPPORT));
    char host[NI_MAXHOST];
    char serv[NI_MAXSERV];
    errno = 0;
    int rc = ::getnameinfo(address.data(), address.size(), host, sizeof host, serv, sizeof serv, flags);
    int saved = errno;
    if (rc != 0) return fail(gai_error(rc, saved));
    try {
        return name_info{host, serv};
    } catch (const std::bad_alloc&) {
        return fail(make_error_code(gai_errc::memory));
    }
}

result<std::string> resolver::host_name(const endpoint& address) noexcept {
    if (!address.is_ip()) return fail(sys_error(EAFNOSUPPORT));
    char host[NI_MAXHOST];
    errno = 0;
    int rc = ::getnameinfo(address.data(), address.size(), host, sizeof host, nullptr, 0, NI_NAMEREQD);
    int saved = errno;
    if (rc != 0) return fail(gai_error(rc, saved));
    try {
        return std::string(host);
    } catch (const std::bad_alloc&) {
        return fail(make_error_code(gai_errc::memory));
    }
}

result<std::string> resolver::service_name(std::uint16_t port, int socktype) noexcept {
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = hton16(port);
    sin.sin_addr.s_addr = hton32(INADDR_LOOPBACK);
    char serv[NI_MAXSERV];
    int flags = NI_NUMERICHOST | (socktype == SOCK_DGRAM ? NI_DGRAM : 0);
    errno = 0;
    int rc = ::getnameinfo(reinterpret_cast<const sockaddr*>(&sin), sizeof sin, nullptr, 0, serv, sizeof serv,
                           flags);
    int saved = errno;
    if (rc != 0) return fail(gai_error(rc, saved));
    // getnameinfo falls back to the number when the services database has no name for the port.
    std::string_view text(serv);
    std::uint16_t number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc{} && end == text.data() + text.size())
        return fail(make_error_code(gai_errc::service));
    try {
        return std::string(text);
    } catch (const std::bad_alloc&) {
        return fail(make_error_code(gai_errc::memory));
    }
}

result<std::uint16_t> resolver::service_port(std::string_view name, int socktype) noexcept {
    if (name.empty()) return fail(sys_error(EINVAL));
    resolve_hints hints;
    hints.family = AF_INET;
    hints.socktype = socktype;
    hints.flags = AI_PASSIVE;
    auto r = resolve({}, name, hints);
    if (!r) return fail(r.error());
    if (r->addresses.empty()) return fail(make_error_code(gai_errc::service));
    return r->addresses.front().address.port();
}

}  // namespace sockit
