// SPDX-License-Identifier: MIT
// endpoint: building, converting and formatting socket addresses (IPv4, IPv6 with scope, Unix).
#include "sockit/sock/endpoint.hpp"

#include <net/if.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstring>

#include "sockit/core/byte_order.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit {
namespace {

constexpr socklen_t unix_path_offset = offsetof(sockaddr_un, sun_path);
constexpr std::size_t unix_path_capacity = sizeof(sockaddr_un::sun_path);

std::error_code errc_code(std::errc e) noexcept { return std::make_error_code(e); }

/// The scope id an IPv6 zone stands for: a decimal number as is, else the interface of that name (0 when
/// none exists or the number overflows).
std::uint32_t zone_to_scope(std::string_view zone) noexcept {
    if (zone.empty()) return 0;
    std::uint32_t number = 0;
    auto [end, ec] = std::from_chars(zone.data(), zone.data() + zone.size(), number);
    if (ec == std::errc{} && end == zone.data() + zone.size()) return number;
    std::array<char, IF_NAMESIZE + 1> name{};
    if (zone.size() >= name.size()) return 0;
    std::copy(zone.begin(), zone.end(), name.begin());
    return ::if_nametoindex(name.data());
}

bool is_decimal(std::string_view s) noexcept {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const sockaddr_in& as_v4(const sockaddr_storage& s) noexcept {
    return reinterpret_cast<const sockaddr_in&>(s);
}
const sockaddr_in6& as_v6(const sockaddr_storage& s) noexcept {
    return reinterpret_cast<const sockaddr_in6&>(s);
}
const sockaddr_un& as_un(const sockaddr_storage& s) noexcept {
    return reinterpret_cast<const sockaddr_un&>(s);
}

}  // namespace

endpoint::endpoint() noexcept : storage_{} { storage_.ss_family = AF_UNSPEC; }

endpoint::endpoint(const ip_address& address, std::uint16_t port) noexcept : storage_{} {
    auto bytes = address.bytes();
    if (address.is_v4()) {
        auto& sin = reinterpret_cast<sockaddr_in&>(storage_);
        sin.sin_family = AF_INET;
        sin.sin_port = hton16(port);
        std::memcpy(&sin.sin_addr, bytes.data(), 4);
        size_ = sizeof(sockaddr_in);
    } else if (address.is_v6()) {
        auto& sin6 = reinterpret_cast<sockaddr_in6&>(storage_);
        sin6.sin6_family = AF_INET6;
        sin6.sin6_port = hton16(port);
        std::memcpy(&sin6.sin6_addr, bytes.data(), 16);
        sin6.sin6_scope_id = zone_to_scope(address.zone());
        size_ = sizeof(sockaddr_in6);
    } else {
        storage_.ss_family = AF_UNSPEC;
    }
}

result<endpoint> endpoint::from_ip(const ip_address& address, std::uint16_t port) noexcept {
    endpoint ep(address, port);
    if (address.is_v6() && !address.zone().empty() && ep.scope_id() == 0 && address.zone() != "0")
        return fail(sys_error(ENODEV));
    return ep;
}

result<endpoint> endpoint::from_sockaddr(const sockaddr* address, socklen_t size) noexcept {
    if (address == nullptr || size < sizeof(sa_family_t) || size > capacity()) return fail(sys_error(EINVAL));
    sa_family_t family = 0;
    std::memcpy(&family, reinterpret_cast<const char*>(address) + offsetof(sockaddr, sa_family),
                sizeof family);
    socklen_t want = 0;
    switch (family) {
        case AF_INET: want = sizeof(sockaddr_in); break;
        case AF_INET6: want = sizeof(sockaddr_in6); break;
        case AF_UNIX: want = sizeof(sa_family_t); break;
        default: return fail(sys_error(EAFNOSUPPORT));
    }
    if (size < want) return fail(sys_error(EINVAL));
    endpoint ep;
    std::memcpy(&ep.storage_, address, size);
    ep.size_ = family == AF_UNIX ? size : want;
    return ep;
}

result<endpoint> endpoint::unix_path(std::string_view path) noexcept {
    if (path.empty() || path.find('\0') != std::string_view::npos) return fail(sys_error(EINVAL));
    if (path.size() >= unix_path_capacity) return fail(sys_error(ENAMETOOLONG));
    endpoint ep;
    auto& sun = reinterpret_cast<sockaddr_un&>(ep.storage_);
    sun.sun_family = AF_UNIX;
    std::memcpy(sun.sun_path, path.data(), path.size());
    ep.size_ = static_cast<socklen_t>(unix_path_offset + path.size() + 1);
    return ep;
}

result<endpoint> endpoint::unix_abstract(std::string_view name) noexcept {
    if (name.size() >= unix_path_capacity) return fail(sys_error(ENAMETOOLONG));
    endpoint ep;
    auto& sun = reinterpret_cast<sockaddr_un&>(ep.storage_);
    sun.sun_family = AF_UNIX;
    sun.sun_path[0] = '\0';
    if (!name.empty()) std::memcpy(sun.sun_path + 1, name.data(), name.size());
    ep.size_ = static_cast<socklen_t>(unix_path_offset + 1 + name.size());
    return ep;
}

result<endpoint> endpoint::parse(std::string_view text) noexcept {
    if (text.empty()) return fail(errc_code(std::errc::invalid_argument));
    if (text.front() == '/' || text.front() == '.') return unix_path(text);
    if (text.front() == '@') return unix_abstract(text.substr(1));

    std::string_view host;
    std::string_view port_text;
    if (text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return fail(errc_code(std::errc::invalid_argument));
        host = text.substr(1, close - 1);
        port_text = text.substr(close + 2);
    } else {
        auto colon = text.rfind(':');
        // An IPv6 address needs brackets: "::1:80" is ambiguous.
        if (colon == std::string_view::npos || text.find(':') != colon)
            return fail(errc_code(std::errc::invalid_argument));
        host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
    }
    if (!is_decimal(port_text) || port_text.size() > 5) return fail(errc_code(std::errc::invalid_argument));
    unsigned port = 0;
    (void)std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port > 65535) return fail(errc_code(std::errc::invalid_argument));

    auto address = ip_address::parse(host);
    if (!address) return fail(address.error().code);
    if (text.front() == '[' && !address->is_v6()) return fail(errc_code(std::errc::invalid_argument));
    return from_ip(*address, static_cast<std::uint16_t>(port));
}

bool endpoint::is_abstract() const noexcept {
    return is_unix() && size_ > unix_path_offset && as_un(storage_).sun_path[0] == '\0';
}

bool endpoint::is_unnamed() const noexcept { return is_unix() && size_ <= unix_path_offset; }

ip_address endpoint::address() const {
    if (is_v4()) {
        std::array<std::uint8_t, 4> b{};
        std::memcpy(b.data(), &as_v4(storage_).sin_addr, 4);
        return ip_address::from_v4_bytes(b);
    }
    if (is_v6()) {
        std::array<std::uint8_t, 16> b{};
        const auto& sin6 = as_v6(storage_);
        std::memcpy(b.data(), &sin6.sin6_addr, 16);
        // An explicit "" rather than the default (null) view: ip_address copies the zone with memcpy.
        if (sin6.sin6_scope_id == 0) return ip_address::from_v6_bytes(b, std::string_view(""));
        std::array<char, IF_NAMESIZE> name{};
        if (::if_indextoname(sin6.sin6_scope_id, name.data()) != nullptr)
            return ip_address::from_v6_bytes(b, std::string_view(name.data()));
        return ip_address::from_v6_bytes(b, std::to_string(sin6.sin6_scope_id));
    }
    return ip_address{};
}

std::uint16_t endpoint::port() const noexcept {
    if (is_v4()) return ntoh16(as_v4(storage_).sin_port);
    if (is_v6()) return ntoh16(as_v6(storage_).sin6_port);
    return 0;
}

std::uint32_t endpoint::scope_id() const noexcept { return is_v6() ? as_v6(storage_).sin6_scope_id : 0; }

endpoint endpoint::with_port(std::uint16_t port) const noexcept {
    endpoint ep = *this;
    if (is_v4()) reinterpret_cast<sockaddr_in&>(ep.storage_).sin_port = hton16(port);
    if (is_v6()) reinterpret_cast<sockaddr_in6&>(ep.storage_).sin6_port = hton16(port);
    return ep;
}

std::string endpoint::path() const {
    if (!is_unix() || is_unnamed()) return {};
    const auto& sun = as_un(storage_);
    std::size_t len = size_ - unix_path_offset;
    if (sun.sun_path[0] == '\0') return std::string(sun.sun_path + 1, len - 1);
    // A filesystem path ends at its NUL (the kernel's length may or may not count it).
    return std::string(sun.sun_path, ::strnlen(sun.sun_path, len));
}

bool endpoint::is_v4_mapped() const noexcept {
    if (!is_v6()) return false;
    const auto* b = reinterpret_cast<const std::uint8_t*>(&as_v6(storage_).sin6_addr);
    static constexpr std::uint8_t prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::memcmp(b, prefix, sizeof prefix) == 0;
}

endpoint endpoint::unmapped() const noexcept {
    if (!is_v4_mapped()) return *this;
    const auto& sin6 = as_v6(storage_);
    endpoint ep;
    auto& sin = reinterpret_cast<sockaddr_in&>(ep.storage_);
    sin.sin_family = AF_INET;
    sin.sin_port = sin6.sin6_port;
    std::memcpy(&sin.sin_addr, reinterpret_cast<const std::uint8_t*>(&sin6.sin6_addr) + 12, 4);
    ep.size_ = sizeof(sockaddr_in);
    return ep;
}

std::string endpoint::to_string() const {
    if (is_v4()) return address().to_string() + ':' + std::to_string(port());
    if (is_v6()) return '[' + address().to_string() + "]:" + std::to_string(port());
    if (is_unix()) {
        if (is_unnamed()) return "(unnamed)";
        std::string name = path();
        if (!is_abstract()) return name;
        // Abstract names may hold NUL bytes; show them as '@' the way ss(8) does.
        std::replace(name.begin(), name.end(), '\0', '@');
        return '@' + name;
    }
    return "(none)";
}

bool operator==(const endpoint& a, const endpoint& b) noexcept {
    if (a.family() != b.family()) return false;
    if (a.is_v4())
        return a.port() == b.port() &&
               std::memcmp(&as_v4(a.storage_).sin_addr, &as_v4(b.storage_).sin_addr, 4) == 0;
    if (a.is_v6())
        return a.port() == b.port() && a.scope_id() == b.scope_id() &&
               std::memcmp(&as_v6(a.storage_).sin6_addr, &as_v6(b.storage_).sin6_addr, 16) == 0;
    if (a.is_unix())
        return a.is_abstract() == b.is_abstract() && a.is_unnamed() == b.is_unnamed() && a.path() == b.path();
    return true;
}

}  // namespace sockit
