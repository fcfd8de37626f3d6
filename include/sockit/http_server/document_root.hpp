// SPDX-License-Identifier: MIT
// document_root: the directory a file server serves, and opening paths strictly beneath it (no escape by
// "..", symlinks or races).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "sockit/core/result.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::http_server {

/// An open directory and the only way a file server reaches files: open_beneath() resolves every path
/// component relative to it and refuses any resolution that would leave it. With openat2(2) (Linux
/// 5.6+) the kernel enforces this atomically (RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS): "..", absolute
/// symlinks and symlinks pointing outside fail with EXDEV, even if the tree changes meanwhile. Without
/// it, the file is opened first and then its real path (/proc/self/fd) is checked against the root's:
/// the check is on the descriptor that will be read, so a swap after the check cannot matter.
/// Thread-safe after open (const members only touch the kernel).
class document_root {
public:
    /// How open_beneath() confines paths.
    enum class confinement {
        best,        ///< openat2 when the kernel has it, else the /proc/self/fd check
        proc_check,  ///< always the /proc/self/fd check (tests; kernels whose seccomp filter breaks openat2)
    };

    /// Opens `dir` read-only as a directory (readable: listings read it) and records its canonical path.
    /// Errors: open(2)'s (ENOENT, EACCES, ENOTDIR), realpath's.
    [[nodiscard]] static result<document_root> open(const std::filesystem::path& dir,
                                                    confinement how = confinement::best);

    /// Opens `relative` (no leading '/', "." for the root itself) read-only, non-blocking (a FIFO cannot
    /// stall the server), close-on-exec. Errors: ENOENT, ENOTDIR, EACCES, ENAMETOOLONG, ELOOP, and EXDEV
    /// for any path that would resolve outside the root (dot-dot, symlinks, absolute paths). Never blocks
    /// on the file (it may block on a slow disk, as every open does).
    [[nodiscard]] result<unique_fd> open_beneath(std::string_view relative) const;

    /// The root's descriptor.
    [[nodiscard]] int fd() const noexcept { return fd_.get(); }
    /// The root's canonical path.
    [[nodiscard]] const std::string& path() const noexcept { return real_; }
    /// True when openat2(2) enforces the confinement (false: the /proc/self/fd check does).
    [[nodiscard]] bool kernel_confined() const noexcept { return openat2_; }

private:
    document_root(unique_fd fd, std::string real, bool openat2) noexcept
        : fd_(std::move(fd)), real_(std::move(real)), openat2_(openat2) {}

    unique_fd fd_;
    std::string real_;
    bool openat2_ = false;
};

}  // namespace sockit::http_server
