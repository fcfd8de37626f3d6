// SPDX-License-Identifier: MIT
// resource_record: construction helpers for owned DNS records (RFC 1035 §4.1.3).
#include "sockit/dns/resource_record.hpp"

#include <utility>

namespace sockit::dns {

resource_record make_record(const dns_name& name, std::uint32_t ttl, dns::rdata data, rr_class klass) {
    resource_record rr;
    rr.name = name;
    rr.type = rdata_type(data);
    rr.klass = klass;
    rr.ttl = ttl;
    rr.data = std::move(data);
    return rr;
}

}  // namespace sockit::dns
