// SPDX-License-Identifier: MIT
// finger_query: RFC 1288 query grammar.
#include "sockit/services/finger_query.hpp"

#include "sockit/core/codec_errc.hpp"

namespace sockit::services {

bool finger_query::is_valid_user(std::string_view name) noexcept {
    if (name.empty() || name.size() > 32 || name.front() == '.' || name.front() == '-') return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

result<finger_query> finger_query::parse(std::string_view line) {
    for (char c : line) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u > 0x7e) return fail(codec_errc::bad_value);  // control or non-ASCII byte
    }
    auto trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return s;
    };
    std::string_view rest = trim(line);
    finger_query q;
    if (rest.size() >= 2 && rest[0] == '/' && (rest[1] == 'W' || rest[1] == 'w')) {
        q.verbose = true;
        rest.remove_prefix(2);
        if (!rest.empty() && rest.front() != ' ') return fail(codec_errc::bad_value);  // "/Wuser"
        rest = trim(rest);
    }
    const auto at = rest.find('@');
    q.user = rest.substr(0, at);
    if (!q.user.empty() && !is_valid_user(q.user)) return fail(codec_errc::bad_value);
    if (at != std::string_view::npos) {
        std::string_view hosts = rest.substr(at + 1);
        for (;;) {
            const auto next = hosts.find('@');
            std::string_view host = hosts.substr(0, next);
            if (host.empty() || host.find(' ') != std::string_view::npos) return fail(codec_errc::bad_value);
            q.hosts.push_back(host);
            if (next == std::string_view::npos) break;
            hosts.remove_prefix(next + 1);
        }
    }
    return q;
}

}  // namespace sockit::services
