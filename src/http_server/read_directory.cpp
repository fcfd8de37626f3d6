// SPDX-License-Identifier: MIT
// read_directory: the entries of a directory read through its descriptor (fdopendir on a duplicate, fstatat
// without following symlinks).
#include "sockit/http_server/read_directory.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "sockit/sys/sys_error.hpp"

namespace sockit::http_server {

using http::directory_entry;

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
            struct stat st {};
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

}  // namespace sockit::http_server
