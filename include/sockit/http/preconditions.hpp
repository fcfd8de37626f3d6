// SPDX-License-Identifier: MIT
// preconditions: evaluating If-None-Match and If-Range against a representation's validators (RFC 9110
// §13.1.2, §13.1.5, §8.8.3.2).
#pragma once

#include <ctime>
#include <string_view>

namespace sockit::http {

/// True when the If-None-Match field value `list` ("*" or a list of entity-tags) matches `etag` (the
/// current entity-tag, quotes included) by weak comparison: the precondition then fails (304 for GET
/// and HEAD). Thread-safe, never fails.
[[nodiscard]] bool none_match_hits(std::string_view list, std::string_view etag) noexcept;

/// True when the If-Range field value `field` names the current representation: an entity-tag equal to
/// `etag` by strong comparison (a weak tag never matches), or an HTTP-date equal to `modified`. An
/// invalid date never matches. Thread-safe, never fails.
[[nodiscard]] bool if_range_holds(std::string_view field, std::string_view etag,
                                  std::time_t modified) noexcept;

}  // namespace sockit::http
