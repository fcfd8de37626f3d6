// SPDX-License-Identifier: MIT
// directory_listing: reading a directory through its descriptor and rendering it as escaped HTML.
#include "sockit/http/server/directory_listing.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fmt/format.h>
#include <system_error>

#include "sockit/http/server/http_date.hpp"
#include "sockit/sys/sys_error.hpp"

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

result<std::vector<directory_entry>> read_directory(int dirfd) {
    const int copy = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    if (copy < 0) return fail(last_error());
    DIR* dir = ::fdopendir(copy);
    if (dir == nullptr) {
        const int e = errno;
        ::close(copy);
        return fail(sys_error(e));
    }
    ::rewinddir(dir);  // the duplicate shares the offset with dirfd: start from the beginning
    std::vector<directory_entry> out;
    try {
        while (true) {
            errno = 0;
            const dirent* d = ::readdir(dir);
            if (d == nullptr) {
                if (errno != 0) {
                    const int e = errno;
                    ::closedir(dir);
                    return fail(sys_error(e));
                }
                break;
            }
            const std::string_view name(d->d_name);
            if (name == "." || name == "..") continue;
            directory_entry e;
            e.name = std::string(name);
            struct stat st{};
            if (::fstatat(::dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
                e.is_directory = S_ISDIR(st.st_mode);
                e.size = S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
                e.modified = st.st_mtime;
            }
            out.push_back(std::move(e));
        }
    } catch (...) {
        ::closedir(dir);
        throw;
    }
    ::closedir(dir);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
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
        out += fmt::format("<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>\n", html_escape(href), label,
                           e.is_directory ? std::string("-") : std::to_string(e.size), format_http_date(e.modified));
    }
    out += "</table>\n</body>\n</html>\n";
    return out;
}

}  // namespace sockit::http
