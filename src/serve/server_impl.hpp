// SPDX-License-Identifier: MIT
// server_impl: the state every part of the server engine shares (options, bound sockets, loops, stop eventfd,
// counters).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sockit/event/event_loop.hpp"
#include "sockit/serve/server.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::serve {

namespace detail {

/// One bound socket of one listener_spec (reactors have one per loop and spec).
struct bound_listener {
    const listener_spec* spec = nullptr;
    socket sock;
};

/// What an event-loop worker does with an accepted connection when it does not serve it itself: the
/// blocking models (uniplex, fork, thread, pool). Called on the accepting thread only.
class dispatcher {
public:
    virtual ~dispatcher() = default;
    /// Prepares the accepting loop (fork: SIGCHLD). Errors end run().
    virtual result<void> attach(event_loop& loop) {
        (void)loop;
        return {};
    }
    /// Takes one accepted connection (already counted in stats.active; the dispatcher uncounts it).
    virtual void dispatch(socket sock, endpoint peer, const listener_spec& spec) = 0;
    /// Connections still being served.
    [[nodiscard]] virtual std::size_t in_flight() = 0;
    /// Periodic housekeeping on the accepting loop (fork: reap children).
    virtual void tick() {}
    /// The grace period after stop has passed: make stragglers end (fork: signal the children).
    virtual void after_grace() {}
    /// Waits until every connection has ended. Blocks.
    virtual void wait_all() = 0;
};

}  // namespace detail

struct server_impl {
    server_options opts;
    std::vector<listener_spec> specs;
    std::vector<listener_info> infos;
    /// One set of bound sockets per event loop (reactors: per worker; every other model: one).
    std::vector<std::vector<detail::bound_listener>> sets;
    std::vector<std::unique_ptr<event_loop>> loops;
    unique_fd stop_fd;  ///< eventfd: readable once request_stop() ran; never read, so it stays readable
    server_stats stats;
    /// When connections in flight must end (steady clock, ns since its epoch; 0 until a loop saw the stop).
    std::atomic<std::int64_t> stop_at{0};
    bool ran = false;

    /// Closes every listening socket of every set (a forked child does this first).
    void close_all_listeners() noexcept;
};

namespace detail {

/// Serves one accepted connection to its end on the calling thread (the blocking models): makes the
/// handler, drives it with run_blocking, records it, uncounts it. Blocks.
/// `on_stop_seen`: see run_blocking.
void serve_blocking(server_impl& s, socket sock, const endpoint& peer, const listener_spec& spec,
                    const std::function<void()>& on_stop_seen = {}) noexcept;

/// The dispatcher of a blocking model (uniplex, fork, thread, pool).
std::unique_ptr<dispatcher> make_dispatcher(server_impl& s);

}  // namespace detail
}  // namespace sockit::serve
