// SPDX-License-Identifier: MIT
// network_interface: walking getifaddrs(3) (AF_PACKET, AF_INET, AF_INET6 entries) and SIOCGIFMTU.
#include "sockit/sock/network_interface.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>

#include "sockit/sock/endpoint.hpp"
#include "sockit/sys/sys_error.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

struct ifaddrs_deleter {
    void operator()(ifaddrs* p) const noexcept { ::freeifaddrs(p); }
};

// linux/if.h flags that glibc's net/if.h does not name.
constexpr unsigned iff_lower_up = 1U << 16;
constexpr unsigned iff_dormant = 1U << 17;
constexpr unsigned iff_echo = 1U << 18;

struct flag_name {
    unsigned bit;
    std::string_view name;
};

constexpr flag_name flag_table[] = {
    {IFF_UP, "up"},
    {IFF_BROADCAST, "broadcast"},
    {IFF_DEBUG, "debug"},
    {IFF_LOOPBACK, "loopback"},
    {IFF_POINTOPOINT, "pointopoint"},
    {IFF_NOTRAILERS, "notrailers"},
    {IFF_RUNNING, "running"},
    {IFF_NOARP, "noarp"},
    {IFF_PROMISC, "promisc"},
    {IFF_ALLMULTI, "allmulti"},
    {IFF_MASTER, "master"},
    {IFF_SLAVE, "slave"},
    {IFF_MULTICAST, "multicast"},
    {IFF_PORTSEL, "portsel"},
    {IFF_AUTOMEDIA, "automedia"},
    {IFF_DYNAMIC, "dynamic"},
    {iff_lower_up, "lower_up"},
    {iff_dormant, "dormant"},
    {iff_echo, "echo"},
};

/// The prefix length a netmask stands for: its count of one bits (a netmask's ones are contiguous).
int prefix_of(const sockaddr* mask) noexcept {
    if (mask == nullptr) return 0;
    int ones = 0;
    if (mask->sa_family == AF_INET) {
        sockaddr_in sin{};
        std::memcpy(&sin, mask, sizeof sin);
        ones = std::popcount(sin.sin_addr.s_addr);
    } else if (mask->sa_family == AF_INET6) {
        sockaddr_in6 sin6{};
        std::memcpy(&sin6, mask, sizeof sin6);
        for (auto b : sin6.sin6_addr.s6_addr) ones += std::popcount(b);
    }
    return ones;
}

std::optional<ip_address> ip_of(const sockaddr* sa) {
    if (sa == nullptr) return std::nullopt;
    socklen_t size = sa->sa_family == AF_INET    ? sizeof(sockaddr_in)
                     : sa->sa_family == AF_INET6 ? sizeof(sockaddr_in6)
                                                 : 0;
    if (size == 0) return std::nullopt;
    auto ep = endpoint::from_sockaddr(sa, size);
    if (!ep) return std::nullopt;
    return ep->address();
}

std::optional<unsigned> mtu_of(int fd, const std::string& name) noexcept {
    if (fd < 0 || name.size() >= IF_NAMESIZE) return std::nullopt;
    ifreq req{};
    std::memcpy(req.ifr_name, name.c_str(), name.size() + 1);
    if (::ioctl(fd, SIOCGIFMTU, &req) != 0 || req.ifr_mtu < 0) return std::nullopt;
    return static_cast<unsigned>(req.ifr_mtu);
}

}  // namespace

result<std::vector<network_interface>> network_interface::list() noexcept {
    ifaddrs* raw = nullptr;
    if (::getifaddrs(&raw) != 0) return fail(last_error());
    std::unique_ptr<ifaddrs, ifaddrs_deleter> all(raw);
    try {
        std::vector<network_interface> out;
        auto find = [&](const char* ifname) -> network_interface& {
            auto it = std::find_if(out.begin(), out.end(), [&](const auto& i) { return i.name == ifname; });
            if (it != out.end()) return *it;
            network_interface i;
            i.name = ifname;
            i.index = ::if_nametoindex(ifname);
            out.push_back(std::move(i));
            return out.back();
        };
        for (const ifaddrs* p = all.get(); p != nullptr; p = p->ifa_next) {
            if (p->ifa_name == nullptr) continue;
            auto& iface = find(p->ifa_name);
            iface.flags = p->ifa_flags;
            const sockaddr* sa = p->ifa_addr;
            if (sa == nullptr) continue;
            if (sa->sa_family == AF_PACKET) {
                sockaddr_ll sll{};
                std::memcpy(&sll, sa, sizeof sll);
                auto len = std::min<std::size_t>(sll.sll_halen, sizeof sll.sll_addr);
                iface.hardware_address.assign(sll.sll_addr, sll.sll_addr + len);
                iface.hardware_type = sll.sll_hatype;
                if (iface.index == 0 && sll.sll_ifindex > 0)
                    iface.index = static_cast<unsigned>(sll.sll_ifindex);
                continue;
            }
            auto address = ip_of(sa);
            if (!address) continue;
            interface_address entry;
            entry.address = *address;
            entry.prefix_length = prefix_of(p->ifa_netmask);
            if ((p->ifa_flags & IFF_POINTOPOINT) != 0) {
                entry.peer = ip_of(p->ifa_dstaddr);
            } else if ((p->ifa_flags & IFF_BROADCAST) != 0) {
                entry.broadcast = ip_of(p->ifa_broadaddr);
            }
            iface.addresses.push_back(std::move(entry));
        }
        // The MTU is not in getifaddrs' data; SIOCGIFMTU works on any socket (AF_UNIX needs no IP stack).
        unique_fd probe(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        for (auto& iface : out) {
            iface.mtu = mtu_of(probe.get(), iface.name);
            std::stable_partition(iface.addresses.begin(), iface.addresses.end(),
                                  [](const interface_address& a) { return a.address.is_v4(); });
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const auto& a, const auto& b) { return a.index < b.index; });
        return out;
    } catch (const std::bad_alloc&) {
        return fail(sys_error(ENOMEM));
    }
}

std::vector<std::string_view> network_interface::flag_names(unsigned flags) {
    std::vector<std::string_view> names;
    for (const auto& f : flag_table)
        if ((flags & f.bit) != 0) names.push_back(f.name);
    return names;
}

std::string network_interface::hardware_address_string() const {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < hardware_address.size(); ++i) {
        if (i != 0) s += ':';
        s += hex[hardware_address[i] >> 4];
        s += hex[hardware_address[i] & 0xf];
    }
    return s;
}

}  // namespace sockit
