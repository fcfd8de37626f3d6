// SPDX-License-Identifier: MIT
// dns_summary: a DNS message in one line, in the spirit of tcpdump -nn (RFC 1035 §4.1 header and records).
#pragma once

#include <cstddef>

#include "sockit/dns/message_view.hpp"

namespace sockit::dissect {

/// The most bytes put_dns_summary() writes.
inline constexpr std::size_t dns_summary_max = 1536;

/// Which DNS the message is: unicast DNS (RFC 1035; LLMNR, RFC 4795, reads the same), or multicast DNS
/// (RFC 6762 §5.4, §10.2: the top bit of a question's class asks for a unicast response, "(QU)", else
/// "(QM)"; the top bit of a record's class is cache-flush, "(Cache flush)").
enum class dns_flavor { dns, mdns };

/// Writes one line for a decoded DNS message at p (no newline) and returns the end, as tcpdump 4.99 -nn:
///   query:    "4660+ [1au] AAAA? example.org. (40)"  (after the ID a non-QUERY opcode: " notify";
///             + recursion desired, % checking disabled, [b2&3=0xN] header flags a query should not
///             have, [Na] answers, [Nq] questions when not one, [Nn] authority and [Nau] additional
///             records; a class other than IN after the type)
///   response: "4660 NXDomain* 0/1/0 (90)" or "4660 2/0/0 CNAME www.example.org., A 192.0.2.1 (72)"
///             (after the ID the opcode, the RCODE when not NOERROR by tcpdump's name (NXDomain,
///             ServFail, ...), * authoritative, - recursion not available, | truncated; [Nq] when not
///             one question, the answer/authority/additional counts and the answers as [CLASS] TYPE
///             RDATA)
/// Questions and answers stop with " ..." after about 400 bytes; the whole is at most dns_summary_max.
/// Allocation-free for the common types (A, AAAA, and names: CNAME, NS, PTR); the rest go through the
/// codec's presentation text (may throw std::bad_alloc).
char* put_dns_summary(char* p, const dns::message_view& m, dns_flavor flavor = dns_flavor::dns);

}  // namespace sockit::dissect
