// SPDX-License-Identifier: MIT
// The event_errc error category: messages for event-loop and poller refusals.
#include "sockit/event/event_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit {
namespace {

const char* describe(event_errc e) noexcept {
    switch (e) {
        case event_errc::fd_too_large_for_select:
            return "descriptor is not below FD_SETSIZE (1024): select cannot watch it, use poll or epoll";
        case event_errc::already_watched: return "descriptor is already watched";
        case event_errc::not_watched: return "descriptor is not watched";
        case event_errc::bad_descriptor: return "negative descriptor";
        case event_errc::unknown_backend: return "unknown poller backend (expected epoll, poll or select)";
    }
    return "unknown event error";
}

}  // namespace

const std::error_category& event_category() noexcept {
    static const enum_category<event_errc> instance("sockit.event", describe);
    return instance;
}

}  // namespace sockit
