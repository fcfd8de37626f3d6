// SPDX-License-Identifier: MIT
// full_io: loops over read(2)/write(2) until the buffer is full (or EOF) or every byte is written.
#include "sockit/sys/full_io.hpp"

#include <unistd.h>

#include <cerrno>

#include "sockit/sys/sys_error.hpp"

namespace sockit::sys {

result<std::size_t> read_all(int fd, std::span<std::uint8_t> buffer) noexcept {
    std::size_t done = 0;
    while (done < buffer.size()) {
        ssize_t n = ::read(fd, buffer.data() + done, buffer.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n == 0) break;  // end of file
        if (errno == EINTR) continue;
        return fail(last_error());
    }
    return done;
}

result<void> write_all(int fd, bytes_view data, std::size_t* written) noexcept {
    std::size_t done = 0;
    auto report = [&] {
        if (written != nullptr) *written = done;
    };
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        auto ec = n < 0 ? last_error()
                        : sys_error(EIO);  // write(2) returning 0 for a non-empty buffer: no progress
        report();
        return fail(ec);
    }
    report();
    return {};
}

}  // namespace sockit::sys
