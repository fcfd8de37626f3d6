// SPDX-License-Identifier: MIT
// http_date: IMF-fixdate formatting and the three HTTP-date forms of RFC 9110 §5.6.7.
#include "sockit/http/http_date.hpp"

#include <array>
#include <cstring>

namespace sockit::http {
namespace {

constexpr std::array<std::string_view, 7> day_names = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> month_names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> long_day_names = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                            "Thursday", "Friday", "Saturday"};

// A cursor over the date text: every step checks what it consumes, nothing is skipped silently.
struct cursor {
    std::string_view s;
    bool ok = true;

    bool literal(std::string_view lit) noexcept {
        if (!ok || s.substr(0, lit.size()) != lit) return ok = false;
        s.remove_prefix(lit.size());
        return true;
    }
    int digits(std::size_t n) noexcept {
        if (!ok || s.size() < n) {
            ok = false;
            return 0;
        }
        int v = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (s[i] < '0' || s[i] > '9') {
                ok = false;
                return 0;
            }
            v = v * 10 + (s[i] - '0');
        }
        s.remove_prefix(n);
        return v;
    }
    int month() noexcept {
        if (!ok) return 0;
        for (std::size_t i = 0; i < month_names.size(); ++i)
            if (s.substr(0, 3) == month_names[i]) {
                s.remove_prefix(3);
                return static_cast<int>(i);
            }
        ok = false;
        return 0;
    }
    // hh:mm:ss
    void time_of_day(std::tm& tm) noexcept {
        tm.tm_hour = digits(2);
        literal(":");
        tm.tm_min = digits(2);
        literal(":");
        tm.tm_sec = digits(2);
    }
};

std::optional<std::time_t> to_time(std::tm& tm, bool ok) noexcept {
    if (!ok || tm.tm_mon < 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        tm.tm_sec > 60)
        return std::nullopt;
    const std::time_t t = ::timegm(&tm);
    if (t == static_cast<std::time_t>(-1)) return std::nullopt;
    return t;
}

}  // namespace

void format_http_date(std::time_t t, char (&out)[http_date_size]) noexcept {
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    auto put2 = [](char* p, int v) {
        p[0] = static_cast<char>('0' + v / 10);
        p[1] = static_cast<char>('0' + v % 10);
    };
    char* p = out;
    std::memcpy(p, day_names[static_cast<std::size_t>(tm.tm_wday) % 7].data(), 3);
    std::memcpy(p + 3, ", ", 2);
    put2(p + 5, tm.tm_mday);
    p[7] = ' ';
    std::memcpy(p + 8, month_names[static_cast<std::size_t>(tm.tm_mon) % 12].data(), 3);
    p[11] = ' ';
    int year = tm.tm_year + 1900;
    if (year < 0) year = 0;
    if (year > 9999) year = 9999;
    put2(p + 12, year / 100);
    put2(p + 14, year % 100);
    p[16] = ' ';
    put2(p + 17, tm.tm_hour);
    p[19] = ':';
    put2(p + 20, tm.tm_min);
    p[22] = ':';
    put2(p + 23, tm.tm_sec);
    std::memcpy(p + 25, " GMT", 4);
}

std::string format_http_date(std::time_t t) {
    char buf[http_date_size];
    format_http_date(t, buf);
    return std::string(buf, http_date_size);
}

std::optional<std::time_t> parse_http_date(std::string_view text) noexcept {
    std::tm tm{};
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    if (text.size() == http_date_size && text[3] == ',') {
        cursor c{text};
        bool day_ok = false;
        for (auto d : day_names) day_ok = day_ok || text.substr(0, 3) == d;
        c.ok = day_ok;
        c.s.remove_prefix(3);
        c.literal(", ");
        tm.tm_mday = c.digits(2);
        c.literal(" ");
        tm.tm_mon = c.month();
        c.literal(" ");
        tm.tm_year = c.digits(4) - 1900;
        c.literal(" ");
        c.time_of_day(tm);
        c.literal(" GMT");
        return to_time(tm, c.ok && c.s.empty());
    }
    // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" (a two-digit year within 50 years from now: RFC 9110
    // §5.6.7; simplified to 1970-2069).
    if (auto comma = text.find(','); comma != std::string_view::npos && comma > 3) {
        bool day_ok = false;
        for (auto d : long_day_names) day_ok = day_ok || text.substr(0, comma) == d;
        cursor c{text.substr(comma)};
        c.ok = day_ok;
        c.literal(", ");
        tm.tm_mday = c.digits(2);
        c.literal("-");
        tm.tm_mon = c.month();
        c.literal("-");
        const int yy = c.digits(2);
        tm.tm_year = yy < 70 ? yy + 100 : yy;
        c.literal(" ");
        c.time_of_day(tm);
        c.literal(" GMT");
        return to_time(tm, c.ok && c.s.empty());
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    if (text.size() == 24) {
        bool day_ok = false;
        for (auto d : day_names) day_ok = day_ok || text.substr(0, 3) == d;
        cursor c{text.substr(3)};
        c.ok = day_ok;
        c.literal(" ");
        tm.tm_mon = c.month();
        c.literal(" ");
        if (c.ok && !c.s.empty() && c.s.front() == ' ') {
            c.s.remove_prefix(1);
            tm.tm_mday = c.digits(1);
        } else {
            tm.tm_mday = c.digits(2);
        }
        c.literal(" ");
        c.time_of_day(tm);
        c.literal(" ");
        tm.tm_year = c.digits(4) - 1900;
        return to_time(tm, c.ok && c.s.empty());
    }
    return std::nullopt;
}

}  // namespace sockit::http
