// SPDX-License-Identifier: MIT
// server_model names, and the names of close reasons.
#include "sockit/serve/server_model.hpp"

#include <system_error>

#include "sockit/serve/server.hpp"

namespace sockit::serve {

std::string_view to_string(server_model m) noexcept {
    switch (m) {
        case server_model::uniplex: return "uniplex";
        case server_model::fork: return "fork";
        case server_model::thread: return "thread";
        case server_model::pool: return "pool";
        case server_model::poll: return "poll";
        case server_model::epoll: return "epoll";
        case server_model::reactors: return "reactors";
    }
    return "?";
}

result<server_model> parse_server_model(std::string_view name) noexcept {
    for (auto m : all_server_models)
        if (to_string(m) == name) return m;
    return fail(std::make_error_code(std::errc::invalid_argument));
}

const char* to_string(close_reason r) noexcept {
    switch (r) {
        case close_reason::done: return "done";
        case close_reason::peer_reset: return "reset";
        case close_reason::idle_timeout: return "idle-timeout";
        case close_reason::server_stop: return "server-stop";
        case close_reason::error: return "error";
        case close_reason::deadline: return "deadline";
    }
    return "?";
}

}  // namespace sockit::serve
