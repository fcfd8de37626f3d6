// SPDX-License-Identifier: MIT
// poll_until: poll(2) against a deadline; an interrupted wait resumes with what is left of it.
#include "sockit/sys/poll_until.hpp"

#include <cerrno>

#include "sockit/sys/sys_error.hpp"

namespace sockit::sys {

result<std::size_t> poll_until(std::span<pollfd> fds,
                               std::optional<steady_clock::time_point> deadline) noexcept {
    for (;;) {
        for (auto& p : fds) p.revents = 0;
        int rc = ::poll(fds.data(), static_cast<nfds_t>(fds.size()), poll_timeout(deadline));
        if (rc >= 0) {
            // A timeout clamped to max_poll_ms may end before a far deadline: wait again for the rest.
            if (rc == 0 && deadline && steady_clock::now() < *deadline) continue;
            return static_cast<std::size_t>(rc);
        }
        if (errno != EINTR) return fail(last_error());
    }
}

}  // namespace sockit::sys
