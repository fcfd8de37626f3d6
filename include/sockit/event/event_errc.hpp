// SPDX-License-Identifier: MIT
// event_errc: the errors of the event loop and its pollers that are not plain errno values.
#pragma once

#include <system_error>

namespace sockit {

/// Why an event-loop or poller operation was refused.
enum class event_errc {
    fd_too_large_for_select = 1,  ///< select(2) can only watch descriptors below FD_SETSIZE (1024)
    already_watched,              ///< the descriptor is already watched by this poller or loop
    not_watched,                  ///< the descriptor or handle is not (or no longer) watched
    bad_descriptor,               ///< a negative descriptor was given
    unknown_backend,              ///< a poller backend name other than epoll, poll or select
};

/// The category of event_errc; name() is "sockit.event".
const std::error_category& event_category() noexcept;

inline std::error_code make_error_code(event_errc e) noexcept {
    return {static_cast<int>(e), event_category()};
}

}  // namespace sockit

template <>
struct std::is_error_code_enum<sockit::event_errc> : std::true_type {};
