// SPDX-License-Identifier: MIT
// header_list: the field lines of a parsed HTTP message as name/value views, with case-insensitive lookup
// (RFC 9110 §5.1, §5.3, §5.6.1).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace sockit::http {

/// One field line: views into the caller's receive buffer. The value has no leading or trailing whitespace.
struct header_field {
    std::string_view name;
    std::string_view value;
};

/// ASCII case-insensitive equality (field names, tokens); no locale. Thread-safe, never fails.
[[nodiscard]] constexpr bool ascii_iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + ('a' - 'A'));
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + ('a' - 'A'));
        if (x != y) return false;
    }
    return true;
}

/// A read-only list of field lines in the order received; owns nothing. Views stay valid as long as the
/// parser that produced them is not reused and the caller's buffer holding the head is unchanged.
class header_list {
public:
    /// An empty list, or a view of fields owned by a parser.
    constexpr header_list() noexcept = default;
    constexpr explicit header_list(std::span<const header_field> fields) noexcept : fields_(fields) {}

    /// Number of field lines; size/empty/begin/end/[] never fail (index < size() is a precondition).
    [[nodiscard]] constexpr std::size_t size() const noexcept { return fields_.size(); }
    [[nodiscard]] constexpr bool empty() const noexcept { return fields_.empty(); }
    [[nodiscard]] constexpr auto begin() const noexcept { return fields_.begin(); }
    [[nodiscard]] constexpr auto end() const noexcept { return fields_.end(); }
    [[nodiscard]] constexpr const header_field& operator[](std::size_t i) const noexcept {
        return fields_[i];
    }

    /// The value of the first field named `name` (case-insensitive), or nullopt. Never fails.
    [[nodiscard]] std::optional<std::string_view> find(std::string_view name) const noexcept;
    /// How many field lines are named `name` (case-insensitive). Never fails.
    [[nodiscard]] std::size_t count(std::string_view name) const noexcept;
    /// True when a field line is named `name`. Never fails.
    [[nodiscard]] bool contains(std::string_view name) const noexcept { return count(name) != 0; }
    /// True when any field line named `name` holds `token` as a comma-separated list element (compared
    /// case-insensitively, OWS around elements ignored): `has_token("Connection", "close")`. Never fails.
    [[nodiscard]] bool has_token(std::string_view name, std::string_view token) const noexcept;

private:
    std::span<const header_field> fields_{};
};

}  // namespace sockit::http
