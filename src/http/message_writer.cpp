// SPDX-License-Identifier: MIT
// message_writer: start lines, field lines, Content-Length and chunked bodies (RFC 9112 §3, §4, §5, §7.1).
#include "sockit/http/message_writer.hpp"

#include <array>
#include <charconv>

#include "chars.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/status_code.hpp"

namespace sockit::http {

using detail::is_field_char;
using detail::is_target_char;
using detail::is_tchar;
using detail::is_ws;

namespace {

bool is_token(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char c : s) {
        if (!is_tchar(c)) return false;
    }
    return true;
}

bool valid_version(http_version v) noexcept { return v.major <= 9 && v.minor <= 9; }

std::array<char, 8> version_text(http_version v) noexcept {
    return {'H', 'T', 'T', 'P', '/', static_cast<char>('0' + v.major), '.', static_cast<char>('0' + v.minor)};
}

}  // namespace

void message_writer::append(std::string_view s) { out_->insert(out_->end(), s.begin(), s.end()); }

result<void> message_writer::request_line(std::string_view method, std::string_view target,
                                          http_version version) {
    if (!is_token(method) || target.empty() || !valid_version(version))
        return fail(http_errc::bad_field_value);
    for (char c : target) {
        if (!is_target_char(c)) return fail(http_errc::bad_field_value);
    }
    auto v = version_text(version);
    append(method);
    append(" ");
    append(target);
    append(" ");
    append({v.data(), v.size()});
    append("\r\n");
    return {};
}

result<void> message_writer::status_line(int status, std::string_view reason, http_version version) {
    if (status < 100 || status > 599 || !valid_version(version)) return fail(http_errc::bad_field_value);
    for (char c : reason) {
        if (!is_field_char(c)) return fail(http_errc::bad_field_value);
    }
    if (reason.empty()) reason = reason_phrase(status);
    auto v = version_text(version);
    const std::array<char, 5> code{' ', static_cast<char>('0' + status / 100),
                                   static_cast<char>('0' + status / 10 % 10),
                                   static_cast<char>('0' + status % 10), ' '};
    append({v.data(), v.size()});
    append({code.data(), code.size()});
    append(reason);
    append("\r\n");
    return {};
}

result<void> message_writer::header(std::string_view name, std::string_view value) {
    if (!is_token(name)) return fail(http_errc::bad_field_value);
    if (!value.empty() && (is_ws(value.front()) || is_ws(value.back())))
        return fail(http_errc::bad_field_value);
    for (char c : value) {
        if (!is_field_char(c)) return fail(http_errc::bad_field_value);  // CR, LF, NUL: header injection
    }
    append(name);
    append(": ");
    append(value);
    append("\r\n");
    return {};
}

void message_writer::content_length(std::uint64_t n) {
    std::array<char, 24> digits{};
    auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), n);
    (void)ec;  // 24 bytes hold any uint64_t
    append("Content-Length: ");
    append({digits.data(), static_cast<std::size_t>(end - digits.data())});
    append("\r\n");
}

void message_writer::end_head() { append("\r\n"); }

void message_writer::body(bytes_view data) { out_->insert(out_->end(), data.begin(), data.end()); }

void message_writer::chunk(bytes_view data) {
    if (data.empty()) return;
    std::array<char, 20> digits{};
    auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), data.size(), 16);
    (void)ec;
    append({digits.data(), static_cast<std::size_t>(end - digits.data())});
    append("\r\n");
    body(data);
    append("\r\n");
}

void message_writer::last_chunk() { append("0\r\n\r\n"); }

}  // namespace sockit::http
