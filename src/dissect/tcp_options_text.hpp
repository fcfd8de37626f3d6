// SPDX-License-Identifier: MIT
// tcp_options_text: a TCP header's options as tcpdump prints them on its one-line form
// (", options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7]").
#pragma once

#include <cstddef>
#include <cstdint>

#include "sockit/core/bytes.hpp"

namespace sockit::dissect {

/// The most bytes put_tcp_options() writes: 40 option bytes, each at most about 12 bytes of text.
inline constexpr std::size_t tcp_options_text_max = 640;

/// Writes ", options [...]" for the option bytes of a TCP header (RFC 9293 §3.1: kind, length, value;
/// EOL ends the list). Each option as tcpdump 4.99 names it: eol, nop, mss N, wscale N, sackOK,
/// sack N {l:r}... (edges minus sack_base, tcpdump's relative SACK), TS val N ecr N, echo/echoreply/cc/
/// ccnew N, md5 (RFC 2385, not checked), scps, uto (RFC 5482), tcp-ao (RFC 5925), mptcp (RFC 8684: the
/// length, the subtype, MP_CAPABLE's version, checksum flag and keys), tfo (RFC 7413), exp (RFC 6994),
/// unknown-K 0xHEX; "[len N]" after an option whose length differs from what its kind holds. A length
/// below 2 or past the options writes "[bad opt]" (and "]" after a first option); the caller must end
/// the segment's text there, as tcpdump does: returns the end and sets bad. A kind byte last in the
/// options with no data after it writes " [|tcp]" (tcpdump's cut segment) and sets bad too. flags are
/// the segment's (MP_CAPABLE's valid lengths depend on SYN and ACK). Never reads outside options;
/// allocation-free.
char* put_tcp_options(char* p, bytes_view options, std::uint32_t sack_base, std::uint16_t flags,
                      bool data_follows, bool& bad) noexcept;

}  // namespace sockit::dissect
