// SPDX-License-Identifier: MIT
// clock_text: packet timestamps as text, one calendar conversion per second.
#include "clock_text.hpp"

#include <ctime>

#include "sockit/dissect/put_text.hpp"

namespace sockit::dissect {

void clock_text::convert(long sec) noexcept {
    std::time_t t = sec;
    std::tm tm{};
    if (style_ == style::local) {
        localtime_r(&t, &tm);
    } else {
        gmtime_r(&t, &tm);
    }
    char* q = cached_text_.data();
    if (style_ == style::iso_utc) {
        q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_year + 1900) % 10000, 4);
        *q++ = '-';
        q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_mon + 1), 2);
        *q++ = '-';
        q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_mday), 2);
        *q++ = 'T';
    }
    q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_hour), 2);
    *q++ = ':';
    q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_min), 2);
    *q++ = ':';
    q = put_u_width(q, static_cast<std::uint64_t>(tm.tm_sec), 2);
    cached_len_ = static_cast<std::size_t>(q - cached_text_.data());
    cached_sec_ = sec;
}

}  // namespace sockit::dissect
