// SPDX-License-Identifier: MIT
// name_compressor: remembers where names were written in a message and emits pointers (RFC 1035 §4.1.4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sockit/core/byte_writer.hpp"
#include "sockit/dns/dns_name.hpp"

namespace sockit::dns {

/// Writes names into one message, replacing the longest suffix already written (compared exactly, so the
/// case of every name survives a round trip) by a pointer. Suffixes at offsets past 0x3FFF cannot be
/// pointed at and are not remembered. One per message; not thread-safe.
class name_compressor {
public:
    /// message_start is the offset of the message's first byte in the writer's buffer (0 unless the
    /// message follows e.g. a TCP length prefix); pointers are relative to it.
    explicit name_compressor(std::size_t message_start = 0) noexcept : start_(message_start) {}

    /// Appends name, compressed against the names written through this compressor before.
    void write(const dns_name& name, byte_writer& out);
    /// Appends name uncompressed, remembering its suffixes for later names.
    void write_uncompressed(const dns_name& name, byte_writer& out);

private:
    struct entry {
        dns_name suffix;
        std::uint16_t offset;
    };
    void remember(const dns_name& name, std::size_t from_label, std::size_t at);

    std::size_t start_;
    std::vector<entry> entries_;
};

}  // namespace sockit::dns
