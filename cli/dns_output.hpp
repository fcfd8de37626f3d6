// SPDX-License-Identifier: MIT
// `sockit dns` output: dig-style text, +short, JSON objects, statuses and exit codes of exchanges.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/dns/question.hpp"
#include "sockit/dns/resource_record.hpp"
#include "sockit/dns_client/exchange.hpp"
#include "sockit/sock/endpoint.hpp"

namespace sockit::cli {

/// "127.0.0.1#5353" or "::1#53", as dig names a server.
std::string dns_server_text(const endpoint& server);

/// The status of an outcome: the RCODE mnemonic of a response (NOERROR, NXDOMAIN, SERVFAIL, ...), or
/// TIMEOUT, MALFORMED, UNREACHABLE (refused, closed, network errors), ERROR (local failures).
std::string dns_status(const result<dns_client::exchange_result>& outcome);

/// The exit code of an outcome: 0 for any response, 65 malformed, 69 no answer, 71 local OS failure.
int dns_exit_code(const result<dns_client::exchange_result>& outcome);

/// Why an exchange failed, for an error line ("no answer after 3 tries of 5000 ms: timed out"), when
/// `servers` servers were asked in turn (the error is the last one's).
std::string dns_failure_text(const std::error_code& ec, const dns_client::exchange_options& options,
                             std::size_t servers);

/// One record as {name, type, class, ttl, data}.
nlohmann::ordered_json dns_record_json(const dns::resource_record& rr);

/// A section's records as a JSON array of dns_record_json objects.
nlohmann::ordered_json dns_section_json(const std::vector<dns::resource_record>& records);

/// Microseconds as fractional milliseconds, as the JSON `time_ms` keys carry them.
double dns_millis(std::chrono::microseconds us);

/// One exchange as the JSON object documented in sockit-dns(1) (single-query mode); `server` is the one that
/// answered, else the last of the `servers` asked.
nlohmann::ordered_json dns_exchange_json(const dns::question& q, const endpoint& server,
                                         const result<dns_client::exchange_result>& outcome,
                                         const dns_client::exchange_options& options, std::size_t servers);

/// dig's full text for one answered exchange: the banner, the message, query time, server, when, size.
std::string dns_dig_text(std::string_view banner, const dns_client::exchange_result& r);

/// +short: the RDATA of each answer record, one per line.
std::string dns_short_text(const dns_client::exchange_result& r);

}  // namespace sockit::cli
