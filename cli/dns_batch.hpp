// SPDX-License-Identifier: MIT
// `sockit dns --batch`: names from a file or stdin resolved concurrently, one JSON line per input line.
#pragma once

#include <cstdint>
#include <string>

#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"
#include "sockit/dns_client/batch_resolver.hpp"

namespace sockit::cli {

/// What a batch run needs besides the input.
struct dns_batch_settings {
    std::string file;                             ///< path, or "-" for stdin
    dns_client::batch_options batch;              ///< servers, exchange options, queries in flight
    dns::rr_type default_type = dns::rr_type::a;  ///< for lines without a TYPE
    dns::rr_class klass = dns::rr_class::in;
};

/// Reads `NAME [TYPE]` lines ('#' starts a comment; blank lines skipped), resolves them on one event
/// loop with at most batch.in_flight queries at once, and prints one JSON object per input line, in input
/// order, each with its line number. Progress goes to stderr when it is a terminal. Returns the exit
/// code: 0 when every line got a response, else the highest of 65 (bad line or malformed response),
/// 69 (no answer), 71 (local failure); 74 when the input cannot be read.
int run_dns_batch(const dns_batch_settings& settings);

}  // namespace sockit::cli
