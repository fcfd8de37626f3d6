// SPDX-License-Identifier: MIT
// message_builder: queries (with EDNS0) and responses for clients and test servers (RFC 1035 §4.1,
// RFC 6891, RFC 5452 for why the ID must be random).
#pragma once

#include <cstdint>
#include <optional>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/dns/dns_name.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns {

/// How to build a query. The caller supplies the ID (from a CSPRNG in a resolver: the codec stays pure
/// and deterministic).
struct query_options {
    std::uint16_t id = 0;
    bool recursion_desired = true;   ///< RD
    bool authentic_data = false;     ///< AD (RFC 6840 §5.7: ask for the AD bit)
    bool checking_disabled = false;  ///< CD
    dns::opcode opcode = dns::opcode::query;
    /// EDNS0 payload size; nullopt sends no OPT record. 1232 follows the DNS flag day 2020 advice.
    std::optional<std::uint16_t> edns_payload = 1232;
    bool dnssec_ok = false;  ///< DO (needs EDNS)
    std::vector<edns_option> edns_options;
};

/// A query message for one question. Never fails.
[[nodiscard]] message make_query(const dns_name& name, rr_type type, const query_options& options = {},
                                 rr_class klass = rr_class::in);

/// The wire form of make_query(...) (a UDP payload). Errors: those of message::encode (only for
/// oversized EDNS options).
[[nodiscard]] result<byte_buffer> build_query(const dns_name& name, rr_type type,
                                              const query_options& options = {},
                                              rr_class klass = rr_class::in);

/// The skeleton of a response to query: same ID, opcode, RD and CD, QR set, the question copied, the given
/// RCODE; EDNS0 echoed (payload response_payload, DO copied) when the query had it. Records are then
/// pushed by the caller. Precondition: r <= 15 unless the query had EDNS.
[[nodiscard]] message make_response(const message& query, dns::rcode r = dns::rcode::noerror,
                                    std::uint16_t response_payload = 1232);

}  // namespace sockit::dns
