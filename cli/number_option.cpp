// SPDX-License-Identifier: MIT
// Numeric options with bounds in words: parsing without wrap-around, and the error text.
#include "number_option.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "output.hpp"

namespace sockit::cli {

namespace {

// How much of a bad argument an error line repeats.
constexpr std::size_t shown_chars = 24;

// The bounds as a phrase: "between 1 and 65535", "at least 1", "at most 5"; the type's limits when the
// option has no real bound.
std::string bounds_words(const number_bounds& b) {
    if (b.low_is_real && !b.high_is_real) return "at least " + b.low;
    if (!b.low_is_real && b.high_is_real) return "at most " + b.high;
    return fmt::format("between {} and {}", b.low, b.high);
}

}  // namespace

std::string bounds_error(const number_bounds& b, number_fit fit, std::string_view text) {
    std::string words;
    switch (fit) {
        case number_fit::below: words = b.low_is_real ? bounds_words(b) : "at least " + b.low; break;
        case number_fit::above: words = b.high_is_real ? bounds_words(b) : "at most " + b.high; break;
        default:
            words = (b.whole ? "a whole number " : "a number ") +
                    (b.whole || b.low_is_real || b.high_is_real ? bounds_words(b) : std::string());
            break;
    }
    while (!words.empty() && words.back() == ' ') words.pop_back();
    return fmt::format("must be {}, not '{}'", words, shorten(text, shown_chars));
}

std::string bounds_summary(const number_bounds& b) {
    if (b.low_is_real && b.high_is_real) return fmt::format("in [{} - {}]", b.low, b.high);
    if (b.low_is_real) return "at least " + b.low;
    if (b.high_is_real) return "at most " + b.high;
    return {};
}

CLI::Validator size_suffixes() {
    auto expand = [](std::string& text) -> std::string {
        std::string_view digits = text;
        std::string unit;
        while (!digits.empty() && std::isalpha(static_cast<unsigned char>(digits.back()))) {
            unit.insert(unit.begin(),
                        static_cast<char>(std::tolower(static_cast<unsigned char>(digits.back()))));
            digits.remove_suffix(1);
        }
        static constexpr std::string_view units = "kmgt";
        if (unit.empty() || unit == "b") return {};
        const auto power = units.find(unit[0]);
        const auto rest = std::string_view(unit).substr(1);
        if (power == std::string_view::npos || !(rest.empty() || rest == "b" || rest == "i" || rest == "ib"))
            return {};
        unsigned long long v = 0;
        if (parse_number(digits, v) != number_fit::inside) return {};
        const unsigned shift = 10 * (static_cast<unsigned>(power) + 1);
        // beyond 2^64: a text past every bound, so that within() says "at most"
        text = v > (~0ULL >> shift) ? "99999999999999999999999" : std::to_string(v << shift);
        return {};
    };
    return CLI::Validator(expand, "", "size_suffixes");
}

std::string number_text(long long v) { return std::to_string(v); }
std::string number_text(unsigned long long v) { return std::to_string(v); }
std::string number_text(double v) { return fmt::format("{}", v); }

number_fit parse_number(std::string_view text, double& out) noexcept {
    if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) return number_fit::not_a_number;
    const std::string copy(text);  // strtod wants a terminated string
    char* end = nullptr;
    const double v = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || std::isnan(v)) return number_fit::not_a_number;
    if (std::isinf(v)) return v > 0 ? number_fit::above : number_fit::below;  // "inf", or 1e400's overflow
    out = v;
    return number_fit::inside;
}

}  // namespace sockit::cli
