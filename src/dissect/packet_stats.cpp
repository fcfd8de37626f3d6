// SPDX-License-Identifier: MIT
// packet_stats: --stats counting per protocol and per issue, and its table or JSON report.
#include "packet_stats.hpp"

#include <fmt/format.h>

#include <string_view>

#include "issue_name.hpp"

namespace sockit::dissect {
namespace {

// The names of layer_view's alternatives, in variant order (every IPv6 extension header counts as one).
constexpr std::string_view kind_names[] = {"data", "eth",      "vlan", "sll",    "null", "ppp", "arp", "ip",
                                           "ipv6", "ipv6.ext", "icmp", "icmpv6", "udp",  "tcp", "dns"};
static_assert(std::size(kind_names) == std::variant_size_v<layer_view>);

}  // namespace

void packet_stats::count(const decoded_frame& frame, bytes_view data) noexcept {
    frame_bytes_ += data.size();
    std::array<bool, kinds> seen{};
    for (const auto& l : frame.layers()) {
        std::size_t k = l.view.index();
        if (!seen[k]) {
            seen[k] = true;
            ++packets_[k];
            bytes_[k] += data.size() - l.offset;
        }
        if (l.issue != codec_errc{}) ++issues_[static_cast<std::size_t>(l.issue) & 15];
    }
    if (frame.stop_reason() != codec_errc{}) ++issues_[static_cast<std::size_t>(frame.stop_reason()) & 15];
}

std::string packet_stats::report(bool json, std::uint64_t packets, std::uint64_t problems) const {
    std::string s;
    if (json) {
        s = fmt::format("{{\"stats\":{{\"packets\":{},\"bytes\":{},\"problems\":{},\"protocols\":{{", packets,
                        frame_bytes_, problems);
        bool first = true;
        for (std::size_t k = 0; k < kinds; ++k) {
            if (packets_[k] == 0) continue;
            s += fmt::format("{}\"{}\":{{\"packets\":{},\"bytes\":{}}}", first ? "" : ",", kind_names[k],
                             packets_[k], bytes_[k]);
            first = false;
        }
        s += "},\"issues\":{";
        first = true;
        for (std::size_t e = 1; e < issues_.size(); ++e) {
            if (issues_[e] == 0) continue;
            s += fmt::format("{}\"{}\":{}", first ? "" : ",", issue_name(static_cast<codec_errc>(e)),
                             issues_[e]);
            first = false;
        }
        s += "}}}\n";
        return s;
    }
    s = fmt::format("{} packets, {} bytes, {} with problems\n", packets, frame_bytes_, problems);
    s += fmt::format("{:<10} {:>12} {:>14}\n", "protocol", "packets", "bytes");
    for (std::size_t k = 0; k < kinds; ++k) {
        if (packets_[k] == 0) continue;
        s += fmt::format("{:<10} {:>12} {:>14}\n", kind_names[k], packets_[k], bytes_[k]);
    }
    for (std::size_t e = 1; e < issues_.size(); ++e) {
        if (issues_[e] == 0) continue;
        s += fmt::format("{:<10} {:>12}\n", issue_name(static_cast<codec_errc>(e)), issues_[e]);
    }
    return s;
}

}  // namespace sockit::dissect
