// SPDX-License-Identifier: MIT
// enum_category: the std::error_category every sockit error enum uses: a name, and a message per value.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <system_error>

namespace sockit {

/// A std::error_category whose messages come from a table indexed by the enum's values, which run from 1
/// in declaration order. One per error enum, made by enum_category_of behind the enum's category function:
///
///     constexpr const char* messages[] = {"need more input", "truncated", ...};
///     const std::error_category& codec_category() noexcept {
///         return enum_category_of<codec_errc::no_space>("sockit.codec", messages, "unknown codec error");
///     }
template <class E>
class enum_category final : public std::error_category {
public:
    /// messages[v - 1] is the message of value v; unknown is the message of a value outside the table.
    constexpr enum_category(const char* name, std::span<const char* const> messages,
                            const char* unknown) noexcept
        : name_(name), messages_(messages), unknown_(unknown) {}

    [[nodiscard]] const char* name() const noexcept override { return name_; }
    [[nodiscard]] std::string message(int value) const override {
        if (value < 1 || static_cast<std::size_t>(value) > messages_.size()) return unknown_;
        return messages_[static_cast<std::size_t>(value) - 1];
    }

private:
    const char* name_;
    std::span<const char* const> messages_;
    const char* unknown_;
};

/// The one enum_category of the error enum whose values run from 1 to Last, made on first use (a
/// function-local static: thread-safe). messages holds one message per value in declaration order; a
/// table whose length is not Last does not compile.
template <auto Last, std::size_t N>
const std::error_category& enum_category_of(const char* name, const char* const (&messages)[N],
                                            const char* unknown) noexcept {
    static_assert(N == static_cast<std::size_t>(Last), "one message per enum value, in declaration order");
    static const enum_category<decltype(Last)> instance(name, messages, unknown);
    return instance;
}

}  // namespace sockit
