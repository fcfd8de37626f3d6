// SPDX-License-Identifier: MIT
// result<T, E>: a value or an error (std::error_code unless said otherwise); the return type of every
// operation that makes a syscall, resolves a name or decodes untrusted bytes.
#pragma once

#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>

namespace sockit {

/// The error half of a result, spelled `return fail(e);` so that a T constructible from E stays unambiguous.
template <class E>
struct failure {
    E error;
};

/// Wraps an error for returning from a function whose return type is result<T, E>; an error enum
/// (codec_errc, ...) becomes the std::error_code of a result<T>.
template <class E>
[[nodiscard]] constexpr failure<std::decay_t<E>> fail(E&& e) {
    return {std::forward<E>(e)};
}

/// A value of type T, or an error of type E. Accessing the wrong half is a programming error and throws
/// std::bad_variant_access rather than reading garbage.
template <class T, class E = std::error_code>
class [[nodiscard]] result {
public:
    using value_type = T;
    using error_type = E;

    template <class U = T>
    requires std::is_constructible_v<T, U&&> &&
        (!std::is_same_v<std::remove_cvref_t<U>, result>)constexpr result(U&& value)
        : state_(std::in_place_index<0>, std::forward<U>(value)) {}

    template <class G>
    requires std::is_constructible_v<E, G&&>
    constexpr result(failure<G> f) : state_(std::in_place_index<1>, std::move(f.error)) {}

    [[nodiscard]] constexpr bool has_value() const noexcept { return state_.index() == 0; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    [[nodiscard]] constexpr T& value() & { return std::get<0>(state_); }
    [[nodiscard]] constexpr const T& value() const& { return std::get<0>(state_); }
    [[nodiscard]] constexpr T&& value() && { return std::get<0>(std::move(state_)); }
    constexpr T& operator*() & { return value(); }
    constexpr const T& operator*() const& { return value(); }
    constexpr T&& operator*() && { return std::move(*this).value(); }
    constexpr T* operator->() { return &value(); }
    constexpr const T* operator->() const { return &value(); }

    [[nodiscard]] constexpr const E& error() const& { return std::get<1>(state_); }
    [[nodiscard]] constexpr E&& error() && { return std::get<1>(std::move(state_)); }

    template <class U>
    [[nodiscard]] constexpr T value_or(U&& fallback) const& {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, E> state_;
};

/// result<void, E>: success carries nothing.
template <class E>
class [[nodiscard]] result<void, E> {
public:
    using value_type = void;
    using error_type = E;

    constexpr result() noexcept = default;
    template <class G>
    requires std::is_constructible_v<E, G&&>
    constexpr result(failure<G> f) : error_(std::move(f.error)), failed_(true) {}

    [[nodiscard]] constexpr bool has_value() const noexcept { return !failed_; }
    constexpr explicit operator bool() const noexcept { return has_value(); }
    [[nodiscard]] constexpr const E& error() const& { return error_; }

private:
    E error_{};
    bool failed_ = false;
};

}  // namespace sockit
