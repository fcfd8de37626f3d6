// SPDX-License-Identifier: MIT
// server_model: the concurrency models of the server engine (the seeds' chapters 6-9), chosen at run time.
#pragma once

#include <array>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::serve {

/// How a server runs its connections.
enum class server_model {
    uniplex,   ///< one client at a time, on the accepting thread (the seeds' recv_1_tcp)
    fork,      ///< one child process per connection; SIGCHLD reaped, no zombies (recv_n_tcp)
    thread,    ///< one thread per connection
    pool,      ///< a fixed set of worker threads takes accepted connections from a queue
    poll,      ///< one event loop (poll backend by default)
    epoll,     ///< one event loop (epoll backend)
    reactors,  ///< one epoll loop per worker (per core by default), each with its own SO_REUSEPORT sockets (a
               ///< group no second server can join: it is bound only after a plain bind of the same address
               ///< succeeded)
};

/// Every model, in the order above.
inline constexpr std::array<server_model, 7> all_server_models = {
    server_model::uniplex, server_model::fork,  server_model::thread,  server_model::pool,
    server_model::poll,    server_model::epoll, server_model::reactors};

/// "uniplex", "fork", "thread", "pool", "poll", "epoll" or "reactors".
[[nodiscard]] std::string_view to_string(server_model m) noexcept;

/// Parses a model name as to_string() spells it. Errors: std::errc::invalid_argument.
[[nodiscard]] result<server_model> parse_server_model(std::string_view name) noexcept;

/// True for the models that serve connections from event loops (poll, epoll, reactors); false for the
/// ones that give each connection a blocking flow of control (uniplex, fork, thread, pool).
[[nodiscard]] constexpr bool is_event_driven(server_model m) noexcept {
    return m == server_model::poll || m == server_model::epoll || m == server_model::reactors;
}

}  // namespace sockit::serve
