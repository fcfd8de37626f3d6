// SPDX-License-Identifier: MIT
// document_root: confined opens with openat2(RESOLVE_BENEATH), or open + /proc/self/fd verification.
#include "sockit/http_server/document_root.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <string>
#include <system_error>

#include "sockit/sys/sys_error.hpp"

namespace sockit::http_server {
namespace {

constexpr int open_flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;

long sys_openat2(int dirfd, const char* path, const open_how& how) noexcept {
#ifdef SYS_openat2
    return ::syscall(SYS_openat2, dirfd, path, &how, sizeof how);
#else
    (void)dirfd;
    (void)path;
    (void)how;
    errno = ENOSYS;
    return -1;
#endif
}

// The path the kernel holds for an open descriptor.
result<std::string> fd_path(int fd) {
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    std::string out(PATH_MAX, '\0');
    const ssize_t n = ::readlink(link.c_str(), out.data(), out.size());
    if (n < 0) return fail(last_error());
    if (static_cast<std::size_t>(n) >= out.size())
        return fail(std::make_error_code(std::errc::filename_too_long));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

}  // namespace

result<document_root> document_root::open(const std::filesystem::path& dir, confinement confine) {
    unique_fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) return fail(last_error());
    char* real = ::realpath(dir.c_str(), nullptr);
    if (real == nullptr) return fail(last_error());
    std::string real_path(real);
    std::free(real);
    // Probe openat2 once: ENOSYS on kernels before 5.6 (or a seccomp filter), then the fallback is used.
    open_how how{};
    how.flags = O_RDONLY | O_CLOEXEC | O_DIRECTORY;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    const long probe = confine == confinement::best ? sys_openat2(fd.get(), ".", how) : -1;
    const bool have_openat2 = probe >= 0;
    if (probe >= 0) ::close(static_cast<int>(probe));
    return document_root(std::move(fd), std::move(real_path), have_openat2);
}

result<unique_fd> document_root::open_beneath(std::string_view relative) const {
    // Callers pass decoded URL paths: an embedded NUL would cut the path short, so it cannot be opened.
    if (relative.find('\0') != std::string_view::npos)
        return fail(std::make_error_code(std::errc::invalid_argument));
    const std::string rel(relative.empty() ? std::string_view(".") : relative);
    if (rel.front() == '/') return fail(std::make_error_code(std::errc::cross_device_link));
    if (openat2_) {
        open_how how{};
        how.flags = open_flags;
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
        long r;
        do {
            r = sys_openat2(fd_.get(), rel.c_str(), how);
        } while (r < 0 && (errno == EINTR || errno == EAGAIN));  // EAGAIN: a concurrent rename; retry
        if (r < 0) return fail(last_error());
        return unique_fd(static_cast<int>(r));
    }
    unique_fd f(::openat(fd_.get(), rel.c_str(), open_flags));
    if (!f) return fail(last_error());
    auto where = fd_path(f.get());
    if (!where) return fail(where.error());
    const std::string& p = *where;
    const bool inside = p == real_ || (p.size() > real_.size() && p.compare(0, real_.size(), real_) == 0 &&
                                       (real_ == "/" || p[real_.size()] == '/'));
    if (!inside) return fail(std::make_error_code(std::errc::cross_device_link));
    return f;
}

}  // namespace sockit::http_server
