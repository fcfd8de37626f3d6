// SPDX-License-Identifier: MIT
// frame_decoder: dissects a captured frame into its stack of protocol layers (link, network, transport,
// DNS on port 53), zero-copy and allocation-free, noting where and why it stopped.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>

#include "sockit/core/bytes.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/wire/arp_view.hpp"
#include "sockit/wire/ethernet_view.hpp"
#include "sockit/wire/icmp_view.hpp"
#include "sockit/wire/icmpv6_view.hpp"
#include "sockit/wire/ipv4_view.hpp"
#include "sockit/wire/ipv6_ext_view.hpp"
#include "sockit/wire/ipv6_view.hpp"
#include "sockit/wire/link_type.hpp"
#include "sockit/wire/null_view.hpp"
#include "sockit/wire/ppp_view.hpp"
#include "sockit/wire/sll_view.hpp"
#include "sockit/wire/tcp_view.hpp"
#include "sockit/wire/udp_view.hpp"
#include "sockit/wire/vlan_view.hpp"

namespace sockit::dissect {

// The header views this decoder produces live in the wire codec.
using wire::arp_view;
using wire::ethernet_view;
using wire::icmp_view;
using wire::icmpv6_view;
using wire::ipv4_view;
using wire::ipv6_ext_view;
using wire::ipv6_view;
using wire::link_type;
using wire::null_view;
using wire::ppp_view;
using wire::sll_view;
using wire::tcp_view;
using wire::udp_view;
using wire::vlan_view;

/// Bytes no decoder claimed: application data, an unknown protocol, padding, a fragment's payload.
struct payload_view {
    bytes_view data{};
};

/// A decoded layer's typed view; the alternative says which protocol it is.
using layer_view =
    std::variant<payload_view, ethernet_view, vlan_view, sll_view, null_view, ppp_view, arp_view, ipv4_view,
                 ipv6_view, ipv6_ext_view, icmp_view, icmpv6_view, udp_view, tcp_view, dns::message_view>;

/// What checking a layer's checksum (IPv4 header, ICMP, ICMPv6, UDP, TCP) found.
enum class checksum_verdict : std::uint8_t {
    not_checked,  ///< the layer has no checksum, or it could not be checked (bytes not captured, a
                  ///< fragment, verification off)
    ok,           ///< it verifies
    bad,          ///< it does not verify (the layer's issue is then bad_checksum)
    unverified,   ///< left to the NIC: a UDP/TCP field holding the folded pseudo-header sum (or its
                  ///< complement), as Linux captures it with checksum offload (CHECKSUM_PARTIAL) on lo
                  ///< and on the sending side; not a problem
    absent,       ///< none sent: a zero UDP checksum over IPv4 (RFC 768)
};

/// One layer: its view, where it starts in the frame, the first problem noted on it (codec_errc{} when
/// none): bad_checksum, bad_length (a length field disagrees with the bytes; decoding went on with the
/// bytes present), truncated (the capture ends before the length field says); and its checksum verdict
/// with the value the field should hold (the field itself unless the verdict is bad or unverified).
struct frame_layer {
    layer_view view;
    std::uint32_t offset = 0;
    codec_errc issue{};
    checksum_verdict checksum = checksum_verdict::not_checked;
    std::uint16_t checksum_expected = 0;
};

/// What decode_frame() found. Reused across frames without allocating: decode_frame() overwrites it.
class decoded_frame {
public:
    /// Layers beyond this are left undecoded (as one payload layer): bounds work per frame.
    static constexpr std::size_t max_layers = 16;

    [[nodiscard]] std::span<const frame_layer> layers() const noexcept { return {layers_.data(), count_}; }
    /// Why decoding stopped before the end of the bytes: codec_errc{} when every byte was accounted for
    /// (possibly as a payload layer); truncated when a header was cut; bad_version, bad_length or
    /// bad_value when a header could not be read as its protocol.
    [[nodiscard]] codec_errc stop_reason() const noexcept { return stop_; }
    /// Offset of the byte where decoding stopped (the frame size when it did not stop early).
    [[nodiscard]] std::size_t stop_offset() const noexcept { return stop_offset_; }
    /// True when any layer has an issue or decoding stopped early.
    [[nodiscard]] bool has_problem() const noexcept;
    /// The first layer holding a view of type V, or nullptr.
    template <class V>
    [[nodiscard]] const V* find() const noexcept {
        for (std::size_t i = 0; i < count_; ++i)
            if (const V* v = std::get_if<V>(&layers_[i].view)) return v;
        return nullptr;
    }

private:
    friend void decode_frame(bytes_view, link_type, decoded_frame&, bool) noexcept;
    std::array<frame_layer, max_layers> layers_{};
    std::size_t count_ = 0;
    std::size_t stop_offset_ = 0;
    codec_errc stop_{};
};

/// Decodes frame (as captured with the given link type) into out, replacing what it held. Checksums
/// (IPv4 header, ICMP, ICMPv6, UDP, TCP) are verified when verify_checksums is set and the covered
/// bytes were all captured (frame_layer::checksum); a failure is flagged as the layer's issue and
/// decoding goes on, except a UDP/TCP checksum left to offload, which is only marked unverified. IPv4
/// fragments other than the first, and payloads of unknown protocols, end as a payload layer. A UDP
/// datagram to or from port 53, 5353 (mDNS, RFC 6762) or 5355 (LLMNR, RFC 4795), or a TCP segment on port 53
/// that holds exactly one length-prefixed message (RFC 1035 §4.2.2; a segment of a larger stream stays data),
/// is decoded as a DNS message layer; one that does not parse stays a payload layer with the parser's reason
/// as its issue. Never reads outside frame, never allocates, never throws. Thread-safe on distinct outputs.
void decode_frame(bytes_view frame, link_type link, decoded_frame& out,
                  bool verify_checksums = true) noexcept;

/// The short protocol name of a layer ("eth", "vlan", "sll", "null", "ppp", "arp", "ip", "ipv6",
/// "ipv6.hopopts"/"ipv6.routing"/"ipv6.fragment"/"ipv6.dstopts"/"ipv6.ext", "icmp", "icmpv6", "udp",
/// "tcp", "dns", "data"); the names match Wireshark's protocol filter names.
std::string_view layer_name(const layer_view& view) noexcept;

}  // namespace sockit::dissect
