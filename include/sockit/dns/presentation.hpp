// SPDX-License-Identifier: MIT
// presentation: DNS records and messages as text, in dig's layout (RFC 1035 §5.1 master file syntax,
// RFC 3597 §5 for unknown types and classes).
#pragma once

#include <string>
#include <string_view>

#include "sockit/dns/message.hpp"
#include "sockit/dns/question.hpp"
#include "sockit/dns/rdata.hpp"
#include "sockit/dns/resource_record.hpp"

namespace sockit::dns {

/// Field separation of a record line.
enum class text_style {
    dig,  ///< tab-aligned columns exactly as dig 9.18 prints them (name to 24, TTL, class 32, type 40, RDATA
          ///< 48)
    plain,  ///< single spaces, as a zone file line or dnspython's to_text()
};

/// The RDATA as dig shows it: "10 mail.example.org.", "\"a\" \"b\"", "\# 3 ABCDEF" for unknown types
/// (uppercase hex in 56-digit chunks). Allocates the string.
[[nodiscard]] std::string rdata_to_string(const rdata& rd);

/// One record line without a newline: "example.org.  3600  IN  A  192.0.2.1".
[[nodiscard]] std::string to_string(const resource_record& rr, text_style style = text_style::dig);

/// One question line as dig prints it (";example.org.\t\t\tIN\tAAAA"), without a newline.
[[nodiscard]] std::string to_string(const question& q, text_style style = text_style::dig);

/// A character-string in quotes, escaped as dig does: `"` and `\` with a backslash, bytes outside
/// 0x20..0x7e as \DDD.
[[nodiscard]] std::string quote_string(std::string_view s);

/// The whole message as dig prints it between ";; Got answer:" and ";; Query time:": the HEADER and flags
/// lines, the OPT PSEUDOSECTION, then the QUESTION, ANSWER, AUTHORITY and ADDITIONAL sections (empty ones
/// left out), each followed by a blank line.
[[nodiscard]] std::string to_string(const message& m);

}  // namespace sockit::dns
