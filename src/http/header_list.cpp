// SPDX-License-Identifier: MIT
// header_list lookups: by name and by list element (RFC 9110 §5.6.1 comma-separated lists).
#include "sockit/http/header_list.hpp"

#include "chars.hpp"

namespace sockit::http {

std::optional<std::string_view> header_list::find(std::string_view name) const noexcept {
    for (const header_field& f : fields_) {
        if (ascii_iequals(f.name, name)) return f.value;
    }
    return std::nullopt;
}

std::size_t header_list::count(std::string_view name) const noexcept {
    std::size_t n = 0;
    for (const header_field& f : fields_) {
        if (ascii_iequals(f.name, name)) ++n;
    }
    return n;
}

bool header_list::has_token(std::string_view name, std::string_view token) const noexcept {
    for (const header_field& f : fields_) {
        if (!ascii_iequals(f.name, name)) continue;
        std::string_view rest = f.value;
        while (!rest.empty()) {
            std::size_t comma = rest.find(',');
            const std::string_view element = detail::trim_ows(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            if (ascii_iequals(element, token)) return true;
        }
    }
    return false;
}

}  // namespace sockit::http
