// SPDX-License-Identifier: MIT
// tcp_seq_table: the per-connection base sequence numbers behind tcpdump's relative seq/ack numbers,
// in a table of fixed capacity (a hostile capture of many connections cannot grow it).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

/// The numbers one segment shows: seq and ack (relative when the connection is known), and the bases
/// that SACK blocks are made relative with (0 when absolute).
struct tcp_seq_view {
    std::uint32_t seq = 0;
    std::uint32_t ack = 0;
    std::uint32_t sack_base = 0;
};

/// What tcpdump does without -S: the first segment of a connection with ACK set (and any SYN-ACK)
/// records both initial sequence numbers and shows its numbers absolute; later segments of that
/// connection, either direction, show theirs relative to them. Segments without ACK stay absolute.
/// Holds at most `capacity` connections (set-associative: a new connection replaces the least recently
/// used one of its set; a replaced connection starts over, as if first seen). Memory is reserved on
/// first use (about 3 MiB, touched only as sets fill) and never grows. Throws std::bad_alloc when it
/// cannot be reserved. Single-threaded.
class tcp_seq_table {
public:
    static constexpr std::size_t ways = 8;
    static constexpr std::size_t sets = 8192;
    static constexpr std::size_t capacity = ways * sets;

    tcp_seq_table();
    ~tcp_seq_table();
    tcp_seq_table(const tcp_seq_table&) = delete;
    tcp_seq_table& operator=(const tcp_seq_table&) = delete;

    /// The numbers to show for tcp, carried between src and dst (4 or 16 bytes each, addr_size).
    tcp_seq_view relate(const tcp_view& tcp, const std::uint8_t* src, const std::uint8_t* dst,
                        std::size_t addr_size);
    /// Connections held (at most capacity).
    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    struct entry {
        std::array<std::uint8_t, 32> addrs{};  // lower end's address, then the other's (16 bytes each)
        std::uint32_t ports = 0;               // lower end's port << 16 | the other's
        std::uint32_t seq = 0;                 // initial sequence number of the lower end
        std::uint32_t ack = 0;                 // ... of the other end
        std::uint32_t used = 0;                // 0: free; else the tick of its last use
        std::uint8_t family = 0;
    };
    struct free_memory {
        void operator()(entry* e) const noexcept;
    };
    // calloc'd: the system hands out zeroed pages as they are first touched, so a capture of few
    // connections costs few pages (an all-zero entry is free).
    std::unique_ptr<entry[], free_memory> entries_;
    std::size_t size_ = 0;
    std::uint32_t tick_ = 0;
};

}  // namespace sockit::dissect
