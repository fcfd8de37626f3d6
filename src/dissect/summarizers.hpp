// SPDX-License-Identifier: MIT
// summarizers: the pieces of the one-line view, one per protocol family: link and ARP, IP with its
// fragments, TCP and UDP (with DNS), ICMP and ICMPv6. Each writes at a cursor and returns the end.
#pragma once

#include <cstdint>
#include <span>

#include "sockit/dissect/frame_decoder.hpp"
#include "tcp_seq_table.hpp"

namespace sockit::dissect {

/// How the line is written beyond the frame itself.
struct line_style {
    bool checksums = false;         ///< tcpdump -vv: checksum verdicts, and seq on every TCP segment
    tcp_seq_table* seqs = nullptr;  ///< relative TCP numbers from here (nullptr: absolute, tcpdump -S)
};

/// What the line is about: the innermost network header and what follows it.
struct frame_outline {
    const ipv4_view* ip4 = nullptr;                ///< the innermost IP header is IPv4 ...
    const ipv6_view* ip6 = nullptr;                ///< ... or IPv6
    const frame_layer* ip_layer = nullptr;         ///< its layer (for the IPv4 header checksum)
    const ipv6_ext_view* frag6 = nullptr;          ///< its IPv6 fragment header, if any
    const layer_view* transport = nullptr;         ///< the first decoded layer after it (TCP, UDP, ICMP, ...)
    const frame_layer* transport_layer = nullptr;  ///< its layer (for the checksum verdict)
    const arp_view* arp = nullptr;
    const dns::message_view* dns = nullptr;  ///< the DNS message, when one was decoded
    bool vlan = false;                       ///< the frame has 802.1Q tags

    void start_ip(const ipv4_view* v4, const ipv6_view* v6, const frame_layer* layer) noexcept {
        ip4 = v4;
        ip6 = v6;
        ip_layer = layer;
        frag6 = nullptr;
        transport = nullptr;
        transport_layer = nullptr;
    }
};

/// Finds the outline of a decoded frame.
frame_outline outline_of(const decoded_frame& frame) noexcept;

// ---- link (summarize_link.cpp)
/// "vlan ID, " for each 802.1Q tag, outermost first.
char* put_vlan_tags(char* p, std::span<const frame_layer> layers) noexcept;
/// "ARP, Request who-has A tell B, length N" and the like.
char* put_arp_summary(char* p, const arp_view& arp) noexcept;
/// A frame with neither IP nor ARP: "802.3", "ethertype 0x....", "PPP protocol 0x...." or the layer's
/// name, then ", length WIRE_LENGTH". layers is not empty.
char* put_link_summary(char* p, std::span<const frame_layer> layers, std::uint32_t wire_length) noexcept;

// ---- network (summarize_ip.cpp)
/// "IP A.sport > B.dport: " (IP6 for IPv6; ports only with TCP or UDP), then the transport's summary or,
/// without one, the fragment or the unknown protocol. outline.ip4 or outline.ip6 is set. With
/// style.checksums a bad IPv4 header checksum shows as "IP (bad cksum 1234 (->8e8e)!) ...".
char* put_ip_summary(char* p, const frame_outline& outline, const line_style& style);

// ---- transport (summarize_transport.cpp)
/// The TCP part as tcpdump writes it: "Flags [S.], seq N, ack N, win N, options [...], length N" (seq
/// only with data, SYN, FIN or RST unless style.checksums; "seq A:B" with data; urg with URG), numbers
/// as seq gives them, and a DNS message's summary when the segment holds one. With style.checksums the
/// verdict follows the flags: ", cksum 0x1234 (correct)", "(incorrect -> 0x5678)" or "(unverified)".
char* put_tcp_summary(char* p, const tcp_view& tcp, const tcp_seq_view& seq, const frame_outline& outline,
                      const line_style& style);
/// The DNS message's summary (as tcpdump, it replaces "UDP, length N"; mDNS on port 5353), or "UDP,
/// length N". With style.checksums the verdict comes first: "[udp sum ok] ", "[bad udp cksum 0x1234 ->
/// 0x5678!] ", "[no cksum] " or "[udp cksum 0x1234 unverified] ".
char* put_udp_summary(char* p, const udp_view& udp, const frame_outline& outline, const line_style& style);

// ---- ICMP (summarize_icmp.cpp)
/// "ICMP echo request, id N, seq N, length N" and the like (RFC 792); with style.checksums a bad
/// checksum adds " (wrong icmp cksum 1234 (->5678)!)".
char* put_icmp_summary(char* p, const icmp_view& m, const frame_layer& layer,
                       const line_style& style) noexcept;
/// "ICMP6, neighbor solicitation, who has A, length N" and the like (RFC 4443, 4861); with
/// style.checksums the verdict comes first: "[icmp6 sum ok] " or "[bad icmp6 cksum 0x1234 -> 0x5678!] ".
char* put_icmpv6_summary(char* p, const icmpv6_view& m, const frame_layer& layer,
                         const line_style& style) noexcept;

}  // namespace sockit::dissect
