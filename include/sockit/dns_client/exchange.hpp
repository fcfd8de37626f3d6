// SPDX-License-Identifier: MIT
// exchange: what one DNS query/response exchange is asked to do and what it got (RFC 1035 §4.2, RFC 5452
// spoofing resistance, RFC 6891 EDNS0, RFC 7766 TCP), plus a blocking one-shot form.
#pragma once

#include <chrono>
#include <cstddef>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/message_builder.hpp"
#include "sockit/dns/question.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::dns_client {

/// How to run one exchange. The query ID is always drawn from the kernel's CSPRNG (getrandom); the
/// query_options' id is ignored.
struct exchange_options {
    std::chrono::milliseconds timeout{5000};  ///< per try (UDP datagram or TCP connection)
    unsigned tries = 3;                       ///< tries per transport, at least 1
    bool start_with_tcp = false;              ///< skip UDP
    bool ignore_truncation = false;           ///< accept a TC=1 UDP answer instead of retrying over TCP
    dns::query_options query;                 ///< RD, EDNS payload (1232 by default), DO, ...
};

/// The accepted response and how it was obtained.
struct exchange_result {
    byte_buffer wire;                     ///< the response as received (without a TCP length prefix)
    dns::message response;                ///< decoded
    endpoint server;                      ///< who answered
    bool over_tcp = false;                ///< the accepted response came over TCP
    bool truncated_retry = false;         ///< a UDP answer had TC set and TCP followed
    unsigned tries = 0;                   ///< datagrams sent plus connections opened
    std::chrono::microseconds elapsed{};  ///< from the first send to the accepted response
    std::size_t ignored = 0;              ///< responses dropped: wrong source, ID or question
    std::size_t malformed = 0;            ///< responses with our ID dropped because they do not decode
};

/// Runs one exchange to completion on a private event loop. Blocks up to about timeout × tries per
/// transport. Errors: client_errc::timed_out, client_errc::malformed_response (only undecodable answers
/// with our ID came), client_errc::connection_closed, std::errc::connection_refused (ICMP port
/// unreachable or TCP RST on the last try), and socket errors (EMFILE, ENETUNREACH, EAFNOSUPPORT, ...).
/// Thread-safe (nothing shared).
[[nodiscard]] result<exchange_result> exchange(const dns::question& q, const endpoint& server,
                                               const exchange_options& options = {});

}  // namespace sockit::dns_client
