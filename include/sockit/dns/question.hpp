// SPDX-License-Identifier: MIT
// question: one entry of a DNS question section (RFC 1035 §4.1.2).
#pragma once

#include "sockit/dns/dns_name.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns {

/// QNAME, QTYPE, QCLASS.
struct question {
    dns_name name;
    rr_type type = rr_type::a;
    rr_class klass = rr_class::in;
    friend bool operator==(const question&, const question&) = default;
};

}  // namespace sockit::dns
