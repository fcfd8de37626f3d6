// SPDX-License-Identifier: MIT
// response_info: owned copy of a response head (RFC 9112 §4, §5).
#include "sockit/http/response_info.hpp"

#include "sockit/http/header_list.hpp"

namespace sockit::http {

response_info response_info::from(const response_head& head) {
    response_info info;
    info.version = head.version;
    info.status = head.status;
    info.reason = std::string(head.reason);
    info.body = head.body;
    info.headers.reserve(head.headers.size());
    for (const auto& f : head.headers) info.headers.emplace_back(std::string(f.name), std::string(f.value));
    return info;
}

std::optional<std::string_view> response_info::find(std::string_view name) const noexcept {
    for (const auto& [n, v] : headers) {
        if (ascii_iequals(n, name)) return std::string_view(v);
    }
    return std::nullopt;
}

}  // namespace sockit::http
