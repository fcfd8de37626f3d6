// SPDX-License-Identifier: MIT
// preconditions: If-None-Match (RFC 9110 §13.1.2) and If-Range (§13.1.5) with weak and strong entity-tag
// comparison (§8.8.3.2).
#include "sockit/http/preconditions.hpp"

#include "chars.hpp"
#include "sockit/http/http_date.hpp"

namespace sockit::http {

using detail::trim_ows;

bool none_match_hits(std::string_view list, std::string_view etag) noexcept {
    list = trim_ows(list);
    if (list == "*") return true;
    while (!list.empty()) {
        const auto comma = list.find(',');
        std::string_view tag = trim_ows(list.substr(0, comma));
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag == etag) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

bool if_range_holds(std::string_view field, std::string_view etag, std::time_t modified) noexcept {
    const std::string_view v = trim_ows(field);
    if (!v.empty() && (v.front() == '"' || v.substr(0, 2) == "W/")) return v == etag;  // strong comparison
    const auto t = parse_http_date(v);
    return t && *t == modified;
}

}  // namespace sockit::http
