// SPDX-License-Identifier: MIT
// packet_socket: AF_PACKET sockets (packet(7)) with sockaddr_ll addressing, SOCK_RAW for whole frames and
// SOCK_DGRAM for network packets.
#include "sockit/sock/packet_socket.hpp"

#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "sockit/core/byte_order.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit {

result<unsigned> packet_socket::interface_index(std::string_view name) noexcept {
    if (name.size() >= IF_NAMESIZE) return fail(sys_error(ENODEV));  // as glibc answers a name too long
    char text[IF_NAMESIZE] = {};
    std::memcpy(text, name.data(), name.size());
    const unsigned index = ::if_nametoindex(text);
    if (index == 0) return fail(last_error());
    return index;
}

result<packet_socket> packet_socket::open(unsigned ifindex, packet_framing framing) noexcept {
    const int type = framing == packet_framing::link ? SOCK_RAW : SOCK_DGRAM;
    // Protocol 0: the socket only sends, so it receives nothing.
    const int s = ::socket(AF_PACKET, type | SOCK_CLOEXEC, 0);
    if (s < 0) return fail(last_error());
    return packet_socket(unique_fd(s), ifindex, framing);
}

result<void> packet_socket::send(bytes_view frame) noexcept {
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = static_cast<int>(ifindex_);
    to.sll_halen = 6;
    if (framing_ == packet_framing::link) {
        std::memcpy(to.sll_addr, frame.data(), frame.size() >= 6 ? 6 : frame.size());
    } else {
        const bool v6 = !frame.empty() && (frame[0] >> 4) == 6;
        to.sll_protocol = hton16(v6 ? ETH_P_IPV6 : ETH_P_IP);
        std::memset(to.sll_addr, 0xff, 6);
    }
    const ssize_t n =
        ::sendto(fd_.get(), frame.data(), frame.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    if (n < 0) return fail(last_error());
    return {};
}

}  // namespace sockit
