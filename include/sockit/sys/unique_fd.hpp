// SPDX-License-Identifier: MIT
// unique_fd: sole owner of a file descriptor; closes it on destruction (errors swallowed, EINTR not retried).
#pragma once

#include <utility>

namespace sockit {

/// Owns one file descriptor (or none: -1). Move-only. The destructor closes and ignores close's result:
/// on Linux the descriptor is released even when close reports an error, so retrying would be wrong.
class unique_fd {
public:
    constexpr unique_fd() noexcept = default;
    constexpr explicit unique_fd(int fd) noexcept : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        if (this != &other) reset(other.release());
        return *this;
    }
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;
    ~unique_fd() { reset(); }

    /// The descriptor, still owned (-1 when empty).
    [[nodiscard]] constexpr int get() const noexcept { return fd_; }
    [[nodiscard]] constexpr bool is_open() const noexcept { return fd_ >= 0; }
    constexpr explicit operator bool() const noexcept { return is_open(); }

    /// Gives up ownership without closing; returns the descriptor.
    [[nodiscard]] int release() noexcept { return std::exchange(fd_, -1); }
    /// Closes the owned descriptor (if any) and takes ownership of fd.
    void reset(int fd = -1) noexcept;

private:
    int fd_ = -1;
};

}  // namespace sockit
