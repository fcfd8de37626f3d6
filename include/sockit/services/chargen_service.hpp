// SPDX-License-Identifier: MIT
// chargen_service: RFC 864 — the rotating 72-character lines of the 95 printable ASCII characters, CRLF.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "sockit/services/service.hpp"

namespace sockit::services {

/// The pattern of RFC 864: the 95 printable ASCII characters from ' ' (32) to '~' (126) as a ring; line
/// N holds the 72 characters starting at ring position N mod 95, followed by CR LF (74 bytes). The stream
/// is lines 0, 1, 2, ... back to back, so it repeats every 95 lines (7,030 bytes).
struct chargen_pattern {
    static constexpr std::size_t ring = 95;
    static constexpr std::size_t line_chars = 72;
    static constexpr std::size_t line_bytes = line_chars + 2;
    static constexpr std::size_t period = ring * line_bytes;

    /// The byte at `offset` of the infinite stream.
    [[nodiscard]] static std::uint8_t at(std::uint64_t offset) noexcept;
    /// Appends `count` bytes of the stream starting at `offset`. Throws std::bad_alloc only.
    static void append(byte_buffer& out, std::uint64_t offset, std::size_t count);
};

/// RFC 864 chargen on port 19. TCP: sends the pattern for as long as the peer reads, and only when the
/// socket is writable (a generator session); input is discarded. UDP: each datagram is answered with
/// 0–512 characters of the pattern, starting at the next line of a rotation shared by all requests.
class chargen_service final : public service {
public:
    struct options {
        /// Characters per UDP reply (clamped to 512); nullopt: a random length in [0, 512] as RFC 864 says.
        std::optional<std::size_t> udp_length;
    };

    chargen_service() = default;
    explicit chargen_service(options opts) noexcept : opts_(opts) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "chargen"; }
    [[nodiscard]] std::uint16_t standard_port() const noexcept override { return 19; }
    /// A generator session starting at line 0. Throws std::bad_alloc only.
    [[nodiscard]] std::unique_ptr<stream_session> open_stream() const override;
    /// Appends 0–512 pattern characters (whole lines with CRLF, the last one possibly cut); always answers.
    /// Thread-safe.
    bool on_datagram(bytes_view request, byte_buffer& reply) const override;

private:
    options opts_;
    mutable std::atomic<std::uint64_t> next_line_{0};
};

}  // namespace sockit::services
