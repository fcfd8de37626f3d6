// SPDX-License-Identifier: MIT
// packet_stats: --stats: packets and bytes per protocol, and counts of each kind of decoding problem.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "sockit/core/bytes.hpp"
#include "sockit/dissect/frame_decoder.hpp"

namespace sockit::dissect {

/// Counts per layer kind (a packet counts once per kind it holds; its bytes from where that layer starts)
/// and per issue. count() neither allocates nor fails; report() allocates. Single-threaded.
class packet_stats {
public:
    /// Adds one decoded frame; data is its captured bytes.
    void count(const decoded_frame& frame, bytes_view data) noexcept;
    /// The table (or, with json, one {"stats":{...}} line) for `packets` packets of which `problems` had
    /// a problem; ends with a newline.
    [[nodiscard]] std::string report(bool json, std::uint64_t packets, std::uint64_t problems) const;

private:
    static constexpr std::size_t kinds = std::variant_size_v<layer_view>;
    std::array<std::uint64_t, kinds> packets_{};
    std::array<std::uint64_t, kinds> bytes_{};
    std::uint64_t frame_bytes_ = 0;
    std::array<std::uint64_t, 16> issues_{};
};

}  // namespace sockit::dissect
