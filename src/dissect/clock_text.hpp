// SPDX-License-Identifier: MIT
// clock_text: packet timestamps as text ("HH:MM:SS.uuuuuu" local or UTC, or ISO 8601 UTC for JSON),
// converting each second once.
#pragma once

#include <sys/time.h>

#include <array>
#include <cstddef>
#include <cstring>

#include "sockit/dissect/put_text.hpp"

namespace sockit::dissect {

/// Writes capture times; remembers the text of the last second so that a burst of packets in one second
/// costs one localtime_r/gmtime_r. Single-threaded.
class clock_text {
public:
    enum class style { local, utc, iso_utc };
    explicit clock_text(style s) noexcept : style_(s) {}

    /// Writes ts at p (at most 27 bytes) and returns the end. Inline: it runs for every packet.
    char* put(char* p, const timeval& ts) noexcept {
        if (ts.tv_sec != cached_sec_) convert(ts.tv_sec);
        std::memcpy(p, cached_text_.data(), cached_len_);
        p += cached_len_;
        *p++ = '.';
        return put_usec(p, ts);
    }

    /// The microseconds of ts as six digits (0 when out of range, as a corrupt capture may hold).
    static char* put_usec(char* p, const timeval& ts) noexcept {
        long usec = ts.tv_usec;
        if (usec < 0 || usec > 999999) usec = 0;
        return put_u_width(p, static_cast<std::uint64_t>(usec), 6);
    }

private:
    void convert(long sec) noexcept;  // fills the cache with the text of second sec

    style style_;
    long cached_sec_ = -1;
    std::array<char, 20> cached_text_{};
    std::size_t cached_len_ = 0;
};

}  // namespace sockit::dissect
