// SPDX-License-Identifier: MIT
// `sockit nc` port operands: numbers, ranges and lists, service names, with OpenBSD nc's wording for errors.
#include "nc_ports.hpp"

#include <fmt/format.h>

#include <charconv>
#include <utility>

namespace sockit::cli {

/// A whole-string decimal integer, or nullopt.
std::optional<long long> nc_integer(std::string_view s) {
    long long v = 0;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, v);
    if (s.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return v;
}

/// One port number: nc's messages for too small / too large / not a number.
result<std::uint16_t, std::string> nc_port(std::string_view s) {
    auto v = nc_integer(s);
    if (!v) return fail(fmt::format("port number invalid: {}", s));
    if (*v < 1) return fail(fmt::format("port number too small: {}", s));
    if (*v > 65535) return fail(fmt::format("port number too large: {}", s));
    return static_cast<std::uint16_t>(*v);
}

bool is_nc_service_name(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    bool has_letter = false;
    for (char c : s) {
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        has_letter = has_letter || letter;
        if (!letter && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.' && c != '+') return false;
    }
    return has_letter;
}

result<std::vector<std::string>, std::string> parse_nc_ports(std::string_view spec) {
    std::vector<std::string> out;
    if (spec.empty()) return fail(std::string("port number invalid: (empty)"));
    std::size_t start = 0;
    while (start <= spec.size()) {
        std::size_t comma = spec.find(',', start);
        std::string_view item =
            spec.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (item.empty()) return fail(fmt::format("port number invalid: {}", spec));
        std::size_t dash = item.find('-');
        if (dash != std::string_view::npos && dash > 0) {
            auto lo = nc_port(item.substr(0, dash));
            if (!lo) return fail(lo.error());
            auto hi = nc_port(item.substr(dash + 1));
            if (!hi) return fail(hi.error());
            unsigned a = *lo, b = *hi;
            if (a > b) std::swap(a, b);  // nc scans a reversed range in increasing order
            for (unsigned p = a; p <= b; ++p) out.push_back(std::to_string(p));
        } else if (auto v = nc_integer(item)) {
            auto port = nc_port(item);
            if (!port) return fail(port.error());
            out.push_back(std::to_string(*port));
        } else if (is_nc_service_name(item)) {
            out.emplace_back(item);
        } else {
            return fail(fmt::format("port number invalid: {}", item));
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace sockit::cli
