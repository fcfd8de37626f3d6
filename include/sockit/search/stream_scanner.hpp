// SPDX-License-Identifier: MIT
// stream_scanner: does a file (or any readable descriptor) contain the needle? Bounded buffer, matches
// across buffer boundaries kept.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/search/substring_finder.hpp"

namespace sockit::search {

/// What scanning a stream found.
enum class scan_outcome {
    found,      ///< the needle occurs in the stream
    not_found,  ///< read to the end: no occurrence
    stopped,    ///< the stop flag was raised before the end
};

/// Reads a descriptor through one buffer of fixed capacity and looks for the needle in each chunk. The
/// last needle-length-minus-one bytes of a chunk are kept in front of the next one, so a match straddling
/// two reads is found; memory stays at the buffer's capacity whatever the stream's size. One scanner per
/// thread (it owns its buffer); the finder may be shared.
class stream_scanner {
public:
    /// A scanner for `finder` (which must outlive it) with a buffer of `capacity` bytes, raised to at
    /// least twice the needle's length. Throws std::bad_alloc only.
    stream_scanner(const substring_finder& finder, std::size_t capacity);

    /// Reads `fd` from its current offset to the end (or to the first match). Blocks as fd does; EINTR is
    /// retried. Between reads it checks `stop` (when given) and returns `stopped` once it is set.
    /// `*bytes_read` (when given) grows by the bytes read. Errors: read(2)'s (EISDIR, EIO, EAGAIN, ...).
    [[nodiscard]] result<scan_outcome> scan(int fd, const std::atomic<bool>* stop = nullptr,
                                            std::uint64_t* bytes_read = nullptr);

private:
    const substring_finder* finder_;
    std::vector<std::uint8_t> buffer_;
};

}  // namespace sockit::search
