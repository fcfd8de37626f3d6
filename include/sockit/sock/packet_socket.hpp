// SPDX-License-Identifier: MIT
// packet_socket: an AF_PACKET socket bound to one interface by name, sending whole frames (packet(7)).
#pragma once

#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {

/// What the caller hands to send(): a whole link-layer frame, or a network packet the kernel frames.
enum class packet_framing {
    link,     ///< SOCK_RAW: an Ethernet frame, destination MAC in its first 6 bytes
    network,  ///< SOCK_DGRAM: an IPv4 or IPv6 packet (told apart by its version), sent to the broadcast
              ///< address
};

/// An AF_PACKET socket that sends on one interface. Move-only; closes on destruction. Needs CAP_NET_RAW
/// (root). Thread affinity: none.
class packet_socket {
public:
    /// The index of the interface called name (if_nametoindex(3)). Errors: ENODEV when there is none (or
    /// the name is longer than IFNAMSIZ - 1). Does not block.
    static result<unsigned> interface_index(std::string_view name) noexcept;
    /// Opens a packet socket (close-on-exec) that sends on the interface with index ifindex.
    /// Errors: EPERM or EACCES without CAP_NET_RAW, EMFILE, ENFILE, ENOBUFS. Does not block.
    static result<packet_socket> open(unsigned ifindex, packet_framing framing) noexcept;

    /// Sends one frame (link framing) or packet (network framing) as a whole. Errors: sendto(2)'s
    /// (EMSGSIZE over the MTU, ENETDOWN, ENXIO when the interface vanished, ENOBUFS, EINTR). May block
    /// while the device queue is full.
    result<void> send(bytes_view frame) noexcept;

    [[nodiscard]] packet_framing framing() const noexcept { return framing_; }
    [[nodiscard]] unsigned interface() const noexcept { return ifindex_; }
    [[nodiscard]] int fd() const noexcept { return fd_.get(); }

private:
    packet_socket(unique_fd fd, unsigned ifindex, packet_framing framing) noexcept
        : fd_(std::move(fd)), ifindex_(ifindex), framing_(framing) {}

    unique_fd fd_;
    unsigned ifindex_ = 0;
    packet_framing framing_ = packet_framing::link;
};

}  // namespace sockit
