// SPDX-License-Identifier: MIT
// The reason phrases of the registered HTTP status codes (RFC 9110 §15, RFC 6585, RFC 4918, RFC 8297,
// RFC 7725, RFC 8470, RFC 2774, RFC 5842).
#include "sockit/http/status_code.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace sockit::http {
namespace {

// Sorted by code for binary search.
constexpr std::pair<int, std::string_view> reasons[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {102, "Processing"},
    {103, "Early Hints"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-Authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {207, "Multi-Status"},
    {208, "Already Reported"},
    {226, "IM Used"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Content"},
    {423, "Locked"},
    {424, "Failed Dependency"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
    {506, "Variant Also Negotiates"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {510, "Not Extended"},
    {511, "Network Authentication Required"},
};

static_assert(std::is_sorted(std::begin(reasons), std::end(reasons),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));

}  // namespace

std::string_view reason_phrase(int status) noexcept {
    const auto* end = std::end(reasons);
    const auto* it = std::lower_bound(std::begin(reasons), end, status,
                                      [](const auto& entry, int code) { return entry.first < code; });
    if (it != end && it->first == status) return it->second;
    return {};
}

}  // namespace sockit::http
