// SPDX-License-Identifier: MIT
// line_summary: a decoded frame as the rest of tcpdump -nn's line after the timestamp, built from one
// summarizer per protocol family (summarizers.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

#include "sockit/dissect/dns_summary.hpp"
#include "sockit/dissect/frame_decoder.hpp"
#include "summarizers.hpp"
#include "tcp_options_text.hpp"

namespace sockit::dissect {

/// The most bytes put_line_summary() writes: 16 layers of VLAN tags, two addresses, the transport with
/// its options and checksum verdicts, a DNS summary, the issues.
inline constexpr std::size_t line_summary_max = 1024 + tcp_options_text_max + dns_summary_max;

/// Writes "IP 192.0.2.1.1024 > 198.51.100.7.53: 4660+ A? example.org. (29)" (or the ARP, ICMP, link
/// ... form), then the problems tcpdump style (" [udp truncated]", " [|truncated]") and a newline.
/// Checksums show only with style.checksums, where tcpdump -vv shows them; TCP numbers are relative
/// through style.seqs (which this updates). Allocation-free except for DNS records in presentation form
/// (see put_dns_summary) and the first use of style.seqs.
char* put_line_summary(char* p, const decoded_frame& frame, std::uint32_t wire_length,
                       const line_style& style);

}  // namespace sockit::dissect
