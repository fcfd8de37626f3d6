// SPDX-License-Identifier: MIT
// io_mask: the readiness bits an event loop watches for and a poller reports (readable, writable, error,
// hangup).
#pragma once

#include <cstdint>

namespace sockit {

/// A set of readiness conditions. Interest uses readable and writable; pollers also report error and
/// hangup, which the event loop delivers to whichever of the watch's callbacks are interested.
enum class io_mask : std::uint8_t {
    none = 0,
    readable = 1,    ///< data (or a connection, or EOF) can be read without blocking
    writable = 2,    ///< some bytes can be written without blocking
    read_write = 3,  ///< readable | writable
    error = 4,       ///< an error is pending on the descriptor (report only)
    hangup = 8,      ///< the peer hung up, or the descriptor is no longer valid (report only)
};

constexpr io_mask operator|(io_mask a, io_mask b) noexcept {
    return static_cast<io_mask>(static_cast<std::uint8_t>(a) | static_cast<std::uint8_t>(b));
}
constexpr io_mask operator&(io_mask a, io_mask b) noexcept {
    return static_cast<io_mask>(static_cast<std::uint8_t>(a) & static_cast<std::uint8_t>(b));
}
constexpr io_mask operator~(io_mask a) noexcept {
    return static_cast<io_mask>(~static_cast<std::uint8_t>(a) & 0x0f);
}
constexpr io_mask& operator|=(io_mask& a, io_mask b) noexcept { return a = a | b; }
constexpr io_mask& operator&=(io_mask& a, io_mask b) noexcept { return a = a & b; }

/// True when `mask` holds any bit of `bits`.
constexpr bool has_any(io_mask mask, io_mask bits) noexcept { return (mask & bits) != io_mask::none; }

}  // namespace sockit
