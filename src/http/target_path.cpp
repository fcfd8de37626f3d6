// SPDX-License-Identifier: MIT
// target_path: origin-form and absolute-form targets (RFC 9112 §3.2.1, §3.2.2), percent-decoding (RFC 3986
// §2.1).
#include "sockit/http/target_path.hpp"

#include "chars.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_errc.hpp"

namespace sockit::http {

using detail::hex_value;

result<target_path> target_path::parse(std::string_view target) {
    std::string_view rest = target;
    for (std::string_view scheme : {std::string_view{"http://"}, std::string_view{"https://"}}) {
        if (rest.size() >= scheme.size() && ascii_iequals(rest.substr(0, scheme.size()), scheme)) {
            rest.remove_prefix(scheme.size());
            std::size_t path_start = rest.find_first_of("/?#");
            rest = path_start == std::string_view::npos ? std::string_view{} : rest.substr(path_start);
            if (rest.empty() || rest.front() != '/') {
                // "http://host" or "http://host?q": the path is empty, which means "/" (RFC 9112 §3.2.1).
                target_path out;
                out.path = "/";
                if (!rest.empty() && rest.front() == '?') out.query = rest.substr(1, rest.find('#') - 1);
                return out;
            }
            break;
        }
    }
    if (rest.empty() || rest.front() != '/') return fail(http_errc::bad_target);

    target_path out;
    std::size_t fragment = rest.find('#');
    rest = rest.substr(0, fragment);
    std::size_t q = rest.find('?');
    if (q != std::string_view::npos) {
        out.query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    out.path.reserve(rest.size());
    for (std::size_t i = 0; i < rest.size(); ++i) {
        char c = rest[i];
        if (c != '%') {
            out.path.push_back(c);
            continue;
        }
        if (i + 2 >= rest.size()) return fail(http_errc::bad_percent_encoding);
        int hi = hex_value(static_cast<std::uint8_t>(rest[i + 1]));
        int lo = hex_value(static_cast<std::uint8_t>(rest[i + 2]));
        if (hi < 0 || lo < 0) return fail(http_errc::bad_percent_encoding);
        int v = hi * 16 + lo;
        if (v == 0) return fail(http_errc::encoded_nul);
        if (v == '/') out.encoded_slash = true;
        out.path.push_back(static_cast<char>(v));
        i += 2;
    }
    // Dot segments of the decoded path, so "%2e%2e" cannot slip past a check on the raw target.
    std::string_view p = out.path;
    std::size_t start = 1;
    while (start <= p.size()) {
        std::size_t slash = p.find('/', start);
        std::string_view segment =
            p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (segment == "." || segment == "..") out.dot_segment = true;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

}  // namespace sockit::http
