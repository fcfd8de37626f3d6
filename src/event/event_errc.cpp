// SPDX-License-Identifier: MIT
// The event_errc error category: messages for event-loop and poller refusals.
#include "sockit/event/event_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit {
namespace {

// One message per event_errc value, in declaration order (the first is 1).
constexpr const char* messages[] = {
    "descriptor is not below FD_SETSIZE (1024): select cannot watch it, use poll or epoll",  // fd_too_large_for_select
    "descriptor is already watched",                            // already_watched
    "descriptor is not watched",                                // not_watched
    "negative descriptor",                                      // bad_descriptor
    "unknown poller backend (expected epoll, poll or select)",  // unknown_backend
};

}  // namespace

const std::error_category& event_category() noexcept {
    return enum_category_of<event_errc::unknown_backend>("sockit.event", messages, "unknown event error");
}

}  // namespace sockit
