// SPDX-License-Identifier: MIT
// mac_address: a 48-bit IEEE 802 MAC address (EUI-48) value type, parsed and formatted as aa:bb:cc:dd:ee:ff.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::wire {

/// A MAC address: six bytes in transmission order. Trivially copyable; compares bytewise.
class mac_address {
public:
    static constexpr std::size_t size = 6;
    /// Characters written by format_to (no terminating NUL).
    static constexpr std::size_t text_size = 17;

    constexpr mac_address() noexcept = default;
    constexpr explicit mac_address(const std::array<std::uint8_t, 6>& b) noexcept : bytes_(b) {}

    /// Copies six bytes (from a frame, for example).
    static mac_address from_bytes(std::span<const std::uint8_t, 6> b) noexcept;
    /// Parses "aa:bb:cc:dd:ee:ff" or "aa-bb-cc-dd-ee-ff" (hex digits in either case, two per byte).
    /// Errors: codec_errc::bad_value for anything else. Never allocates.
    static result<mac_address> parse(std::string_view text) noexcept;
    /// ff:ff:ff:ff:ff:ff.
    static constexpr mac_address broadcast() noexcept {
        return mac_address({0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
    }

    [[nodiscard]] constexpr const std::array<std::uint8_t, 6>& bytes() const noexcept { return bytes_; }
    /// All ones.
    [[nodiscard]] constexpr bool is_broadcast() const noexcept { return *this == broadcast(); }
    /// The I/G bit (least significant bit of the first byte) is set: a group address (broadcast included).
    [[nodiscard]] constexpr bool is_multicast() const noexcept { return (bytes_[0] & 1) != 0; }
    /// The U/L bit is set: locally administered rather than assigned by the manufacturer.
    [[nodiscard]] constexpr bool is_local() const noexcept { return (bytes_[0] & 2) != 0; }

    /// Writes the 17 characters of "aa:bb:cc:dd:ee:ff" (lower case) at out and returns out + 17.
    /// Precondition: out points at 17 writable chars. Never allocates.
    char* format_to(char* out) const noexcept;
    /// The address as "aa:bb:cc:dd:ee:ff".
    [[nodiscard]] std::string to_string() const;

    friend constexpr bool operator==(const mac_address&, const mac_address&) noexcept = default;

private:
    std::array<std::uint8_t, 6> bytes_{};
};

}  // namespace sockit::wire
