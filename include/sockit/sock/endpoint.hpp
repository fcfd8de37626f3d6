// SPDX-License-Identifier: MIT
// endpoint: a socket address (sockaddr_storage) for IPv4, IPv6 with scope (RFC 4007) or a Unix socket
// (filesystem path, Linux abstract name, or unnamed), with text forms 1.2.3.4:80, [::1]:80, /path, @name.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "sockit/core/result.hpp"
#include "sockit/ip/ip_address.hpp"

namespace sockit {

/// A value type holding one socket address and its length, as the socket calls take and return them.
/// Families: AF_INET, AF_INET6 (with sin6_scope_id), AF_UNIX; an empty endpoint has family AF_UNSPEC.
/// Copyable, no allocation; every member is safe to call from any thread on distinct objects.
class endpoint {
public:
    /// An empty endpoint (AF_UNSPEC, size 0).
    endpoint() noexcept;

    /// An IP endpoint. The address's zone becomes sin6_scope_id: a number as is, an interface name via
    /// if_nametoindex(3) (scope 0 when no such interface exists; use from_ip() to get an error instead).
    endpoint(const ip_address& address, std::uint16_t port) noexcept;

    /// Like the constructor, but an IPv6 zone naming no interface is an error (ENODEV).
    static result<endpoint> from_ip(const ip_address& address, std::uint16_t port) noexcept;

    /// Copies a socket address as a system call returned it. Errors: EAFNOSUPPORT for a family other than
    /// AF_INET, AF_INET6, AF_UNIX; EINVAL when `size` is too small for the family or above
    /// sizeof(sockaddr_storage), or `address` is null.
    static result<endpoint> from_sockaddr(const sockaddr* address, socklen_t size) noexcept;

    /// A Unix socket at a filesystem path. Errors: EINVAL for an empty path or one holding a NUL byte;
    /// ENAMETOOLONG when it does not fit sun_path (107 bytes plus the terminating NUL).
    static result<endpoint> unix_path(std::string_view path) noexcept;

    /// A Unix socket in Linux's abstract namespace (`name` without the leading NUL; may hold any byte).
    /// Errors: ENAMETOOLONG above 107 bytes.
    static result<endpoint> unix_abstract(std::string_view name) noexcept;

    /// Parses the text forms to_string() produces: `1.2.3.4:80`, `[::1]:80`, `[fe80::1%eth0]:80`
    /// (port 0-65535, decimal), `/path` or `./rel/path` (Unix path: starts with '/' or '.'), `@name`
    /// (abstract). Errors: the address's own parse error (address_errc), EINVAL for a missing or malformed
    /// port or brackets, ENODEV for a zone naming no interface, the unix_path/unix_abstract errors. Does not
    /// resolve names.
    static result<endpoint> parse(std::string_view text) noexcept;

    [[nodiscard]] sa_family_t family() const noexcept { return storage_.ss_family; }
    [[nodiscard]] bool empty() const noexcept { return family() == AF_UNSPEC; }
    [[nodiscard]] bool is_v4() const noexcept { return family() == AF_INET; }
    [[nodiscard]] bool is_v6() const noexcept { return family() == AF_INET6; }
    [[nodiscard]] bool is_ip() const noexcept { return is_v4() || is_v6(); }
    [[nodiscard]] bool is_unix() const noexcept { return family() == AF_UNIX; }
    /// A Unix endpoint in the abstract namespace (sun_path starts with a NUL byte).
    [[nodiscard]] bool is_abstract() const noexcept;
    /// A Unix endpoint with no name at all (an unbound or socketpair socket).
    [[nodiscard]] bool is_unnamed() const noexcept;

    /// The IP address (precondition: is_ip()). An IPv6 scope id becomes the zone: the interface name when
    /// if_indextoname(3) knows it, else the number. Allocates only for a zone.
    [[nodiscard]] ip_address address() const;
    /// The port in host order (0 for a non-IP endpoint).
    [[nodiscard]] std::uint16_t port() const noexcept;
    /// The IPv6 scope id (interface index); 0 when none or not IPv6.
    [[nodiscard]] std::uint32_t scope_id() const noexcept;
    /// A copy with another port (precondition: is_ip()).
    [[nodiscard]] endpoint with_port(std::uint16_t port) const noexcept;
    /// Unix: the path, or the abstract name without its leading NUL; empty otherwise.
    [[nodiscard]] std::string path() const;

    /// A v4-mapped IPv6 endpoint (::ffff:1.2.3.4 port 80) as the IPv4 one (1.2.3.4:80); others unchanged.
    [[nodiscard]] endpoint unmapped() const noexcept;
    /// True for an IPv6 endpoint whose address is v4-mapped (::ffff:0:0/96).
    [[nodiscard]] bool is_v4_mapped() const noexcept;

    /// `1.2.3.4:80`, `[::1]:80`, `[fe80::1%eth0]:80`, `/path`, `@name`; `(unnamed)` for an unnamed Unix
    /// socket and `(none)` for an empty endpoint. Addresses are formatted per RFC 5952.
    [[nodiscard]] std::string to_string() const;

    /// The socket address for system calls (bind, connect, sendto).
    [[nodiscard]] const sockaddr* data() const noexcept {
        return reinterpret_cast<const sockaddr*>(&storage_);
    }
    /// Writable storage for system calls that fill an address in (accept, recvfrom, getsockname): pass
    /// data() and a length initialised to capacity(), then call resize() with what the kernel wrote.
    [[nodiscard]] sockaddr* data() noexcept { return reinterpret_cast<sockaddr*>(&storage_); }
    /// The address's length in bytes (what the socket calls take as socklen_t).
    [[nodiscard]] socklen_t size() const noexcept { return size_; }
    /// sizeof(sockaddr_storage).
    [[nodiscard]] static constexpr socklen_t capacity() noexcept { return sizeof(sockaddr_storage); }
    /// Sets the length after a system call filled data() (clamped to capacity()).
    void resize(socklen_t size) noexcept { size_ = size > capacity() ? capacity() : size; }

    /// Same family and the same meaningful fields (address, port, scope; or Unix name). Padding ignored.
    friend bool operator==(const endpoint& a, const endpoint& b) noexcept;

private:
    sockaddr_storage storage_;
    socklen_t size_ = 0;
};

}  // namespace sockit
