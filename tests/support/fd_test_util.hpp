// SPDX-License-Identifier: MIT
// Descriptor helpers shared by the C++ tests: a close-on-exec pipe pair, and how many descriptors this
// process holds (to check that nothing leaks).
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>

#include "sockit/sys/unique_fd.hpp"

namespace sockit::test {

struct pipe_pair {
    unique_fd read_end;
    unique_fd write_end;
};

/// pipe2(O_CLOEXEC); throws when the system refuses.
inline pipe_pair make_pipe() {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
    return {unique_fd(p[0]), unique_fd(p[1])};
}

/// Open descriptors of this process (entries of /proc/self/fd, the directory's own included).
inline int open_fds() {
    int n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (::readdir(d) != nullptr) ++n;
        ::closedir(d);
    }
    return n;
}

}  // namespace sockit::test
