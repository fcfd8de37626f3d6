// SPDX-License-Identifier: MIT
// Helpers for the relay tests: reading a descriptor to its end or to a count (bounded in time), writing text.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <string>

#include "fd_test_util.hpp"

namespace sockit::test {

/// Reads fd until EOF, at most `limit` in time; what arrived.
inline std::string read_until_eof(int fd, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    std::string out;
    char buf[65536];
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

/// Reads exactly `count` bytes (or less when EOF or the time limit comes first).
inline std::string read_exactly(int fd, std::size_t count,
                                std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
    std::string out;
    char buf[65536];
    auto until = std::chrono::steady_clock::now() + limit;
    while (out.size() < count && std::chrono::steady_clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        ssize_t n = ::read(fd, buf, std::min(sizeof buf, count - out.size()));
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

inline void write_text(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) throw std::runtime_error("write");
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace sockit::test
