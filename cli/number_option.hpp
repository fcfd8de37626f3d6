// SPDX-License-Identifier: MIT
// Numeric options with bounds in words: every number an option takes is checked against its real bounds
// (or its type's), and a value outside them gets "--max-conns: must be at least 1, not '0'".
#pragma once

#include <CLI/CLI.hpp>
#include <charconv>
#include <concepts>
#include <limits>
#include <string>
#include <string_view>

namespace sockit::cli {

/// Where a text lies relative to a numeric option's bounds.
enum class number_fit { inside, below, above, not_a_number };

/// The bounds of a numeric option as text, and whether each is a real bound or only its type's limit.
struct number_bounds {
    std::string low;
    std::string high;
    bool low_is_real = true;
    bool high_is_real = true;
    bool whole = true;  // an integer option
};

/// "must be at least 1, not '0'": the error for a text that lies at `fit` (not inside), naming the bound
/// it broke in words (the argument cut to a few characters). No I/O.
std::string bounds_error(const number_bounds& bounds, number_fit fit, std::string_view text);

/// How --help shows the bounds: "in [1 - 65535]", "at least 1", "at most 5" (nothing for a type's limits).
std::string bounds_summary(const number_bounds& bounds);

/// The text of an integer value; the shortest text of a double ("0.001", "86400").
std::string number_text(long long v);
std::string number_text(unsigned long long v);
std::string number_text(double v);

/// Parses text as an integer of type T as CLI11 then converts it (strtoll's base 0: "0x1f" hexadecimal,
/// "017" octal, else decimal; a sign allowed; blanks not). Out of T's range: below or above (by the sign),
/// never wrapped. No allocation.
template <std::integral T>
number_fit parse_number(std::string_view text, T& out) noexcept {
    const bool negative = !text.empty() && text[0] == '-';
    auto digits = text.substr(!text.empty() && (negative || text[0] == '+') ? 1 : 0);
    int base = 10;
    if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
        base = 16;
        digits.remove_prefix(2);
    } else if (digits.size() > 1 && digits[0] == '0') {
        base = 8;
    }
    unsigned long long magnitude = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (digits.empty() || end != digits.data() + digits.size() ||
        (ec != std::errc{} && ec != std::errc::result_out_of_range))
        return number_fit::not_a_number;
    if (ec == std::errc::result_out_of_range) return negative ? number_fit::below : number_fit::above;
    using limits = std::numeric_limits<T>;
    if (!negative) {
        if (magnitude > static_cast<unsigned long long>(limits::max())) return number_fit::above;
        out = static_cast<T>(magnitude);
        return number_fit::inside;
    }
    if (magnitude == 0) {
        out = 0;  // "-0"
        return number_fit::inside;
    }
    if constexpr (std::unsigned_integral<T>) {
        return number_fit::below;
    } else {
        // -(min + 1) + 1: the magnitude of T's lowest value, without overflow
        const auto most = static_cast<unsigned long long>(-(limits::min() + 1)) + 1;
        if (magnitude > most) return number_fit::below;
        out = static_cast<T>(-static_cast<long long>(magnitude - 1) - 1);
        return number_fit::inside;
    }
}
/// Parses text as a finite double (strtod's forms, "0x1p3" included); "inf" is above, "-inf" below, "nan"
/// and blanks are not a number.
number_fit parse_number(std::string_view text, double& out) noexcept;

/// The check of a numeric option of type T whose value must lie in [min, max] (default: every value T
/// holds): `->check(within<std::size_t>(1, 100000))`. It parses the text itself (no wrap-around: "-1" and
/// 2^64 are out of a size_t's range), runs after any transform added to the option (size suffixes), and
/// says the bounds in --help. A value outside them, or no number, is a usage error naming the bound in
/// words (parse() prints "--max-conns: must be at least 1, not '0'").
template <class T>
CLI::Validator within(T min = std::numeric_limits<T>::lowest(), T max = std::numeric_limits<T>::max()) {
    using wide =
        std::conditional_t<std::floating_point<T>, double,
                           std::conditional_t<std::signed_integral<T>, long long, unsigned long long>>;
    number_bounds bounds{number_text(static_cast<wide>(min)), number_text(static_cast<wide>(max)),
                         min > std::numeric_limits<T>::lowest(), max < std::numeric_limits<T>::max(),
                         std::integral<T>};
    auto check = [bounds, min, max](std::string& text) -> std::string {
        T v{};
        auto fit = parse_number(text, v);
        if (fit == number_fit::inside && v < min) fit = number_fit::below;
        if (fit == number_fit::inside && v > max) fit = number_fit::above;
        return fit == number_fit::inside ? std::string() : bounds_error(bounds, fit, text);
    };
    return CLI::Validator(check, bounds_summary(bounds), "within");
}

/// A transform for byte counts: "64K", "1M", "2G" ("KB", "KiB", "kib" too; powers of 1024) become their
/// decimal value; any other text is left for within() to judge (it names the bounds). Add it after
/// within(): transforms run first.
CLI::Validator size_suffixes();

/// within(min, T's largest value): "--max-conns must be at least 1".
template <class T>
CLI::Validator at_least(T min) {
    return within<T>(min);
}

}  // namespace sockit::cli
