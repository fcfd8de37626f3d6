// SPDX-License-Identifier: MIT
// byte_range: the ranges-specifier grammar of RFC 9110 §14.1.1 and the satisfiability rules of §14.1.2.
#include "sockit/http/byte_range.hpp"

#include <optional>

#include "chars.hpp"
#include "sockit/http/header_list.hpp"

namespace sockit::http {

using detail::trim_ows;

namespace {

// 1*DIGIT without overflow; nullopt for anything else (an empty string included).
std::optional<std::uint64_t> number(std::string_view s) noexcept {
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (UINT64_MAX - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    return v;
}

}  // namespace

byte_range byte_range::evaluate(std::string_view header, std::uint64_t length) noexcept {
    const byte_range full{};
    header = trim_ows(header);
    const auto eq = header.find('=');
    if (eq == std::string_view::npos || !ascii_iequals(trim_ows(header.substr(0, eq)), "bytes")) return full;
    std::string_view rest = header.substr(eq + 1);

    int specs = 0;
    int satisfiable = 0;
    byte_range one{outcome::partial, 0, 0};
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = trim_ows(rest.substr(0, comma));
        if (!item.empty()) {  // list elements may be empty (RFC 9110 §5.6.1)
            const auto dash = item.find('-');
            if (dash == std::string_view::npos) return full;
            const std::string_view a = item.substr(0, dash);
            const std::string_view b = item.substr(dash + 1);
            ++specs;
            if (a.empty()) {
                // suffix-range "-N": the last N bytes; "-0" and an empty representation are unsatisfiable.
                auto n = number(b);
                if (!n) return full;
                if (*n > 0 && length > 0) {
                    ++satisfiable;
                    one.first = *n >= length ? 0 : length - *n;
                    one.last = length - 1;
                }
            } else {
                auto first = number(a);
                if (!first) return full;
                std::optional<std::uint64_t> last;
                if (!b.empty()) {
                    last = number(b);
                    if (!last || *last < *first) return full;  // invalid: the whole field is ignored
                }
                if (*first < length) {
                    ++satisfiable;
                    one.first = *first;
                    one.last = last && *last < length ? *last : length - 1;
                }
            }
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (specs == 0) return full;
    if (satisfiable == 0) return {outcome::unsatisfiable, 0, 0};
    if (specs > 1) return full;
    return one;
}

}  // namespace sockit::http
