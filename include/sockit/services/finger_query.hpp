// SPDX-License-Identifier: MIT
// finger_query: the query line of the Finger protocol (RFC 1288 section 2.3), parsed and checked.
#pragma once

#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"

namespace sockit::services {

/// One finger query: [/W] [user] [@host...]. Views into the caller's line.
struct finger_query {
    bool verbose = false;                 ///< "/W" (the RFC's "whois" switch: more detail)
    std::string_view user;                ///< empty: a list of users was asked for ({Q1} without {U})
    std::vector<std::string_view> hosts;  ///< non-empty: a forwarding request ({Q2}: user@host[@host...])

    /// Parses the query line without its CRLF. Grammar (RFC 1288 2.3): {Q1} ::= [{W}|{W}{S}{U}]{C},
    /// {Q2} ::= [{W}{S}][{U}]{H}{C}, {H} ::= @hostname | @hostname{H}, {W} ::= "/W" (also "/w"), {S} one or
    /// more spaces; spaces around the whole query are ignored. User names hold letters, digits, '.', '_'
    /// and '-', do not start with '.' or '-', and have at most 32 characters (so they are safe file names).
    /// Errors: codec_errc::bad_value for anything else (a control byte, a bad user name, an empty host,
    /// "/W" glued to the user, a second "/W").
    [[nodiscard]] static result<finger_query> parse(std::string_view line);

    /// True for a valid user name (the rule above).
    [[nodiscard]] static bool is_valid_user(std::string_view name) noexcept;
};

}  // namespace sockit::services
