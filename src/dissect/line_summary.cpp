// SPDX-License-Identifier: MIT
// line_summary: the one-line view of a decoded frame: picks the summarizer of the frame's protocol
// family, then appends the problems (checksums aside) as tcpdump marks them.
#include "line_summary.hpp"

#include "issue_name.hpp"
#include "sockit/dissect/put_text.hpp"
#include "sockit/wire/protocol_numbers.hpp"
#include "summarizers.hpp"

namespace sockit::dissect {
namespace {

// Problems, tcpdump style: [udp truncated], and [|why] when decoding stopped early. Checksums are not
// problems of the line: as tcpdump, it speaks of them only when asked (-vv), where the protocol shows them.
char* put_problems(char* p, const decoded_frame& frame) noexcept {
    for (const auto& l : frame.layers()) {
        if (l.issue == codec_errc{} || l.issue == codec_errc::bad_checksum) continue;
        p = put_s(p, " [");
        p = put_s(p, layer_name(l.view));
        *p++ = ' ';
        p = put_s(p, issue_name(l.issue));
        *p++ = ']';
    }
    if (frame.stop_reason() != codec_errc{} && !frame.layers().empty()) {
        p = put_s(p, " [|");
        p = put_s(p, issue_name(frame.stop_reason()));
        *p++ = ']';
    }
    return p;
}

// Adds one layer to an outline: one visit per layer (a jump on the alternative) rather than a chain of
// type tests.
struct outline_scan {
    frame_outline& o;
    const frame_layer& l;
    void operator()(const ipv4_view& a) const noexcept {
        o.start_ip(&a, nullptr, &l);
    }  // an inner IP (a tunnel)
    void operator()(const ipv6_view& b) const noexcept { o.start_ip(nullptr, &b, &l); }  // starts over
    void operator()(const ipv6_ext_view& e) const noexcept {
        if (e.kind() == wire::ip_proto::fragment) o.frag6 = &e;
    }
    void operator()(const vlan_view&) const noexcept { o.vlan = true; }
    void operator()(const arp_view& a) const noexcept { o.arp = &a; }
    void operator()(const payload_view&) const noexcept {}
    void operator()(const dns::message_view& m) const noexcept {
        if (o.dns == nullptr) o.dns = &m;
        transport();
    }
    template <class Other>
    void operator()(const Other&) const noexcept {
        transport();
    }
    void transport() const noexcept {
        if ((o.ip4 != nullptr || o.ip6 != nullptr) && o.transport == nullptr) {
            o.transport = &l.view;
            o.transport_layer = &l;
        }
    }
};

}  // namespace

frame_outline outline_of(const decoded_frame& frame) noexcept {
    frame_outline o;
    for (const auto& l : frame.layers()) std::visit(outline_scan{o, l}, l.view);
    return o;
}

char* put_line_summary(char* p, const decoded_frame& frame, std::uint32_t wire_length,
                       const line_style& style) {
    const auto layers = frame.layers();
    const frame_outline outline = outline_of(frame);
    if (outline.vlan) p = put_vlan_tags(p, layers);
    if (outline.ip4 != nullptr || outline.ip6 != nullptr) {
        p = put_ip_summary(p, outline, style);
    } else if (outline.arp != nullptr) {
        p = put_arp_summary(p, *outline.arp);
    } else if (!layers.empty()) {
        p = put_link_summary(p, layers, wire_length);
    } else {
        p = put_s(p, "[|");
        p = put_s(p, issue_name(frame.stop_reason()));
        p = put_s(p, "], length ");
        p = put_u(p, wire_length);
    }
    p = put_problems(p, frame);
    *p++ = '\n';
    return p;
}

}  // namespace sockit::dissect
