// SPDX-License-Identifier: MIT
// stream_scanner: the read loop, carrying the tail of each chunk over into the next.
#include "sockit/search/stream_scanner.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sockit/sys/sys_error.hpp"

namespace sockit::search {

stream_scanner::stream_scanner(const substring_finder& finder, std::size_t capacity)
    : finder_(&finder), buffer_(std::max(capacity, 2 * finder.size())) {}

result<scan_outcome> stream_scanner::scan(int fd, const std::atomic<bool>* stop, std::uint64_t* bytes_read) {
    const std::size_t keep_max =
        finder_->size() - 1;  // a match can start at most this far before a chunk's end
    std::size_t kept = 0;
    for (;;) {
        if (stop != nullptr && stop->load(std::memory_order_relaxed)) return scan_outcome::stopped;
        const ssize_t n = ::read(fd, buffer_.data() + kept, buffer_.size() - kept);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(last_error());
        }
        if (n == 0) return scan_outcome::not_found;
        if (bytes_read != nullptr) *bytes_read += static_cast<std::uint64_t>(n);
        const std::size_t have = kept + static_cast<std::size_t>(n);
        if (finder_->find({buffer_.data(), have}) != substring_finder::npos) return scan_outcome::found;
        kept = std::min(keep_max, have);
        std::memmove(buffer_.data(), buffer_.data() + have - kept, kept);
    }
}

}  // namespace sockit::search
