// SPDX-License-Identifier: MIT
// packet_printer: decoded frames as text: one tcpdump -nn-like line per packet, a field tree (-v), JSON
// Lines (--json), hex dumps (-x) and per-protocol statistics (--stats), through one large output buffer.
#pragma once

#include <sys/time.h>

#include <cstdint>
#include <cstdio>
#include <memory>

#include "sockit/core/bytes.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

class output_buffer;
class packet_stats;
class clock_text;
class tcp_seq_table;

/// How each packet is shown.
enum class packet_format {
    line,     ///< one line per packet
    verbose,  ///< the line, then one line of fields per layer
    json,     ///< one JSON object per packet (JSON Lines)
};

struct packet_printer_options {
    packet_format format = packet_format::line;
    bool hex = false;    ///< add a hex dump of every frame (a "hex" key in JSON)
    bool stats = false;  ///< print packets and bytes per protocol at the end
    bool utc = false;    ///< line timestamps in UTC instead of local time (JSON is always UTC)
    /// The line shows checksum verdicts where tcpdump -vv does ("cksum 0x1234 (correct)", "[udp sum ok]",
    /// "[bad udp cksum 0x1234 -> 0x5678!]"; offloaded ones "(unverified)"), and seq on every TCP segment.
    bool checksums = false;
    /// TCP sequence and acknowledgement numbers as sent (tcpdump -S) rather than relative to the
    /// connection's initial ones (tcpdump's default, kept per connection in a table of fixed size).
    bool absolute_seq = false;
};

/// Decodes frames and writes them to a stdio stream through its own 1 MiB buffer: no allocation and no
/// system call per packet (the stream is written when the buffer fills and by finish()). Keeps the TCP
/// connections it has seen for relative numbers (at most 65536; about 3 MiB once a segment with ACK is
/// seen). Single-threaded; the stream must outlive the printer.
class packet_printer {
public:
    explicit packet_printer(packet_printer_options options, std::FILE* out = stdout);
    ~packet_printer();
    packet_printer(const packet_printer&) = delete;
    packet_printer& operator=(const packet_printer&) = delete;

    /// Decodes and prints one frame: ts is the capture time, wire_length the length on the wire
    /// (caplen is data.size()), link how data starts. Never fails: write errors show in finish().
    void packet(const timeval& ts, std::uint32_t wire_length, bytes_view data, link_type link);
    /// Prints the statistics (when asked for) and flushes. Returns false when writing failed.
    bool finish();
    /// Packets shown so far.
    [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
    /// Packets with a decoding problem (a layer issue or an early stop).
    [[nodiscard]] std::uint64_t problems() const noexcept { return problems_; }

private:
    packet_printer_options options_;
    std::unique_ptr<output_buffer> out_;
    std::unique_ptr<clock_text> clock_;
    std::unique_ptr<packet_stats> stats_;
    std::unique_ptr<tcp_seq_table> seqs_;
    decoded_frame frame_;
    std::uint64_t count_ = 0;
    std::uint64_t problems_ = 0;
};

}  // namespace sockit::dissect
