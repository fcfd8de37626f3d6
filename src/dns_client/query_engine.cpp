// SPDX-License-Identifier: MIT
// query_engine: concurrent DNS exchanges on one event loop — random IDs and source ports, strict response
// matching (RFC 5452 §9), retries, TCP fallback on TC (RFC 1035 §4.2.2, RFC 7766 §5).
#include "sockit/dns_client/query_engine.hpp"

#include <sys/random.h>

#include <cerrno>
#include <utility>

#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/dns/tcp_framing.hpp"
#include "sockit/dns_client/client_errc.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::dns_client {

using dns::append_tcp_frame;
using dns::build_query;
using dns::dns_header;
using dns::message_view;
using dns::next_tcp_frame;
using dns::opcode;
using dns::query_options;
using dns::question;

struct query_engine::pending {
    std::uint64_t key = 0;  // the callbacks hold (engine, key), never a pointer to this
    question q;
    endpoint server;
    exchange_options opt;
    completion done;
    std::uint16_t id = 0;
    byte_buffer query;  // the query message (no TCP prefix)
    bool tcp = false;
    unsigned tries_left = 0;  // on the current transport
    socket sock;
    watch_handle watch;
    timer_handle timer;
    std::error_code deferred;  // a try-level failure found while starting a try, reported from the timer
    bool connecting = false;
    byte_buffer out;  // TCP: the framed query
    std::size_t out_sent = 0;
    byte_buffer in;  // TCP: bytes received so far
    event_loop::clock::time_point started;
    exchange_result stats;
};

namespace {

enum class verdict { good, ignored, malformed };

bool would_block(const std::error_code& ec) noexcept {
    return ec == std::errc::resource_unavailable_try_again || ec == std::errc::operation_would_block;
}

/// The acceptance rule of RFC 5452 §9.1 for one response (`view`, parsed from `wire`): our ID, QR, opcode
/// QUERY, our question.
verdict judge(const result<message_view>& view, bytes_view wire, std::uint16_t id,
              const question& q) noexcept {
    if (!view) {
        // Only bytes that carry our ID count as a (bad) answer; anything else is noise or a spoof.
        bool ours = wire.size() >= 2 && ((wire[0] << 8) | wire[1]) == id;
        return ours ? verdict::malformed : verdict::ignored;
    }
    const dns_header& h = view->header();
    if (h.id != id || !h.qr || h.opcode != opcode::query) return verdict::ignored;
    if (!view->matches_question(q.name, q.type, q.klass)) return verdict::ignored;
    return verdict::good;
}

}  // namespace

query_engine::query_engine(event_loop& loop) noexcept : loop_(loop) {}

query_engine::~query_engine() {
    for (auto& [key, p] : active_) {
        close_transport(*p);
        loop_.cancel_timer(p->timer);
    }
}

result<std::uint16_t> query_engine::next_id() {
    if (random_used_ + 2 > random_.size()) {
        std::size_t got = 0;
        while (got < random_.size()) {
            ssize_t n = ::getrandom(random_.data() + got, random_.size() - got, 0);
            if (n < 0) {
                if (errno == EINTR) continue;
                return fail(last_error());
            }
            got += static_cast<std::size_t>(n);
        }
        random_used_ = 0;
    }
    auto id = static_cast<std::uint16_t>((random_[random_used_] << 8) | random_[random_used_ + 1]);
    random_used_ += 2;
    return id;
}

result<void> query_engine::start(const question& q, const endpoint& server, const exchange_options& options,
                                 completion done) {
    auto p = std::make_unique<pending>();
    p->q = q;
    p->server = server;
    p->opt = options;
    if (p->opt.tries == 0) p->opt.tries = 1;  // at least one try on each transport
    p->done = std::move(done);
    p->tcp = options.start_with_tcp;
    p->tries_left = p->opt.tries;
    p->started = event_loop::clock::now();
    p->stats.server = server;
    const std::uint64_t key = next_key_++;
    p->key = key;
    pending& ref = *p;
    active_.emplace(key, std::move(p));
    ref.timer = loop_.add_timer(options.timeout, [this, key] { on_timeout(key); });
    if (auto r = begin_try(ref); !r) {
        close_transport(ref);
        loop_.cancel_timer(ref.timer);
        active_.erase(key);
        return r;
    }
    return {};
}

result<void> query_engine::begin_try(pending& p) {
    // A fresh ID for each transport's first try; UDP retries keep it so that a late answer still counts.
    if (p.query.empty()) {
        auto id = next_id();
        if (!id) return fail(id.error());
        p.id = *id;
        query_options qo = p.opt.query;
        qo.id = p.id;
        auto wire = build_query(p.q.name, p.q.type, qo, p.q.klass);
        if (!wire) return fail(wire.error());
        p.query = std::move(*wire);
    }
    --p.tries_left;
    ++p.stats.tries;
    p.deferred = {};
    loop_.rearm_timer(p.timer, p.opt.timeout);
    return p.tcp ? begin_tcp(p) : begin_udp(p);
}

result<void> query_engine::begin_udp(pending& p) {
    const std::uint64_t key = p.key;
    if (!p.sock) {
        auto s = socket::open(p.server.family(), SOCK_DGRAM | SOCK_NONBLOCK);
        if (!s) return fail(s.error());
        // No explicit bind(port 0): connect() on an unbound socket binds it exactly so (the kernel's
        // randomised ephemeral port, new for every exchange, RFC 5452 §9.2) and saves a system call.
        // connect() also makes the kernel report ICMP port unreachable as ECONNREFUSED; the source is
        // still checked on every datagram.
        if (auto r = s->connect(p.server); !r) return r;
        auto w = loop_.watch(s->fd(), io_mask::readable, {[this, key] { on_readable(key); }, {}});
        if (!w) return fail(w.error());
        p.sock = std::move(*s);
        p.watch = *w;
    }
    auto sent = p.sock.send(p.query);
    if (!sent && sent.error() == std::errc::connection_refused)
        sent = p.sock.send(p.query);  // an old ICMP error
    if (!sent) {
        if (sent.error() == std::errc::connection_refused || would_block(sent.error())) {
            p.deferred = sent.error();
            loop_.rearm_timer(p.timer, std::chrono::milliseconds(0));
            return {};
        }
        return fail(sent.error());
    }
    return {};
}

result<void> query_engine::begin_tcp(pending& p) {
    const std::uint64_t key = p.key;
    close_transport(p);
    auto s = socket::open(p.server.family(), SOCK_STREAM | SOCK_NONBLOCK);
    if (!s) return fail(s.error());
    p.out.clear();
    if (auto r = append_tcp_frame(p.out, p.query); !r) return r;
    p.out_sent = 0;
    p.in.clear();
    auto begun = s->begin_connect(p.server);
    if (!begun) {
        p.deferred = begun.error();
        loop_.rearm_timer(p.timer, std::chrono::milliseconds(0));
        return {};
    }
    p.connecting = !*begun;
    auto w = loop_.watch(s->fd(), io_mask::writable,
                         {[this, key] { on_readable(key); }, [this, key] { on_writable(key); }});
    if (!w) return fail(w.error());
    p.sock = std::move(*s);
    p.watch = *w;
    return {};
}

void query_engine::close_transport(pending& p) noexcept {
    if (p.watch) loop_.unwatch(p.watch);
    p.watch = {};
    p.sock.close();
    p.connecting = false;
}

void query_engine::on_timeout(std::uint64_t key) {
    auto it = active_.find(key);
    if (it == active_.end()) return;
    std::error_code why =
        it->second->deferred ? it->second->deferred : make_error_code(client_errc::timed_out);
    try_failed(key, why);
}

void query_engine::try_failed(std::uint64_t key, std::error_code why) {
    auto it = active_.find(key);
    if (it == active_.end()) return;
    pending& p = *it->second;
    if (p.tries_left == 0) {
        finish(key, fail(p.stats.malformed > 0 ? make_error_code(client_errc::malformed_response) : why));
        return;
    }
    if (p.tcp) close_transport(p);  // a UDP socket stays open: a late answer to an earlier try still counts
    if (auto r = begin_try(p); !r) finish(key, fail(r.error()));
}

void query_engine::on_writable(std::uint64_t key) {
    auto it = active_.find(key);
    if (it == active_.end()) return;
    pending& p = *it->second;
    if (p.connecting) {
        p.connecting = false;
        if (auto r = p.sock.finish_connect(); !r) {
            try_failed(key, r.error());
            return;
        }
    }
    while (p.out_sent < p.out.size()) {
        auto n = p.sock.send(bytes_view(p.out).subspan(p.out_sent));
        if (!n) {
            if (would_block(n.error())) return;
            try_failed(key, n.error());
            return;
        }
        p.out_sent += *n;
    }
    (void)loop_.set_interest(p.watch, io_mask::readable);
}

void query_engine::on_readable(std::uint64_t key) {
    auto it = active_.find(key);
    if (it == active_.end()) return;
    pending& p = *it->second;
    if (rx_.size() < 65536) rx_.resize(65536);
    if (!p.tcp) {
        for (;;) {
            auto d = p.sock.recvfrom(rx_);
            if (!d) {
                if (would_block(d.error())) return;
                if (d.error() == std::errc::interrupted) continue;
                try_failed(key, d.error());  // ECONNREFUSED: ICMP port unreachable for our query
                return;
            }
            bytes_view got(rx_.data(), d->size);
            if (!(d->from.unmapped() == p.server) || d->truncated) {
                ++p.stats.ignored;
                continue;
            }
            if (offer(key, p, got)) return;
        }
    }
    for (;;) {
        auto n = p.sock.recv(rx_);
        if (!n) {
            if (would_block(n.error())) return;
            if (n.error() == std::errc::interrupted) continue;
            try_failed(key, n.error());
            return;
        }
        if (*n == 0) {
            try_failed(key, make_error_code(client_errc::connection_closed));
            return;
        }
        p.in.insert(p.in.end(), rx_.begin(), rx_.begin() + static_cast<std::ptrdiff_t>(*n));
        for (;;) {
            auto frame = next_tcp_frame(p.in);
            if (!frame) {
                if (frame.error() == codec_errc::need_more) break;
                ++p.stats.malformed;
                try_failed(key, make_error_code(client_errc::malformed_response));
                return;
            }
            if (offer(key, p, frame->message)) return;
            p.in.erase(p.in.begin(), p.in.begin() + static_cast<std::ptrdiff_t>(frame->consumed));
        }
    }
}

bool query_engine::offer(std::uint64_t key, pending& p, bytes_view wire) {
    auto view = message_view::parse(wire);
    switch (judge(view, wire, p.id, p.q)) {
        case verdict::good: accept(key, *view); return true;
        case verdict::ignored: ++p.stats.ignored; break;
        case verdict::malformed: ++p.stats.malformed; break;
    }
    return false;
}

void query_engine::accept(std::uint64_t key, const message_view& response) {
    auto it = active_.find(key);
    if (it == active_.end()) return;
    pending& p = *it->second;
    if (!p.tcp && response.header().tc && !p.opt.ignore_truncation) {
        // RFC 7766 §5: a truncated UDP answer is retried over TCP, with a fresh ID and the full tries.
        p.tcp = true;
        p.stats.truncated_retry = true;
        p.tries_left = p.opt.tries;
        close_transport(p);
        p.query.clear();
        if (auto r = begin_try(p); !r) finish(key, fail(r.error()));
        return;
    }
    auto decoded = dns::message::from_view(response);
    if (!decoded) {  // parse checked every name and RDATA, so this cannot happen; stay safe anyway
        ++p.stats.malformed;
        return;
    }
    exchange_result out = std::move(p.stats);
    out.wire.assign(response.wire().begin(), response.wire().end());
    out.response = std::move(*decoded);
    out.over_tcp = p.tcp;
    out.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(event_loop::clock::now() - p.started);
    finish(key, std::move(out));
}

void query_engine::finish(std::uint64_t key, result<exchange_result> outcome) {
    auto it = active_.find(key);
    if (it == active_.end()) return;
    std::unique_ptr<pending> p = std::move(it->second);
    active_.erase(it);
    close_transport(*p);
    loop_.cancel_timer(p->timer);
    completion done = std::move(p->done);
    p.reset();
    if (done) done(std::move(outcome));
}

}  // namespace sockit::dns_client
