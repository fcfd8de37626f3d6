// SPDX-License-Identifier: MIT
// poller: backend names and the factory choosing between epoll, poll and select.
#include "sockit/event/poller.hpp"

#include "pollers.hpp"
#include "sockit/event/event_errc.hpp"

namespace sockit {

std::string_view to_string(poller_backend b) noexcept {
    switch (b) {
        case poller_backend::epoll: return "epoll";
        case poller_backend::poll: return "poll";
        case poller_backend::select: return "select";
    }
    return "unknown";
}

result<poller_backend> parse_poller_backend(std::string_view name) noexcept {
    if (name == "epoll") return poller_backend::epoll;
    if (name == "poll") return poller_backend::poll;
    if (name == "select") return poller_backend::select;
    return fail(event_errc::unknown_backend);
}

result<std::unique_ptr<poller>> poller::create(poller_backend backend) noexcept {
    try {
        switch (backend) {
            case poller_backend::epoll: return detail::make_epoll_poller();
            case poller_backend::poll: return detail::make_poll_poller();
            case poller_backend::select: return detail::make_select_poller();
        }
    } catch (const std::bad_alloc&) {
        return fail(std::make_error_code(std::errc::not_enough_memory));
    }
    return fail(event_errc::unknown_backend);
}

}  // namespace sockit
