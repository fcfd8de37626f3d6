// SPDX-License-Identifier: MIT
// resolver: names to endpoints and back through getaddrinfo(3)/getnameinfo(3) (RFC 3493), with errors in
// gai_category(); no deprecated calls (gethostby*, getservby*, inet_aton, inet_ntoa).
#pragma once

#include <netdb.h>
#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/gai_errc.hpp"

namespace sockit {

/// The addrinfo hints of a lookup. The defaults ask for stream sockets of either family, so each address
/// appears once (socktype 0 would list it once per socket type: stream, datagram, raw).
struct resolve_hints {
    int family = AF_UNSPEC;      ///< AF_UNSPEC, AF_INET or AF_INET6
    int socktype = SOCK_STREAM;  ///< SOCK_STREAM, SOCK_DGRAM, or 0 for every type
    int protocol = 0;            ///< 0, IPPROTO_TCP, IPPROTO_UDP
    int flags = 0;  ///< AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV, AI_ADDRCONFIG, ...
};

/// One result of a lookup: an endpoint and the socket parameters to open for it.
struct address_info {
    endpoint address;
    int family = AF_UNSPEC;
    int socktype = 0;
    int protocol = 0;
};

/// What getaddrinfo found, in its order (RFC 6724 destination address selection).
struct resolution {
    std::vector<address_info> addresses;
    std::string canonical_name;  ///< set when AI_CANONNAME was asked and the resolver gave one
};

/// A host and service name for an endpoint (getnameinfo).
struct name_info {
    std::string host;
    std::string service;
};

/// Stateless wrappers over the system resolver. Every call may block for as long as the system resolver
/// takes (DNS timeouts, /etc/hosts, NSS modules); they are thread-safe (getaddrinfo/getnameinfo are MT-Safe
/// in glibc) and run on the calling thread.
class resolver {
public:
    /// getaddrinfo(host, service, hints). An empty host means none (loopback, or the wildcard address with
    /// AI_PASSIVE); an empty service means no port (0). Errors: gai_errc (no_name for an unknown host,
    /// service for an unknown service, again for a temporary failure, ...), errno values for EAI_SYSTEM,
    /// EINVAL when host or service holds a NUL byte or both are empty, ERANGE for a decimal service above
    /// 65535 (which glibc would silently truncate to 16 bits).
    static result<resolution> resolve(std::string_view host, std::string_view service,
                                      const resolve_hints& hints = {}) noexcept;

    /// getnameinfo on an IP endpoint with `flags` (NI_NAMEREQD, NI_NUMERICHOST, NI_NUMERICSERV, NI_DGRAM,
    /// NI_NOFQDN). Errors: gai_errc (no_name when NI_NAMEREQD and there is no name), EAFNOSUPPORT for a
    /// non-IP endpoint.
    static result<name_info> name_of(const endpoint& address, int flags = 0) noexcept;

    /// Reverse DNS: the host name for an address (getnameinfo with NI_NAMEREQD). Errors: gai_errc::no_name
    /// when the address has no name; as name_of() otherwise.
    static result<std::string> host_name(const endpoint& address) noexcept;

    /// The service name of a port for a socket type (80 → "http"), from the services database through
    /// getnameinfo. Errors: gai_errc::service when the port has no name.
    static result<std::string> service_name(std::uint16_t port, int socktype = SOCK_STREAM) noexcept;

    /// The port of a service name for a socket type ("http" → 80), through getaddrinfo with AI_PASSIVE (no
    /// host lookup). A decimal number is returned as is. Errors: gai_errc::service (unknown name), EINVAL.
    static result<std::uint16_t> service_port(std::string_view name, int socktype = SOCK_STREAM) noexcept;
};

}  // namespace sockit
