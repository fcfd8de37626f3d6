// SPDX-License-Identifier: MIT
// echo_load (`sockit bench echo`'s load generator): non-blocking connections on one epoll event loop, each
// with one echo (RFC 862) message in flight, every echoed byte checked against what was sent; nothing
// allocated per message.
#include "sockit/loadgen/echo_load.hpp"

#include <fmt/format.h>
#include <netinet/tcp.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <vector>

#include "sockit/event/event_loop.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::loadgen {
namespace {

using clock = std::chrono::steady_clock;

/// Message k of connection i starts at pattern offset (7k + i) mod 251: consecutive messages of a connection
/// differ (251 is prime, so 7 steps through every offset), so a stale or repeated echo shows as a mismatch.
constexpr std::size_t pattern_period = 251;
/// Connects in flight at once: enough to open 1,000 connections quickly, few enough not to flood a small
/// listen backlog (whose overflow would cost a one-second SYN retransmission).
constexpr std::size_t connect_window = 64;
/// Attempts after the first one, for refused / EAGAIN / timed-out connects (a full backlog), each after
/// twice the previous back-off, starting at first_backoff.
constexpr int max_retries = 5;
constexpr auto first_backoff = std::chrono::milliseconds(20);
/// The receive scratch buffer: echoes are read and compared in pieces of at most this size.
constexpr std::size_t scratch_size = 256 * 1024;

enum class conn_state : std::uint8_t { unopened, connecting, waiting_retry, running, failed };
enum class phase : std::uint8_t { connecting, warmup, measuring, done };

struct echo_conn {
    socket sock;
    watch_handle watch;
    conn_state state = conn_state::unopened;
    bool want_write = false;  // interest includes writable: part of the message is still unsent
    bool mismatch = false;    // the message in flight has a differing byte
    int retries = 0;
    std::size_t offset = 0;  // pattern offset of the message in flight
    std::size_t sent = 0;
    std::size_t received = 0;
    std::uint64_t sequence = 0;  // messages started
    std::uint64_t measured = 0;  // round trips completed in the measured window
    clock::time_point sent_at;
};

bool is_retryable(std::error_code ec) {
    return ec == std::errc::connection_refused || ec == std::errc::resource_unavailable_try_again ||
           ec == std::errc::operation_would_block || ec == std::errc::timed_out ||
           ec == std::errc::connection_reset || ec == std::errc::address_not_available;
}

bool is_would_block(std::error_code ec) {
    return ec == std::errc::resource_unavailable_try_again || ec == std::errc::operation_would_block;
}

class echo_load {
public:
    explicit echo_load(const echo_load_settings& s) : s_(s) {}

    result<echo_load_report, echo_load_failure> run() {
        auto loop = event_loop::create(poller_backend::epoll);
        if (!loop) return fail(echo_load_failure{"event loop", loop.error()});
        loop_ = std::move(*loop);
        target_ = s_.targets.front();
        conns_.resize(s_.connections);
        pattern_.resize(s_.message_size + pattern_period);
        std::uint32_t x = 0x9e3779b9U;  // xorshift32: bytes that no server would produce by accident
        for (auto& b : pattern_) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            b = static_cast<std::uint8_t>(x >> 24);
        }
        scratch_.resize(std::min(s_.message_size, scratch_size));

        connect_timer_ = loop_->add_timer(s_.connect_phase, [this] { end_connect_phase(); });
        if (s_.stop_on_interrupt) {
            static constexpr std::array<int, 2> stops{SIGINT, SIGTERM};
            auto w = loop_->watch_signals(stops, [this](const signal_info&) {
                interrupted_ = true;
                finish(clock::now());
            });
            if (!w) return fail(echo_load_failure{"event loop", w.error()});
        }
        next_ = 1;
        open(0);  // alone: its failure ends the run with a clear error; the others follow its success
        while (phase_ != phase::done) {
            auto r = loop_->run_once();
            if (!r) return fail(echo_load_failure{"event loop", r.error()});
        }
        if (fatal_) return fail(std::move(*fatal_));

        echo_load_report rep;
        rep.target = target_;
        rep.round_trips = round_trips_;
        rep.bytes = bytes_;
        rep.elapsed = measured_ ? std::chrono::duration_cast<std::chrono::nanoseconds>(end_ - start_)
                                : std::chrono::nanoseconds(0);
        rep.latency = latency_;
        rep.errors = errors_;
        rep.first_error = first_error_;
        rep.connected = connected_;
        rep.failed = failed_;
        rep.first_failure = first_failure_;
        rep.measured = measured_;
        rep.interrupted = interrupted_;
        for (const auto& c : conns_)
            if (c.state == conn_state::running && c.measured == 0) ++rep.stalled;
        return rep;
    }

private:
    // ---- connecting --------------------------------------------------------------------------------

    void open(std::size_t i) {
        auto& c = conns_[i];
        auto s = socket::open(target_.family(), SOCK_STREAM | SOCK_NONBLOCK);
        if (!s) return give_up(i, "socket", s.error());
        c.sock = std::move(*s);
        c.state = conn_state::connecting;
        ++connecting_;
        auto begun = c.sock.begin_connect(target_);
        if (!begun) return connect_failed(i, begun.error());
        auto w = loop_->watch(c.sock.fd(), *begun ? io_mask::readable : io_mask::writable,
                              {[this, i] { on_readable(i); }, [this, i] { on_writable(i); }});
        if (!w) return connect_failed(i, w.error());
        c.watch = *w;
        if (*begun) connected(i);
    }

    void connected(std::size_t i) {
        auto& c = conns_[i];
        --connecting_;
        c.state = conn_state::running;
        ++connected_;
        ++live_;
        (void)c.sock.set(opt::no_delay{true});  // messages go out at once, whatever is unacknowledged
        if (auto r = loop_->set_interest(c.watch, io_mask::readable); !r)
            return broken(i, "epoll", r.error());
        start_message(i, clock::now());
        fill_window();
        settle_check();
    }

    void connect_failed(std::size_t i, std::error_code ec) {
        auto& c = conns_[i];
        if (i == 0 && connected_ == 0 && tried_ + 1 < s_.targets.size() && phase_ == phase::connecting) {
            close(c);  // the next address of the server
            --connecting_;
            c.state = conn_state::unopened;
            target_ = s_.targets[++tried_];
            return open(0);
        }
        if (i != 0 && is_retryable(ec) && c.retries < max_retries && phase_ == phase::connecting) {
            close(c);
            --connecting_;
            c.state = conn_state::waiting_retry;
            ++waiting_;
            loop_->add_timer(first_backoff * (1 << c.retries), [this, i] {
                auto& w = conns_[i];
                if (w.state != conn_state::waiting_retry) return;  // the connect phase ended meanwhile
                --waiting_;
                ++w.retries;
                open(i);
            });
            return;
        }
        give_up(i, "connect", ec);
    }

    /// A connection that will never run: counted as failed.
    void give_up(std::size_t i, std::string_view what, std::error_code ec) {
        auto& c = conns_[i];
        close(c);
        if (c.state == conn_state::connecting) --connecting_;
        if (c.state == conn_state::waiting_retry) --waiting_;
        c.state = conn_state::failed;
        note_failure(i, fmt::format("{}: {}", what, ec.message()));
        if (i == 0 && connected_ == 0) {
            fatal_ = echo_load_failure{fmt::format("connect to {}", target_.to_string()), ec};
            phase_ = phase::done;
            return;
        }
        fill_window();
        settle_check();
    }

    void fill_window() {
        if (filling_) return;  // open() may connect at once and come back here
        filling_ = true;
        while (next_ < conns_.size() && connecting_ < connect_window && phase_ == phase::connecting &&
               connected_ > 0)
            open(next_++);
        filling_ = false;
    }

    void end_connect_phase() {
        if (phase_ != phase::connecting) return;
        next_ = conns_.size();  // open no more
        for (std::size_t i = 0; i < conns_.size() && phase_ != phase::done; ++i) {
            auto st = conns_[i].state;
            if (st == conn_state::unopened || st == conn_state::connecting || st == conn_state::waiting_retry)
                give_up(i, "connect", std::make_error_code(std::errc::timed_out));
        }
        begin_warmup();
    }

    void settle_check() {
        if (phase_ == phase::connecting && next_ == conns_.size() && connecting_ == 0 && waiting_ == 0) {
            loop_->cancel_timer(connect_timer_);
            begin_warmup();
        }
        if (live_ == 0 && phase_ != phase::connecting && phase_ != phase::done) finish(clock::now());
    }

    // ---- measuring ---------------------------------------------------------------------------------

    void begin_warmup() {
        if (phase_ != phase::connecting) return;
        phase_ = phase::warmup;
        if (live_ == 0) return finish(clock::now());
        if (s_.warmup.count() <= 0) return begin_measure();
        loop_->add_timer(s_.warmup, [this] { begin_measure(); });
    }

    void begin_measure() {
        if (phase_ != phase::warmup) return;
        phase_ = phase::measuring;
        measured_ = true;
        round_trips_ = 0;
        bytes_ = 0;
        latency_.clear();
        for (auto& c : conns_) c.measured = 0;
        start_ = clock::now();
        loop_->add_timer(s_.duration, [this] { finish(clock::now()); });
    }

    void finish(clock::time_point t) {
        if (phase_ == phase::done) return;
        phase_ = phase::done;
        end_ = t;
    }

    // ---- one message -------------------------------------------------------------------------------

    void start_message(std::size_t i, clock::time_point now) {
        if (phase_ == phase::done) return;
        auto& c = conns_[i];
        c.offset = static_cast<std::size_t>((c.sequence * 7 + i) % pattern_period);
        ++c.sequence;
        c.sent = 0;
        c.received = 0;
        c.mismatch = false;
        c.sent_at = now;
        send_some(i);
    }

    void send_some(std::size_t i) {
        auto& c = conns_[i];
        while (c.sent < s_.message_size) {
            auto r = c.sock.send(bytes_view(pattern_.data() + c.offset + c.sent, s_.message_size - c.sent));
            if (!r) {
                if (r.error() == std::errc::interrupted) continue;
                if (is_would_block(r.error())) {
                    if (!c.want_write) {
                        if (auto m = loop_->set_interest(c.watch, io_mask::read_write); !m)
                            return broken(i, "epoll", m.error());
                        c.want_write = true;
                    }
                    return;
                }
                return broken(i, "send", r.error());
            }
            c.sent += *r;
        }
        if (c.want_write) {
            if (auto m = loop_->set_interest(c.watch, io_mask::readable); !m)
                return broken(i, "epoll", m.error());
            c.want_write = false;
        }
    }

    void on_writable(std::size_t i) {
        auto& c = conns_[i];
        if (c.state == conn_state::connecting) {
            if (auto r = c.sock.finish_connect(); !r) return connect_failed(i, r.error());
            return connected(i);
        }
        if (c.state == conn_state::running && phase_ != phase::done) send_some(i);
    }

    void on_readable(std::size_t i) {
        auto& c = conns_[i];
        if (c.state != conn_state::running) return;
        while (phase_ != phase::done) {
            const std::size_t want = std::min(s_.message_size - c.received, scratch_.size());
            auto r = c.sock.recv(std::span<std::uint8_t>(scratch_.data(), want));
            if (!r) {
                if (r.error() == std::errc::interrupted) continue;
                if (is_would_block(r.error())) return;
                return broken(i, "receive", r.error());
            }
            const std::size_t n = *r;
            if (n == 0) {
                return broken(i, "closed by the server", {});
            }
            const std::uint8_t* expected = pattern_.data() + c.offset + c.received;
            if (!c.mismatch && std::memcmp(scratch_.data(), expected, n) != 0) {
                c.mismatch = true;
                if (first_error_.empty()) {
                    std::size_t k = 0;
                    while (scratch_[k] == expected[k]) ++k;
                    first_error_ =
                        fmt::format("connection {}, message {}, byte {}: sent {:#04x}, echoed {:#04x}", i + 1,
                                    c.sequence, c.received + k, expected[k], scratch_[k]);
                }
            }
            c.received += n;
            if (c.received == s_.message_size) return complete(i);  // the next echo is not there yet
        }
    }

    void complete(std::size_t i) {
        auto& c = conns_[i];
        const auto now = clock::now();
        if (c.mismatch) {
            ++errors_;
        } else if (phase_ == phase::measuring) {
            ++round_trips_;
            bytes_ += s_.message_size;
            ++c.measured;
            latency_.record(now - c.sent_at);
            if (s_.max_round_trips && round_trips_ >= *s_.max_round_trips) return finish(now);
        }
        start_message(i, now);
    }

    /// A running connection the server (or the kernel) broke.
    void broken(std::size_t i, std::string_view what, std::error_code ec) {
        auto& c = conns_[i];
        if (c.state != conn_state::running) return;
        close(c);
        c.state = conn_state::failed;
        --live_;
        const auto done = c.sequence - 1;  // the message in flight did not complete
        note_failure(i, ec ? fmt::format("{}: {} (after {} round trips)", what, ec.message(), done)
                           : fmt::format("{} after {} round trips", what, done));
        settle_check();
    }

    void note_failure(std::size_t i, std::string why) {
        ++failed_;
        if (first_failure_.empty()) first_failure_ = fmt::format("connection {}: {}", i + 1, why);
    }

    void close(echo_conn& c) {
        if (c.watch) loop_->unwatch(c.watch);
        c.watch = {};
        c.sock.close();
        c.want_write = false;
    }

    const echo_load_settings& s_;
    std::vector<echo_conn> conns_;  // declared before loop_: the loop is destroyed first
    std::unique_ptr<event_loop> loop_;
    endpoint target_;        // the address connections go to
    std::size_t tried_ = 0;  // index of target_ in s_.targets
    std::vector<std::uint8_t> pattern_;
    std::vector<std::uint8_t> scratch_;
    timer_handle connect_timer_{};
    phase phase_ = phase::connecting;
    std::optional<echo_load_failure> fatal_;
    std::size_t next_ = 0;        // next connection to open
    std::size_t connecting_ = 0;  // connects in flight
    std::size_t waiting_ = 0;     // connects waiting for a retry
    std::size_t connected_ = 0;
    std::size_t live_ = 0;
    std::size_t failed_ = 0;
    bool filling_ = false;
    bool measured_ = false;
    bool interrupted_ = false;
    std::uint64_t round_trips_ = 0;
    std::uint64_t bytes_ = 0;
    std::uint64_t errors_ = 0;
    std::string first_error_;
    std::string first_failure_;
    latency_histogram latency_;
    clock::time_point start_;
    clock::time_point end_;
};

}  // namespace

result<echo_load_report, echo_load_failure> run_echo_load(const echo_load_settings& settings) {
    echo_load load(settings);
    return load.run();
}

}  // namespace sockit::loadgen
