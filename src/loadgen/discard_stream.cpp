// SPDX-License-Identifier: MIT
// discard_stream (RFC 863 load): connect, blocking bounded writes until the deadline, half-close, drain.
#include "sockit/loadgen/discard_stream.hpp"

#include <fmt/format.h>
#include <sys/time.h>

#include <vector>

#include "sockit/sock/socket.hpp"

namespace sockit::loadgen {
namespace {

using steady = std::chrono::steady_clock;

/// The first target that accepts a connection; the last failure when none does.
result<socket, discard_stream_failure> connect_first(const discard_stream_settings& s, endpoint& where) {
    for (const auto& target : s.targets) {
        where = target;
        auto sock = socket::open(target.family(), SOCK_STREAM);
        if (!sock) return fail(discard_stream_failure{"socket", sock.error(), false});
        if (auto c = sock->connect(target, s.connect_timeout); !c) {
            if (&target != &s.targets.back()) continue;
            return fail(
                discard_stream_failure{fmt::format("connect to {}", target.to_string()), c.error(), true});
        }
        return std::move(*sock);
    }
    return fail(discard_stream_failure{"connect", std::make_error_code(std::errc::invalid_argument), true});
}

/// Our EOF, then the server's: once it has closed, it has read everything we counted.
bool drain(socket& sock, std::chrono::milliseconds timeout) {
    if (auto r = sock.shutdown(shutdown_mode::write); !r) return false;
    std::vector<std::uint8_t> sink(4096);
    const auto wait_until = steady::now() + timeout;
    for (auto now = steady::now(); now < wait_until; now = steady::now()) {
        auto ready = sock.wait_readable(std::chrono::ceil<std::chrono::milliseconds>(wait_until - now));
        if (!ready || !*ready) continue;
        auto got = sock.recv(sink);
        if (!got || *got == 0) return true;  // EOF or reset: either way the server is done with the stream
    }
    return false;
}

}  // namespace

result<discard_stream_report, discard_stream_failure> run_discard_stream(const discard_stream_settings& s) {
    discard_stream_report rep;
    auto connected = connect_first(s, rep.target);
    if (!connected) return fail(std::move(connected).error());
    socket& sock = *connected;
    // Blocking writes, each bounded: a server that stops reading cannot hold us past the deadline for
    // longer than this (the write then returns what it sent, or EAGAIN).
    const auto send_us = std::chrono::duration_cast<std::chrono::microseconds>(s.send_timeout).count();
    const timeval send_timeout{static_cast<time_t>(send_us / 1000000),
                               static_cast<suseconds_t>(send_us % 1000000)};
    if (auto r = sock.set_raw_option(SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout); !r)
        return fail(discard_stream_failure{"SO_SNDTIMEO", r.error(), false});

    std::vector<std::uint8_t> block(s.write_size);
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<std::uint8_t>(i * 131 + 7);
    const auto start = steady::now();
    const auto deadline = start + s.duration;
    std::size_t at = 0;  // offset into block of a partly written write
    for (auto now = start; now < deadline; now = steady::now()) {
        auto n = sock.send(bytes_view(block.data() + at, block.size() - at));
        if (!n) {
            if (n.error() == std::errc::resource_unavailable_try_again ||
                n.error() == std::errc::operation_would_block || n.error() == std::errc::interrupted)
                continue;
            rep.broken = fmt::format("send after {} bytes: {}", rep.bytes, n.error().message());
            break;
        }
        rep.bytes += *n;
        at += *n;
        if (at == block.size()) {
            at = 0;
            ++rep.writes;
        }
    }
    const auto sent_until = steady::now();
    auto ended = sent_until;
    if (rep.broken.empty()) {
        rep.drained = drain(sock, s.drain_timeout);
        if (rep.drained) ended = steady::now();
    }
    rep.elapsed = ended - start;
    return rep;
}

}  // namespace sockit::loadgen
