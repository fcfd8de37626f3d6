// SPDX-License-Identifier: MIT
// resource_record: one owned record of an answer, authority or additional section (RFC 1035 §4.1.3).
#pragma once

#include <cstdint>

#include "sockit/dns/dns_name.hpp"
#include "sockit/dns/rdata.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns {

/// NAME, TYPE, CLASS, TTL and typed RDATA. Invariant kept by the codec: data holds the alternative that
/// rdata_kind(type, klass) names (an rdata_unknown for any type without typed support).
struct resource_record {
    dns_name name;
    rr_type type = rr_type::a;
    rr_class klass = rr_class::in;
    std::uint32_t ttl = 0;
    dns::rdata data;
    friend bool operator==(const resource_record&, const resource_record&) = default;
};

/// A record of the type that matches data's alternative (convenience for builders; data must not be
/// rdata_unknown, which carries no type: set the fields directly for those).
[[nodiscard]] resource_record make_record(const dns_name& name, std::uint32_t ttl, dns::rdata data,
                                          rr_class klass = rr_class::in);

}  // namespace sockit::dns
