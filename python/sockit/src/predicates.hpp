// SPDX-License-Identifier: MIT
// predicates: the classification predicates of an address, by their Python names, shared by ip_address's
// attributes, ip_network's (true at both ends) and classify()'s columns.
#pragma once

#include <iterator>

#include "sockit/ip/ip_address.hpp"

namespace sockit::python {

// The predicates, by their Python names.
struct predicate {
    const char* name;
    bool (ip_address::*test)() const noexcept;
    const char* doc;
};
inline constexpr predicate predicates[] = {
    {"is_private", &ip_address::is_private, "Not globally reachable (IANA special-purpose registries)."},
    {"is_global", &ip_address::is_global, "Globally reachable: not private and not 100.64.0.0/10."},
    {"is_loopback", &ip_address::is_loopback, "127.0.0.0/8 or ::1."},
    {"is_multicast", &ip_address::is_multicast, "224.0.0.0/4 or ff00::/8."},
    {"is_link_local", &ip_address::is_link_local, "169.254.0.0/16 or fe80::/10."},
    {"is_reserved", &ip_address::is_reserved, "240.0.0.0/4, or an IETF-reserved IPv6 block."},
    {"is_unspecified", &ip_address::is_unspecified, "0.0.0.0 or ::."},
    {"is_site_local", &ip_address::is_site_local, "fec0::/10 (deprecated); never for IPv4."},
    {"is_documentation", &ip_address::is_documentation,
     "192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20."},
    {"is_shared", &ip_address::is_shared, "100.64.0.0/10 (carrier-grade NAT)."},
    {"is_unique_local", &ip_address::is_unique_local, "fc00::/7."},
};

inline constexpr std::size_t predicate_count = std::size(predicates);

}  // namespace sockit::python
