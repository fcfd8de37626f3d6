// SPDX-License-Identifier: MIT
// daytime_service (RFC 867): locale-independent formatting of the local or UTC time.
#include "sockit/services/daytime_service.hpp"

#include <fmt/format.h>
#include <time.h>

namespace sockit::services {
namespace {

constexpr const char* weekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                    "Thursday", "Friday", "Saturday"};
constexpr const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::string format_daytime(std::chrono::system_clock::time_point t, bool utc) {
    const time_t secs = std::chrono::system_clock::to_time_t(t);
    tm parts{};
    const bool ok = utc ? ::gmtime_r(&secs, &parts) != nullptr : ::localtime_r(&secs, &parts) != nullptr;
    if (!ok || parts.tm_wday < 0 || parts.tm_wday > 6 || parts.tm_mon < 0 || parts.tm_mon > 11)
        return "unknown time";  // a time_t the C library cannot break down (year beyond int)
    const char* zone = utc ? "UTC" : (parts.tm_zone != nullptr ? parts.tm_zone : "local");
    return fmt::format("{}, {} {}, {} {:02}:{:02}:{:02}-{}", weekdays[parts.tm_wday], months[parts.tm_mon],
                       parts.tm_mday, 1900L + parts.tm_year, parts.tm_hour, parts.tm_min, parts.tm_sec, zone);
}

void daytime_service::append_answer(byte_buffer& out) const {
    const auto now = opts_.clock ? opts_.clock() : std::chrono::system_clock::now();
    const std::string line = format_daytime(now, opts_.utc);
    out.insert(out.end(), line.begin(), line.end());
    out.push_back('\r');
    out.push_back('\n');
}

}  // namespace sockit::services
