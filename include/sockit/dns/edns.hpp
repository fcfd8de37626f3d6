// SPDX-License-Identifier: MIT
// edns: the EDNS0 parameters carried by the OPT pseudo-record (RFC 6891 §6.1.3, DO bit RFC 3225).
#pragma once

#include <cstdint>
#include <vector>

#include "sockit/dns/rdata.hpp"

namespace sockit::dns {

/// Well-known EDNS option codes (IANA registry).
enum class edns_option_code : std::uint16_t {
    nsid = 3,
    client_subnet = 8,
    expire = 9,
    cookie = 10,
    tcp_keepalive = 11,
    padding = 12,
    chain = 13,
    key_tag = 14,
    extended_error = 15,
};

/// The OPT record's fields as meaning: payload size (its CLASS), the extended RCODE bits, version and flags
/// (its TTL), and options (its RDATA).
struct edns {
    std::uint16_t udp_payload = 1232;  ///< requestor's UDP payload size (values under 512 mean 512)
    std::uint8_t extended_rcode = 0;   ///< upper 8 bits of the 12-bit RCODE
    std::uint8_t version = 0;
    bool dnssec_ok = false;  ///< the DO bit
    std::uint16_t z = 0;     ///< the other 15 flag bits (must be zero), DO excluded
    std::vector<edns_option> options;
    friend bool operator==(const edns&, const edns&) = default;
};

}  // namespace sockit::dns
