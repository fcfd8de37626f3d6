// SPDX-License-Identifier: MIT
// client_errc: why a DNS exchange produced no usable response (RFC 1035 §4.2, RFC 5452 §9).
#pragma once

#include <system_error>

namespace sockit::dns_client {

/// The failures of a DNS client exchange that are not system errors (those keep their std::errc value:
/// connection_refused for an ICMP port unreachable or a TCP RST, for instance).
enum class client_errc {
    timed_out = 1,       ///< every try ran out of time without an acceptable response
    malformed_response,  ///< only undecodable responses carrying our query ID arrived
    connection_closed,   ///< a TCP server closed the connection before sending a whole response
};

/// The category of client_errc; name() is "sockit.dns.client".
const std::error_category& client_category() noexcept;

inline std::error_code make_error_code(client_errc e) noexcept {
    return {static_cast<int>(e), client_category()};
}

}  // namespace sockit::dns_client

template <>
struct std::is_error_code_enum<sockit::dns_client::client_errc> : std::true_type {};
