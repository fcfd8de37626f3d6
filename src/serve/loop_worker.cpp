// SPDX-License-Identifier: MIT
// loop_worker: one event loop serving a set of listeners (accept, EMFILE, UDP safety rules, idle timeouts,
// drain on stop).
#include "loop_worker.hpp"

#include <fcntl.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <system_error>

namespace sockit::serve::detail {
namespace {

using namespace std::chrono_literals;

constexpr int max_accepts_per_wakeup = 64;  // then let the other descriptors of the loop have a turn
constexpr int max_datagrams_per_wakeup = 32;
constexpr auto accept_pause = 100ms;  // EMFILE with no spare descriptor left: try again later
constexpr auto drain_check = 20ms;    // how often a stopping loop looks at blocking-model work
constexpr auto housekeeping = 100ms;  // dispatcher tick (fork: reap children)

// Per-thread datagram buffers: a UDP request up to the IP maximum, and the bounded reply.
thread_local std::array<std::uint8_t, 65536> udp_in;
thread_local std::array<std::uint8_t, 65536> udp_out;

bool would_block(const std::error_code& ec) noexcept {
    return ec == std::errc::resource_unavailable_try_again || ec == std::errc::operation_would_block ||
           ec == std::errc::interrupted;
}

bool out_of_descriptors(const std::error_code& ec) noexcept {
    return ec == std::errc::too_many_files_open || ec == std::errc::too_many_files_open_in_system ||
           ec == std::errc::no_buffer_space || ec == std::errc::not_enough_memory;
}

unique_fd open_spare() noexcept { return unique_fd(::open("/dev/null", O_RDONLY | O_CLOEXEC)); }

}  // namespace

loop_worker::loop_worker(server_impl& s, event_loop& loop, std::vector<bound_listener>& listeners,
                         dispatcher* d) noexcept
    : s_(s), loop_(loop), listeners_(listeners), dispatcher_(d) {}

loop_worker::~loop_worker() {
    for (auto& e : conns_)
        if (e) {
            e->conn->abort(close_reason::server_stop);
            close_connection(e.get());
        }
    for (auto& l : tcp_) {
        loop_.unwatch(l.watch);
        loop_.cancel_timer(l.resume);
    }
    for (auto& u : udp_) loop_.unwatch(u.watch);
    loop_.unwatch(stop_watch_);
    loop_.cancel_timer(grace_timer_);
    loop_.cancel_timer(drain_timer_);
    loop_.cancel_timer(tick_timer_);
}

result<void> loop_worker::run() {
    spare_fd_ = open_spare();
    // Reserve first: the callbacks below hold pointers into these vectors.
    tcp_.reserve(listeners_.size());
    udp_.reserve(listeners_.size());
    for (auto& l : listeners_) {
        if (!l.sock.is_open()) continue;
        if (l.spec->proto == transport::tcp) {
            tcp_.push_back({&l, {}, {}});
        } else {
            udp_entry u;
            u.listener = &l;
            u.handler = l.spec->make_datagram();
            if (!u.handler) return fail(std::make_error_code(std::errc::invalid_argument));
            u.limiter = std::make_unique<rate_limiter>(l.spec->policy.rate_per_source,
                                                       l.spec->policy.burst_per_source);
            udp_.push_back(std::move(u));
        }
    }
    for (auto& l : tcp_) {
        auto w =
            loop_.watch(l.listener->sock.fd(), io_mask::readable, {[this, p = &l] { on_accept(*p); }, {}});
        if (!w) return fail(w.error());
        l.watch = *w;
    }
    for (auto& u : udp_) {
        auto w = loop_.watch(u.listener->sock.fd(), io_mask::readable, {[this, p = &u] { on_udp(*p); }, {}});
        if (!w) return fail(w.error());
        u.watch = *w;
    }
    auto w = loop_.watch(s_.stop_fd.get(), io_mask::readable, {[this] { begin_stop(); }, {}});
    if (!w) return fail(w.error());
    stop_watch_ = *w;
    if (dispatcher_ != nullptr) {
        if (auto r = dispatcher_->attach(loop_); !r) return r;
        tick_timer_ = loop_.add_periodic(housekeeping, [this] { dispatcher_->tick(); });
    }
    return loop_.run();
}

void loop_worker::on_accept(tcp_entry& l) {
    if (!l.listener->sock.is_open()) return;  // closed by a uniplex stop; begin_stop() unwatches it
    for (int i = 0; i < max_accepts_per_wakeup && !stopping_; ++i) {
        auto c = l.listener->sock.accept(peer_form::unmapped, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (!c) {
            const auto& ec = c.error();
            if (would_block(ec)) return;
            if (out_of_descriptors(ec)) {
                reject_one(l);
                return;
            }
            continue;  // ECONNABORTED, EPROTO, EPERM (firewall): that connection is gone, the next may not be
        }
        if (s_.stats.active.load(std::memory_order_relaxed) >= s_.opts.max_connections) {
            s_.stats.rejected.fetch_add(1, std::memory_order_relaxed);
            continue;  // closed at once: the client sees EOF instead of waiting in the backlog
        }
        s_.stats.active.fetch_add(1, std::memory_order_relaxed);
        s_.stats.accepted.fetch_add(1, std::memory_order_relaxed);
        if (dispatcher_ != nullptr)
            dispatcher_->dispatch(std::move(c->sock), c->peer, *l.listener->spec);
        else
            add_connection(std::move(c->sock), c->peer, *l.listener->spec);
    }
}

void loop_worker::reject_one(tcp_entry& l) {
    // Out of descriptors: the pending connection would make the listener readable forever (a busy loop).
    // Give up the spare descriptor, accept the connection and close it, take the spare back.
    if (spare_fd_) {
        spare_fd_.reset();
        auto c = l.listener->sock.accept(peer_form::unmapped, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c) s_.stats.rejected.fetch_add(1, std::memory_order_relaxed);
        spare_fd_ = open_spare();
        if (c && spare_fd_) return;
    }
    // Still nothing: stop watching the listener for a while (the kernel keeps the backlog).
    (void)loop_.set_interest(l.watch, io_mask::none);
    loop_.cancel_timer(l.resume);
    l.resume = loop_.add_timer(accept_pause, [this, p = &l] {
        if (!spare_fd_) spare_fd_ = open_spare();
        if (!stopping_) (void)loop_.set_interest(p->watch, io_mask::readable);
    });
}

void loop_worker::add_connection(socket sock, const endpoint& peer, const listener_spec& spec) {
    auto uncount = [this] { s_.stats.active.fetch_sub(1, std::memory_order_relaxed); };
    std::unique_ptr<stream_handler> handler;
    try {
        handler = spec.make_stream();
    } catch (...) {
    }
    if (!handler) {
        uncount();
        return;
    }
    const endpoint local = sock.local_endpoint().value_or(endpoint{});
    auto entry = std::make_unique<conn_entry>();
    entry->conn = std::make_unique<stream_connection>(std::move(sock), peer, local, std::move(handler),
                                                      s_.opts.max_output);
    entry->spec = &spec;
    conn_entry* e = entry.get();
    const int fd = e->conn->fd();
    const auto slot = static_cast<std::size_t>(fd);
    if (slot >= conns_.size()) conns_.resize(slot + 1);
    conns_[slot] = std::move(entry);
    ++conn_count_;
    e->conn->start();
    if (!e->conn->finished()) {
        auto w = loop_.watch(fd, e->conn->interest(),
                             {[this, e] { on_io(e, true); }, [this, e] { on_io(e, false); }});
        if (!w) {
            e->conn->abort(close_reason::error);  // select: a descriptor above FD_SETSIZE
        } else {
            e->watch = *w;
            if (s_.opts.idle_timeout.count() > 0)
                e->idle = loop_.add_timer(s_.opts.idle_timeout, [this, e] {
                    e->conn->abort(close_reason::idle_timeout);
                    s_.stats.idle_timeouts.fetch_add(1, std::memory_order_relaxed);
                    close_connection(e);
                });
            (void)e->conn->take_progress();
            sync_deadline(e);
        }
    }
    if (e->conn->finished()) close_connection(e);
}

void loop_worker::on_io(conn_entry* e, bool readable) {
    if (readable)
        e->conn->on_readable();
    else
        e->conn->on_writable();
    update(e);
}

void loop_worker::update(conn_entry* e) {
    if (e->conn->finished()) {
        close_connection(e);
        return;
    }
    (void)loop_.set_interest(e->watch, e->conn->interest());
    if (e->conn->take_progress() && e->idle) loop_.rearm_timer(e->idle, s_.opts.idle_timeout);
    sync_deadline(e);
}

void loop_worker::sync_deadline(conn_entry* e) {
    if (!e->conn->take_deadline_change()) return;
    loop_.cancel_timer(e->deadline);
    e->deadline = {};
    const auto at = e->conn->deadline();
    if (!at) return;
    const auto delay = std::max(event_loop::clock::duration::zero(), *at - event_loop::clock::now());
    e->deadline = loop_.add_timer(delay, [this, e] {
        e->conn->abort(close_reason::deadline);
        s_.stats.deadlines.fetch_add(1, std::memory_order_relaxed);
        close_connection(e);
    });
}

void loop_worker::close_connection(conn_entry* e) noexcept {
    loop_.unwatch(e->watch);
    loop_.cancel_timer(e->idle);
    loop_.cancel_timer(e->deadline);
    if (s_.opts.on_connection_end) {
        try {
            s_.opts.on_connection_end(e->conn->record(e->spec->service));
        } catch (...) {
            // A failing log sink must not take the server down.
        }
    }
    s_.stats.active.fetch_sub(1, std::memory_order_relaxed);
    conns_[static_cast<std::size_t>(e->conn->fd())].reset();  // closes the socket; e is gone
    --conn_count_;
    if (stopping_) check_drained();
}

void loop_worker::on_udp(udp_entry& u) {
    if (!u.listener->sock.is_open()) return;
    const auto& policy = u.listener->spec->policy;
    const std::size_t cap = std::min(policy.max_reply, udp_out.size());
    for (int i = 0; i < max_datagrams_per_wakeup; ++i) {
        // As the kernel gives it: a reply to an IPv4 peer of a dual-stack socket needs the mapped form.
        auto d = u.listener->sock.recvfrom(std::span<std::uint8_t>(udp_in), 0, peer_form::as_is);
        if (!d) {
            if (would_block(d.error())) return;
            continue;  // ECONNREFUSED and friends: an ICMP error about an earlier reply
        }
        s_.stats.datagrams.fetch_add(1, std::memory_order_relaxed);
        const endpoint from = d->from.unmapped();
        if (!from.is_ip()) continue;
        if (policy.refuse_privileged_ports && from.port() < 1024) {
            s_.stats.refused_port.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        std::size_t n = 0;
        try {
            if (!u.limiter->allow(from.address(), loop_.now())) {
                s_.stats.rate_limited.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            n = u.handler->on_datagram(bytes_view(udp_in.data(), d->size), from,
                                       std::span<std::uint8_t>(udp_out.data(), cap));
        } catch (...) {
            continue;
        }
        n = std::min(n, cap);
        if (n == 0) continue;
        if (u.listener->sock.sendto(bytes_view(udp_out.data(), n), d->from))
            s_.stats.replies.fetch_add(1, std::memory_order_relaxed);
    }
}

void loop_worker::begin_stop() {
    if (stopping_) return;
    stopping_ = true;
    loop_.unwatch(stop_watch_);
    std::int64_t expected = 0;
    const auto at = (loop_.now() + s_.opts.grace).time_since_epoch().count();
    s_.stop_at.compare_exchange_strong(expected, static_cast<std::int64_t>(at));
    for (auto& l : tcp_) {
        loop_.unwatch(l.watch);
        loop_.cancel_timer(l.resume);
        l.listener->sock.close();
    }
    for (auto& u : udp_) {
        loop_.unwatch(u.watch);
        u.listener->sock.close();
    }
    grace_timer_ = loop_.add_timer(s_.opts.grace, [this] {
        grace_over_ = true;
        for (auto& e : conns_)
            if (e) {
                e->conn->abort(close_reason::server_stop);
                close_connection(e.get());
            }
        if (dispatcher_ != nullptr) dispatcher_->after_grace();
        check_drained();
    });
    if (dispatcher_ != nullptr) drain_timer_ = loop_.add_periodic(drain_check, [this] { check_drained(); });
    check_drained();
}

void loop_worker::check_drained() {
    if (conn_count_ != 0) return;
    if (dispatcher_ != nullptr && dispatcher_->in_flight() != 0 && !grace_over_) return;
    // Blocking-model work left after the grace period ends by its own deadline; wait_all() waits for it.
    loop_.stop();
}

}  // namespace sockit::serve::detail
