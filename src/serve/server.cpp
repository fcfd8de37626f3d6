// SPDX-License-Identifier: MIT
// server: binding the listeners, choosing the model's loops and threads, stopping.
#include "sockit/serve/server.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <mutex>
#include <thread>

#include "blocking_driver.hpp"
#include "loop_worker.hpp"
#include "server_impl.hpp"
#include "sockit/sock/dual_stack.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::serve {
namespace {

std::error_code invalid() { return std::make_error_code(std::errc::invalid_argument); }

result<socket> bind_one(const listener_spec& spec, std::uint16_t port, bool reuse_port) noexcept {
    const bool tcp = spec.proto == transport::tcp;
    const int type = tcp ? SOCK_STREAM : SOCK_DGRAM;
    if (!spec.address) {
        dual_stack_options o;
        // SO_REUSEADDR on UDP would let a second server bind the same port silently: TCP only.
        o.reuse_address = tcp;
        o.reuse_port = reuse_port;
        o.non_blocking = true;
        return bind_dual_stack(port, type, o);
    }
    const endpoint ep = spec.address->with_port(port);
    auto s = socket::open(ep.family(), type | SOCK_NONBLOCK);
    if (!s) return s;
    if (tcp)
        if (auto r = s->set(opt::reuse_address{true}); !r) return fail(r.error());
    if (reuse_port)
        if (auto r = s->set(opt::reuse_port{true}); !r) return fail(r.error());
    if (auto r = s->bind(ep); !r) return fail(r.error());
    if (tcp)
        if (auto r = s->listen(); !r) return fail(r.error());
    return s;
}

}  // namespace

void server_impl::close_all_listeners() noexcept {
    for (auto& set : sets)
        for (auto& l : set) l.sock.close();
}

result<std::unique_ptr<server>> server::create(server_options options, std::vector<listener_spec> listeners) {
    if (listeners.empty() || options.max_connections == 0 || options.max_output == 0) return fail(invalid());
    for (const auto& l : listeners) {
        if (l.proto == transport::tcp && !l.make_stream) return fail(invalid());
        if (l.proto == transport::udp && !l.make_datagram) return fail(invalid());
        if (l.address && !l.address->is_ip()) return fail(invalid());
    }
    auto impl = std::make_unique<server_impl>();
    impl->opts = std::move(options);
    impl->specs = std::move(listeners);

    std::size_t nsets = 1;
    if (impl->opts.model == server_model::reactors) {
        nsets =
            impl->opts.workers != 0 ? impl->opts.workers : std::max(1u, std::thread::hardware_concurrency());
    }
    const bool reuse_port = nsets > 1;
    impl->sets.resize(nsets);
    for (const auto& spec : impl->specs) {
        std::uint16_t port = spec.address ? spec.address->port() : spec.port;
        if (reuse_port) {
            // The guard that keeps an SO_REUSEPORT group ours: first bind the address without
            // SO_REUSEPORT, which fails with EADDRINUSE while anyone holds the port (another server's
            // group included), so a second server is refused instead of joining and taking a share of
            // the connections. Then the group takes the port the probe proved free (or was given).
            auto probe = bind_one(spec, port, false);
            if (!probe) return fail(probe.error());
            auto local = probe->local_endpoint();
            if (!local) return fail(local.error());
            port = local->port();
        }
        for (std::size_t k = 0; k < nsets; ++k) {
            auto s = bind_one(spec, port, reuse_port);
            if (!s) return fail(s.error());
            if (k == 0) {
                auto local = s->local_endpoint();
                if (!local) return fail(local.error());
                port = local->port();  // the other loops join the port the kernel chose
                impl->infos.push_back({spec.service, spec.proto, *local});
            }
            impl->sets[k].push_back({&spec, std::move(*s)});
        }
    }

    const poller_backend backend = impl->opts.backend.value_or(
        impl->opts.model == server_model::poll ? poller_backend::poll : poller_backend::epoll);
    for (std::size_t k = 0; k < nsets; ++k) {
        auto loop = event_loop::create(backend);
        if (!loop) return fail(loop.error());
        impl->loops.push_back(std::move(*loop));
    }
    const int efd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (efd < 0) return fail(last_error());
    impl->stop_fd.reset(efd);
    return std::unique_ptr<server>(new server(std::move(impl)));
}

server::server(std::unique_ptr<server_impl> impl) noexcept : impl_(std::move(impl)) {}

server::~server() = default;

const std::vector<listener_info>& server::listeners() const noexcept { return impl_->infos; }

const server_stats& server::stats() const noexcept { return impl_->stats; }

void server::request_stop() noexcept {
    const std::uint64_t one = 1;
    // write(2) on an eventfd is async-signal-safe; the counter cannot overflow from a few stops.
    [[maybe_unused]] auto n = ::write(impl_->stop_fd.get(), &one, sizeof one);
}

result<void> server::run() {
    auto& s = *impl_;
    if (s.ran) return fail(std::make_error_code(std::errc::operation_not_permitted));
    s.ran = true;

    if (!is_event_driven(s.opts.model)) {
        auto d = detail::make_dispatcher(s);
        if (!d) return fail(std::make_error_code(std::errc::not_supported));
        result<void> r;
        {
            detail::loop_worker w(s, *s.loops[0], s.sets[0], d.get());
            r = w.run();
        }
        if (!r) request_stop();  // children and threads see the stop eventfd and end within the grace period
        d->wait_all();
        return r;
    }

    std::mutex mu;
    result<void> first;
    auto run_set = [&](std::size_t k) {
        detail::loop_worker w(s, *s.loops[k], s.sets[k], nullptr);
        auto r = w.run();
        if (!r) {
            std::lock_guard lock(mu);
            if (first) first = r;
            request_stop();
        }
    };
    std::vector<std::thread> threads;
    try {
        for (std::size_t k = 1; k < s.loops.size(); ++k) threads.emplace_back(run_set, k);
    } catch (const std::system_error& e) {
        request_stop();
        for (auto& t : threads) t.join();
        return fail(e.code());
    }
    run_set(0);
    for (auto& t : threads) t.join();
    return first;
}

namespace detail {

void serve_blocking(server_impl& s, socket sock, const endpoint& peer, const listener_spec& spec,
                    const std::function<void()>& on_stop_seen) noexcept {
    std::unique_ptr<stream_handler> handler;
    try {
        handler = spec.make_stream();
    } catch (...) {
    }
    if (handler) {
        const endpoint local = sock.local_endpoint().value_or(endpoint{});
        stream_connection conn(std::move(sock), peer, local, std::move(handler), s.opts.max_output);
        conn.start();
        const auto why =
            run_blocking(conn, s.stop_fd.get(), s.opts.idle_timeout, s.opts.grace, s.stop_at, on_stop_seen);
        if (why == close_reason::idle_timeout) s.stats.idle_timeouts.fetch_add(1, std::memory_order_relaxed);
        if (why == close_reason::deadline) s.stats.deadlines.fetch_add(1, std::memory_order_relaxed);
        if (s.opts.on_connection_end) {
            try {
                s.opts.on_connection_end(conn.record(spec.service));
            } catch (...) {
            }
        }
    }
    s.stats.active.fetch_sub(1, std::memory_order_relaxed);
}

}  // namespace detail
}  // namespace sockit::serve
