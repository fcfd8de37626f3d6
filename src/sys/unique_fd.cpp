// SPDX-License-Identifier: MIT
// unique_fd: closing the owned descriptor.
#include "sockit/sys/unique_fd.hpp"

#include <unistd.h>

namespace sockit {

void unique_fd::reset(int fd) noexcept {
    int old = std::exchange(fd_, fd);
    if (old >= 0) (void)::close(old);
}

}  // namespace sockit
