// SPDX-License-Identifier: MIT
// enum_category: the std::error_category every sockit error enum uses: a name, and a message per value.
#pragma once

#include <string>
#include <system_error>

namespace sockit {

/// A std::error_category whose messages come from a function of the enum's values. One per error enum,
/// as a function-local static behind the enum's category function:
///
///     const std::error_category& codec_category() noexcept {
///         static const enum_category<codec_errc> instance("sockit.codec", describe);
///         return instance;
///     }
template <class E>
class enum_category final : public std::error_category {
public:
    /// The message of one value (a string literal, or a fallback for values outside the enum).
    using describe_fn = const char* (*)(E) noexcept;

    constexpr enum_category(const char* name, describe_fn describe) noexcept
        : name_(name), describe_(describe) {}

    [[nodiscard]] const char* name() const noexcept override { return name_; }
    [[nodiscard]] std::string message(int value) const override { return describe_(static_cast<E>(value)); }

private:
    const char* name_;
    describe_fn describe_;
};

}  // namespace sockit
