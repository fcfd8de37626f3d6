// SPDX-License-Identifier: MIT
// directory_listing: rendering a directory's entries as escaped HTML (the reading is http_server's
// read_directory).
#include "sockit/http/directory_listing.hpp"

#include <fmt/format.h>

#include "sockit/http/http_date.hpp"

namespace sockit::http {

std::string percent_encode_path(std::string_view s, bool keep_slash) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/');
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string render_directory_listing(std::string_view url_path, const std::vector<directory_entry>& entries) {
    const std::string title = html_escape(url_path);
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Index of {0}</title>\n</head>\n"
        "<body>\n<h1>Index of {0}</h1>\n<table>\n<tr><th>Name</th><th>Size</th><th>Modified</th></tr>\n",
        title);
    if (url_path != "/") out += "<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n";
    for (const auto& e : entries) {
        // "./" first: a name such as "a:b" must not read as a URI scheme.
        const std::string href = "./" + percent_encode_path(e.name, false) + (e.is_directory ? "/" : "");
        const std::string label = html_escape(e.name) + (e.is_directory ? "/" : "");
        out += fmt::format(
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>\n", html_escape(href), label,
            e.is_directory ? std::string("-") : std::to_string(e.size), format_http_date(e.modified));
    }
    out += "</table>\n</body>\n</html>\n";
    return out;
}

}  // namespace sockit::http
