// SPDX-License-Identifier: MIT
// packet_builder: builds packets from a stack of per-layer descriptions (Ethernet, 802.1Q, PPP, ARP, IPv4,
// IPv6 and its extension headers, ICMP, ICMPv6/NDP, UDP, TCP, raw bytes), filling in lengths, next-protocol
// fields and checksums (RFC 1071 with the RFC 768/9293/8200 pseudo-headers) unless they are given.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <variant>
#include <vector>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/wire/mac_address.hpp"

namespace sockit::wire {

// Each *_builder is a plain aggregate with a default for every field: set only what you need. A field
// of type std::optional is computed when left empty (lengths, checksums, the protocol of the next
// layer); give a value to force it (e.g. a deliberately wrong checksum). Addresses are raw bytes in
// network order: ip_address::to_bytes()/mac_address::bytes() fit them.

/// Ethernet II header. ethertype defaults from the next layer: 0x0800 IPv4, 0x86dd IPv6, 0x0806 ARP,
/// 0x8100 for a vlan_builder, 0x88b5 (local experimental) for raw bytes or nothing.
struct ethernet_builder {
    mac_address dst = mac_address::broadcast();
    mac_address src{};
    std::optional<std::uint16_t> ethertype;
};

/// An 802.1Q tag (TCI + inner EtherType). The TPID is the previous layer's EtherType (0x8100 by default;
/// give ethernet_builder::ethertype = 0x88a8 for an 802.1ad outer tag). ethertype defaults as for Ethernet.
struct vlan_builder {
    std::uint8_t pcp = 0;   ///< priority, 0..7
    bool dei = false;       ///< drop eligible
    std::uint16_t vid = 0;  ///< VLAN id, 0..4095
    std::optional<std::uint16_t> ethertype;
};

/// A PPP header as DLT_PPP carries it: [0xff 0x03] protocol. protocol defaults to 0x0021 for IPv4 and
/// 0x0057 for IPv6; other payloads need it given. For RFC 1662 byte-stuffed framing, pass the built
/// packet to ppp_hdlc_frame().
struct ppp_builder {
    bool address_control = true;     ///< emit 0xff 0x03
    bool compress_protocol = false;  ///< one-byte protocol field when the value allows (< 0x100)
    std::optional<std::uint16_t> protocol;
};

/// An ARP packet for Ethernet and IPv4 (htype 1, ptype 0x0800, hlen 6, plen 4); must be the last layer
/// (or be followed by raw padding).
struct arp_builder {
    std::uint16_t oper = 1;  ///< 1 request, 2 reply
    mac_address sender_mac{};
    std::array<std::uint8_t, 4> sender_ip{};
    mac_address target_mac{};
    std::array<std::uint8_t, 4> target_ip{};
};

/// An IPv4 header. options are raw option bytes, padded with zeros (end of list) to a multiple of 4.
struct ipv4_builder {
    std::array<std::uint8_t, 4> src{};
    std::array<std::uint8_t, 4> dst{};
    std::uint8_t tos = 0;
    std::uint16_t id = 0;
    bool reserved_flag = false;
    bool dont_fragment = false;
    bool more_fragments = false;
    std::uint16_t fragment_offset = 0;  ///< in 8-byte units, 0..8191
    std::uint8_t ttl = 64;
    std::optional<std::uint8_t> protocol;  ///< default: from the next layer (1, 6, 17, 4, 41, 58; else 253)
    std::optional<std::uint16_t> total_length;  ///< default: header + everything after it
    std::optional<std::uint8_t> ihl;            ///< default: (20 + padded options) / 4
    std::optional<std::uint16_t> checksum;      ///< default: computed
    byte_buffer options;
};

/// The fixed IPv6 header.
struct ipv6_builder {
    std::array<std::uint8_t, 16> src{};
    std::array<std::uint8_t, 16> dst{};
    std::uint8_t traffic_class = 0;
    std::uint32_t flow_label = 0;  ///< 20 bits
    std::uint8_t hop_limit = 64;
    std::optional<std::uint8_t> next_header;      ///< default: from the next layer (59 when none)
    std::optional<std::uint16_t> payload_length;  ///< default: everything after the header
};

/// An IPv6 extension header (RFC 8200 §4). kind selects the layout:
///  - 0 hop-by-hop / 60 destination options: `options` holds TLV options; padded with Pad1/PadN to
///    a multiple of 8 (with the 2 leading bytes);
///  - 43 routing: routing_type, segments_left, then 4 reserved bytes and `addresses`;
///  - 44 fragment: fragment_offset (8-byte units), more_fragments, identification.
struct ipv6_ext_builder {
    std::uint8_t kind = 0;
    std::optional<std::uint8_t> next_header;  ///< default: from the next layer (59 when none)
    byte_buffer options;
    std::uint8_t routing_type = 0;
    std::uint8_t segments_left = 0;
    std::vector<std::array<std::uint8_t, 16>> addresses;
    std::uint16_t fragment_offset = 0;
    bool more_fragments = false;
    std::uint32_t identification = 0;
};

/// An ICMPv4 message header. The 4 bytes after the checksum come from `rest` when given, else from
/// the type: id/seq for echo (0/8) and timestamp (13/14), gateway for redirect (5), next_hop_mtu in
/// the low 16 bits for unreachable (3), pointer in the top byte for parameter problem (12), 0 otherwise.
/// The message body is the following layers (raw data, or an ipv4_builder... quoting the offending packet).
struct icmp_builder {
    std::uint8_t type = 8;
    std::uint8_t code = 0;
    std::uint16_t id = 0;
    std::uint16_t seq = 0;
    std::array<std::uint8_t, 4> gateway{};
    std::uint16_t next_hop_mtu = 0;
    std::uint8_t pointer = 0;
    std::optional<std::uint32_t> rest;
    std::optional<std::uint16_t> checksum;  ///< default: computed over the message
};

/// An NDP option: type and value (the bytes after type and length); padded with zeros to a multiple of 8.
struct ndp_option_builder {
    std::uint8_t type = 1;
    byte_buffer value;

    /// Source (1) or target (2) link-layer address option.
    static ndp_option_builder link_layer(std::uint8_t type, const mac_address& mac);
    /// Prefix information (3): prefix length, L and A flags, valid and preferred lifetimes, prefix.
    static ndp_option_builder prefix_information(std::uint8_t prefix_length, bool on_link, bool autonomous,
                                                 std::uint32_t valid_lifetime,
                                                 std::uint32_t preferred_lifetime,
                                                 const std::array<std::uint8_t, 16>& prefix);
    /// MTU (5).
    static ndp_option_builder mtu(std::uint32_t mtu);
};

/// An ICMPv6 message (RFC 4443, RFC 4861). The fixed part follows the type: echo (128/129) id/seq;
/// packet too big (2) mtu in `rest`; RS (133) reserved; RA (134) cur_hop_limit, managed, other_config,
/// router_lifetime, reachable_time, retrans_timer; NS (135) target; NA (136) router, solicited,
/// override, target; redirect (137) target and destination. Other types: `rest` (default 0).
/// NDP options follow the fixed part; anything after (echo data, a quoted packet) is the next layers.
struct icmpv6_builder {
    std::uint8_t type = 128;
    std::uint8_t code = 0;
    std::uint16_t id = 0;
    std::uint16_t seq = 0;
    std::optional<std::uint32_t> rest;
    std::uint8_t cur_hop_limit = 64;
    bool managed = false;
    bool other_config = false;
    std::uint16_t router_lifetime = 0;
    std::uint32_t reachable_time = 0;
    std::uint32_t retrans_timer = 0;
    bool router = false;
    bool solicited = false;
    bool override_flag = false;
    std::array<std::uint8_t, 16> target{};
    std::array<std::uint8_t, 16> destination{};
    std::vector<ndp_option_builder> options;
    std::optional<std::uint16_t> checksum;  ///< default: computed with the IPv6 pseudo-header
};

/// A UDP header; the payload is the next layers.
struct udp_builder {
    std::uint16_t sport = 0;
    std::uint16_t dport = 0;
    std::optional<std::uint16_t> length;    ///< default: header + payload
    std::optional<std::uint16_t> checksum;  ///< default: computed (needs an enclosing IP layer, else 0)
};

/// A TCP header. Options are emitted in this order when set: MSS, SACK-permitted, timestamps, window
/// scale (NOP-aligned), SACK blocks, then raw_options; the option area is padded to 4 bytes with NOPs
/// and a final EOL.
struct tcp_builder {
    std::uint16_t sport = 0;
    std::uint16_t dport = 0;
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint16_t flags = 0x002;  ///< tcp_flag bits (NS..FIN); default SYN
    std::uint16_t window = 65535;
    std::uint16_t urgent_pointer = 0;
    std::optional<std::uint16_t> mss;
    std::optional<std::uint8_t> window_scale;
    bool sack_permitted = false;
    std::optional<std::pair<std::uint32_t, std::uint32_t>> timestamps;  ///< TSval, TSecr
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sack;          ///< left, right edges (max 4)
    byte_buffer raw_options;
    std::optional<std::uint8_t> data_offset;  ///< default: (20 + padded options) / 4
    std::optional<std::uint16_t> checksum;    ///< default: computed (needs an enclosing IP layer, else 0)
};

/// Literal bytes (application data, padding, a DNS message encoded elsewhere).
struct raw_builder {
    byte_buffer data;
};

/// One layer of a packet under construction.
using layer_builder =
    std::variant<ethernet_builder, vlan_builder, ppp_builder, arp_builder, ipv4_builder, ipv6_builder,
                 ipv6_ext_builder, icmp_builder, icmpv6_builder, udp_builder, tcp_builder, raw_builder>;

/// Builds one packet from its layers, outermost first (e.g. ethernet, ipv4, udp, raw). Lengths,
/// next-protocol fields and checksums left empty are filled in; the transport checksums use the nearest
/// enclosing IP layer's addresses. Errors: codec_errc::too_large when a length overflows its field (an
/// IPv4 packet over 65535 bytes, more than 40 option bytes, ...); codec_errc::bad_value for an
/// impossible stack or value (a 13-bit fragment offset over 8191, a VLAN id over 4095, more than 4 SACK
/// blocks, a PPP payload with no protocol known). Allocates the returned buffer; thread-safe on distinct
/// inputs.
result<byte_buffer> build_packet(std::span<const layer_builder> layers);

/// A convenience: collects layers with push() and builds them with build().
class packet_builder {
public:
    /// Appends a layer (innermost last). Returns *this for chaining.
    packet_builder& push(layer_builder layer) {
        layers_.push_back(std::move(layer));
        return *this;
    }
    [[nodiscard]] std::span<const layer_builder> layers() const noexcept { return layers_; }
    /// build_packet(layers()).
    [[nodiscard]] result<byte_buffer> build() const { return build_packet(layers_); }

private:
    std::vector<layer_builder> layers_;
};

}  // namespace sockit::wire
