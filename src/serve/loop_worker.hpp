// SPDX-License-Identifier: MIT
// loop_worker: one event loop serving a set of listeners — accepts (EMFILE-safe), answers UDP, serves or
// dispatches TCP, drains on stop.
#pragma once

#include <memory>
#include <vector>

#include "server_impl.hpp"
#include "sockit/serve/rate_limiter.hpp"
#include "stream_connection.hpp"

namespace sockit::serve::detail {

/// Runs one event loop over one set of bound listeners. With no dispatcher it serves TCP connections on
/// the loop itself (poll, epoll, reactors); with one it hands them over (uniplex, fork, thread, pool).
/// UDP is always answered on the loop. Stops when the server's stop eventfd turns readable: closes its
/// listeners, lets connections finish within the grace period, then returns from run().
class loop_worker {
public:
    loop_worker(server_impl& s, event_loop& loop, std::vector<bound_listener>& listeners,
                dispatcher* d) noexcept;
    ~loop_worker();
    loop_worker(const loop_worker&) = delete;
    loop_worker& operator=(const loop_worker&) = delete;

    /// Watches everything and runs the loop until drained after stop. Blocks. Errors: the loop's, watch's.
    result<void> run();

private:
    struct conn_entry {
        std::unique_ptr<stream_connection> conn;
        const listener_spec* spec = nullptr;
        watch_handle watch;
        timer_handle idle;
        timer_handle deadline;  // the handler's (stream_context::set_deadline)
    };
    struct udp_entry {
        bound_listener* listener = nullptr;
        std::unique_ptr<datagram_handler> handler;
        std::unique_ptr<rate_limiter> limiter;
        watch_handle watch;
    };
    struct tcp_entry {
        bound_listener* listener = nullptr;
        watch_handle watch;
        timer_handle resume;
    };

    void on_accept(tcp_entry& l);
    void reject_one(tcp_entry& l);
    void add_connection(socket sock, const endpoint& peer, const listener_spec& spec);
    void on_io(conn_entry* e, bool readable);
    void update(conn_entry* e);
    void sync_deadline(conn_entry* e);
    void close_connection(conn_entry* e) noexcept;
    void on_udp(udp_entry& u);
    void begin_stop();
    void check_drained();

    server_impl& s_;
    event_loop& loop_;
    std::vector<bound_listener>& listeners_;
    dispatcher* dispatcher_;
    std::vector<tcp_entry> tcp_;
    std::vector<udp_entry> udp_;
    std::vector<std::unique_ptr<conn_entry>> conns_;  // indexed by descriptor
    std::size_t conn_count_ = 0;
    unique_fd spare_fd_;  // given up on EMFILE to accept-and-close one connection
    watch_handle stop_watch_;
    timer_handle grace_timer_;
    timer_handle drain_timer_;
    timer_handle tick_timer_;
    bool stopping_ = false;
    bool grace_over_ = false;
};

}  // namespace sockit::serve::detail
