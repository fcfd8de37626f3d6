// SPDX-License-Identifier: MIT
// packet_output: the output of `sockit decode` and `sockit capture`: one tcpdump -nn-like line per packet,
// a field tree (-v), JSON Lines (--json), hex dumps (-x) and per-protocol statistics (--stats).
#pragma once

#include <sys/time.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>

#include "sockit/core/bytes.hpp"
#include "sockit/wire/frame_decoder.hpp"

namespace sockit::cli {

/// How each packet is shown.
enum class packet_format {
    line,     ///< one line per packet
    verbose,  ///< the line, then one line of fields per layer
    json,     ///< one JSON object per packet (JSON Lines)
};

struct packet_output_options {
    packet_format format = packet_format::line;
    bool hex = false;    ///< add a hex dump of every frame (a "hex" key in JSON)
    bool stats = false;  ///< print packets and bytes per protocol at the end
    bool utc = false;    ///< line timestamps in UTC instead of local time (JSON is always UTC)
};

/// Decodes frames and writes them to a stdio stream through its own large buffer: no allocation and
/// no system call per packet. Single-threaded.
class packet_output {
public:
    explicit packet_output(packet_output_options options, std::FILE* out = stdout);
    ~packet_output();
    packet_output(const packet_output&) = delete;
    packet_output& operator=(const packet_output&) = delete;

    /// Decodes and prints one frame: ts is the capture time, wire_length the length on the wire
    /// (caplen is data.size()), link how data starts.
    void packet(const timeval& ts, std::uint32_t wire_length, bytes_view data, wire::link_type link);
    /// Prints the statistics (when asked for) and flushes. Returns false when writing failed.
    bool finish();
    /// Packets shown so far.
    [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
    /// Packets with a decoding problem (a layer issue or an early stop).
    [[nodiscard]] std::uint64_t problems() const noexcept { return problems_; }

private:
    class buffer;
    void line(const timeval& ts, std::uint32_t wire_length, bytes_view data);
    void tree(bytes_view data);
    void json(const timeval& ts, std::uint32_t wire_length, bytes_view data);
    void hexdump(bytes_view data);
    void count_stats(bytes_view data);
    char* put_time(char* p, const timeval& ts);

    packet_output_options options_;
    std::unique_ptr<buffer> out_;
    wire::decoded_frame frame_;
    std::uint64_t count_ = 0;
    std::uint64_t problems_ = 0;
    // --stats: per layer_view alternative, plus issue counts.
    static constexpr std::size_t kinds = std::variant_size_v<wire::layer_view>;
    std::array<std::uint64_t, kinds> stat_packets_{};
    std::array<std::uint64_t, kinds> stat_bytes_{};
    std::uint64_t stat_frame_bytes_ = 0;
    std::array<std::uint64_t, 16> stat_issues_{};
    // Cached "HH:MM:SS" / "YYYY-MM-DDTHH:MM:SS" of the last second printed.
    long cached_sec_ = -1;
    std::array<char, 20> cached_text_{};
    std::size_t cached_len_ = 0;
};

}  // namespace sockit::cli
