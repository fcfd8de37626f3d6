// SPDX-License-Identifier: MIT
// dns_summary: a DNS message in one line, in the spirit of tcpdump -nn (RFC 1035 §4.1 header and records).
#pragma once

#include <cstddef>
#include <string>

#include "sockit/dns/message_view.hpp"

namespace sockit::cli {

/// One line for a decoded DNS message, without a newline:
///   query:    "4660+ [1au] AAAA? example.org. (40)"  (+ recursion desired, % checking disabled,
///             [Nau] additional records, a non-QUERY opcode by name)
///   response: "4660* NXDomain 0/1/0 (90)" or "4660 2/0/0 CNAME www.example.org., A 192.0.2.1 (72)"
///             (* authoritative, - recursion not available, | truncated; then the RCODE when not NOERROR,
///             by tcpdump's name (NXDomain, ServFail, ...),
///             answer/authority/additional counts and the answers as TYPE RDATA)
/// The answers stop with " ..." once the line would pass max_size characters. Allocates; throws
/// std::bad_alloc only.
[[nodiscard]] std::string dns_summary(const dns::message_view& m, std::size_t max_size = 400);

}  // namespace sockit::cli
