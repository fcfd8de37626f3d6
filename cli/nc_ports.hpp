// SPDX-License-Identifier: MIT
// `sockit nc` port operands: one port, ranges `lo-hi`, comma lists, service names; nc's error wording.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/result.hpp"

namespace sockit::cli {

/// A whole-string decimal integer, or nullopt.
std::optional<long long> nc_integer(std::string_view s);

/// One port number 1..65535: nc's messages for too small / too large / not a number.
result<std::uint16_t, std::string> nc_port(std::string_view s);

/// Whether s can be a service name (letters, digits, - _ . +, at least one letter, at most 64).
bool is_nc_service_name(std::string_view s);

/// Parses one port operand: a number, a range `lo-hi` (swapped when reversed), a comma list of those, or a
/// service name (returned unchanged). Errors as nc words them ("port number too small: 0").
result<std::vector<std::string>, std::string> parse_nc_ports(std::string_view spec);

}  // namespace sockit::cli
