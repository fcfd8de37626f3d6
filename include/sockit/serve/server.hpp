// SPDX-License-Identifier: MIT
// server: the inetd-like engine — listeners for TCP and UDP services, run under a chosen concurrency model
// with limits.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/event/poller.hpp"
#include "sockit/serve/datagram_handler.hpp"
#include "sockit/serve/server_model.hpp"
#include "sockit/serve/stream_handler.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::serve {

/// The transport of a listener.
enum class transport { tcp, udp };

/// "tcp" or "udp".
[[nodiscard]] constexpr const char* to_string(transport t) noexcept {
    return t == transport::tcp ? "tcp" : "udp";
}

/// The safety rules of a UDP service (a reply goes to an address nobody verified).
struct datagram_policy {
    std::size_t max_reply = 512;  ///< no reply is ever longer (chargen, qotd: RFC 864/865's 512)
    bool refuse_privileged_ports =
        true;                      ///< no reply to source ports below 1024 (breaks echo<->chargen loops)
    double rate_per_source = 20;   ///< replies per second per source address (0: unlimited)
    double burst_per_source = 40;  ///< replies a source may draw at once
};

/// Makes the handler of one new TCP connection. Called on the thread that will run the connection.
using stream_factory = std::function<std::unique_ptr<stream_handler>()>;
/// Makes the handler of one UDP socket (one per event loop or acceptor thread).
using datagram_factory = std::function<std::unique_ptr<datagram_handler>()>;

/// One service on one transport and address.
struct listener_spec {
    std::string service;  ///< name for messages and logs ("echo")
    transport proto = transport::tcp;
    /// Where to listen: an IP endpoint, or nullopt for every address of both families (dual stack,
    /// falling back to IPv4 when the machine has no IPv6) at `port`.
    std::optional<endpoint> address;
    std::uint16_t port = 0;          ///< used when address is nullopt; 0 lets the kernel choose
    stream_factory make_stream;      ///< required for tcp
    datagram_factory make_datagram;  ///< required for udp
    datagram_policy policy;          ///< udp only
};

/// A bound listener, as the server reports it after create().
struct listener_info {
    std::string service;
    transport proto = transport::tcp;
    endpoint local;  ///< the bound address with the real port (after port 0)
};

/// Why a connection ended.
enum class close_reason { done, peer_reset, idle_timeout, server_stop, error, deadline };

/// "done", "reset", "idle-timeout", "server-stop", "error" or "deadline" (stream_context::set_deadline).
[[nodiscard]] const char* to_string(close_reason r) noexcept;

/// What the server knows about one finished TCP connection (for --json-log).
struct connection_record {
    std::string_view service;
    endpoint peer;
    std::uint64_t bytes_in = 0;
    std::uint64_t bytes_out = 0;
    std::chrono::steady_clock::duration duration{};
    close_reason reason = close_reason::done;
};

/// How the server runs.
struct server_options {
    server_model model = server_model::reactors;
    /// Reactors: event loops (0: one per core); pool: worker threads (0: 4 per core). Others ignore it.
    std::size_t workers = 0;
    /// The poller of the event loops; nullopt: poll for the poll model, epoll otherwise.
    std::optional<poller_backend> backend;
    std::size_t max_connections = 1024;  ///< concurrent TCP connections; more are accepted and closed at once
    /// A connection with no byte read or written for this long is closed (zero: never).
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(300);
    std::size_t max_output = 64 * 1024;  ///< buffered output per connection before reading pauses
    /// After request_stop(): how long connections in flight may go on before they are closed.
    std::chrono::milliseconds grace = std::chrono::seconds(5);
    /// Called once per finished TCP connection, on the thread (or, for fork, in the child process) that
    /// ran it; calls may be concurrent. Empty: no records.
    std::function<void(const connection_record&)> on_connection_end;
};

/// Counters, readable from any thread while the server runs.
struct server_stats {
    std::atomic<std::uint64_t> accepted{0};       ///< TCP connections accepted and served
    std::atomic<std::uint64_t> rejected{0};       ///< accepted and closed at once (max_connections, EMFILE)
    std::atomic<std::uint64_t> active{0};         ///< TCP connections being served now
    std::atomic<std::uint64_t> idle_timeouts{0};  ///< connections closed by the idle timeout
    std::atomic<std::uint64_t> deadlines{0};      ///< connections closed by a handler's deadline
    std::atomic<std::uint64_t> datagrams{0};      ///< UDP datagrams received
    std::atomic<std::uint64_t> replies{0};        ///< UDP replies sent
    std::atomic<std::uint64_t> refused_port{0};   ///< UDP datagrams dropped: source port below 1024
    std::atomic<std::uint64_t> rate_limited{0};   ///< UDP datagrams dropped: per-source rate limit
};

struct server_impl;

/// An inetd-like server: binds every listener at create() (so that a root process can drop its
/// privileges before run()), then serves them under one concurrency model until request_stop().
///
/// Stopping: request_stop() (thread-safe and async-signal-safe: one write(2) to an eventfd) closes the
/// listeners, lets connections in flight go on for `grace`, closes the rest, reaps every child (fork),
/// joins every thread, and makes run() return. The server changes no process-wide state: it installs no
/// signal handler (callers route SIGINT/SIGTERM to request_stop()), except that the fork model blocks
/// SIGCHLD in the thread calling run() while it runs and reaps its own children.
class server {
public:
    /// Validates the options, opens and binds every listener (non-blocking, SO_REUSEADDR; for reactors one
    /// SO_REUSEPORT socket per loop, after a plain bind proved the address free) and creates the event loops.
    /// Errors: std::errc::invalid_argument (no listener, a spec without its factory, max_connections or
    /// max_output 0), bind's errors (EADDRINUSE, EACCES), socket(2)'s and epoll_create1's. Does not block.
    [[nodiscard]] static result<std::unique_ptr<server>> create(server_options options,
                                                                std::vector<listener_spec> listeners);

    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// The bound listeners, in the order given (with the real port after port 0).
    [[nodiscard]] const std::vector<listener_info>& listeners() const noexcept;

    /// Serves until request_stop() and the drain that follows. Blocks the calling thread (which runs the
    /// accepting loop; reactors and pool start their threads here and join them before returning). Call
    /// once. Errors: event-loop failures (ENOMEM), thread creation failures (EAGAIN).
    result<void> run();

    /// Asks run() to stop (see the class comment). Thread-safe and async-signal-safe; idempotent.
    void request_stop() noexcept;

    /// The live counters.
    [[nodiscard]] const server_stats& stats() const noexcept;

private:
    explicit server(std::unique_ptr<server_impl> impl) noexcept;
    std::unique_ptr<server_impl> impl_;
};

}  // namespace sockit::serve
