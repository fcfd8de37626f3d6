// SPDX-License-Identifier: MIT
// network_interface: the machine's interfaces from getifaddrs(3): name, index, flags, MTU, link-layer
// address (AF_PACKET), and IPv4/IPv6 addresses with prefix lengths.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/ip/ip_address.hpp"

namespace sockit {

/// One IP address assigned to an interface.
struct interface_address {
    ip_address address;                   ///< IPv6 link-local addresses carry the interface as zone
    int prefix_length = 0;                ///< from the netmask (0-32 or 0-128)
    std::optional<ip_address> broadcast;  ///< IPv4 broadcast address, when the interface has one
    std::optional<ip_address> peer;       ///< point-to-point peer address, when IFF_POINTOPOINT
};

/// One network interface and everything getifaddrs reports for it.
struct network_interface {
    std::string name;             ///< e.g. "lo", "eth0"
    unsigned index = 0;           ///< if_nametoindex (0 if the interface vanished meanwhile)
    unsigned flags = 0;           ///< IFF_UP, IFF_LOOPBACK, IFF_MULTICAST, ... (net/if.h)
    std::optional<unsigned> mtu;  ///< SIOCGIFMTU; nullopt when it cannot be read
    std::vector<std::uint8_t>
        hardware_address;              ///< from AF_PACKET's sll_addr (6 bytes for Ethernet); may be empty
    unsigned short hardware_type = 0;  ///< ARPHRD_* from AF_PACKET (ARPHRD_ETHER, ARPHRD_LOOPBACK, ...)
    std::vector<interface_address> addresses;  ///< IPv4 then IPv6, in the kernel's order

    /// Every interface, ordered by index. One getifaddrs(3) call plus one ioctl per interface for the MTU.
    /// Errors: getifaddrs's errno (ENOMEM, EMFILE, ...). May block briefly (netlink); any thread.
    static result<std::vector<network_interface>> list() noexcept;

    /// The names of the set flags, lower case, in a fixed order: "up", "broadcast", "loopback",
    /// "pointopoint", "running", "noarp", "promisc", "allmulti", "multicast", "lower_up", "dormant", ...
    [[nodiscard]] static std::vector<std::string_view> flag_names(unsigned flags);

    /// The hardware address as "aa:bb:cc:dd:ee:ff" (empty string when there is none).
    [[nodiscard]] std::string hardware_address_string() const;
};

}  // namespace sockit
