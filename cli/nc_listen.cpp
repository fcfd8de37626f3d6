// SPDX-License-Identifier: MIT
// `sockit nc -l`: the listener over IP (dual stack when no address is given), the accept loop (-k, -e/-c
// children reaped as they end) and the datagram listener (-u: first sender, or every sender with -k).
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstring>
#include <vector>

#include "nc_common.hpp"
#include "sockit/sock/dual_stack.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::cli {
namespace {

/// Reaps the finished -e/-c children of `-l -k` without waiting (and forgets them).
void reap_children(std::vector<sys::child_process>& children) {
    std::erase_if(children, [](sys::child_process& c) {
        auto done = c.try_wait();
        return !done || done->has_value();
    });
}

}  // namespace

int accept_loop(socket& listener, const nc_options& o) {
    relay::relay_state state;
    std::vector<sys::child_process> children;  // -k -e/-c: commands serving clients in parallel
    int status = nc_ok;
    for (;;) {
        if (o.keep_open && !o.exec_argv.empty()) {
            // Wake up now and then to reap children even when no client comes.
            for (;;) {
                reap_children(children);
                auto ready = listener.wait_readable(std::chrono::milliseconds(500));
                if (ready && *ready) break;
                if (!ready && ready.error() != std::errc::interrupted)
                    return complain(fmt::format("poll: {}", ready.error().message()));
            }
        }
        auto conn = listener.accept();
        if (!conn) {
            if (conn.error() == std::errc::interrupted || conn.error() == std::errc::connection_aborted)
                continue;
            return complain(fmt::format("accept: {}", conn.error().message()));
        }
        if (o.verbose) note_connection_from(conn->peer);
        if (o.keep_open && !o.exec_argv.empty()) {
            // Served in parallel; the parent's copy of the socket closes at scope end.
            if (auto child = spawn_command(conn->sock, o)) children.push_back(std::move(*child));
            continue;
        }
        status = serve_connection(conn->sock, o, state, false);
        if (!o.keep_open) return status;
        // -k: the connection closes here (no descriptor survives a client), then the next one.
    }
}

int datagram_listen(socket& s, const nc_options& o) {
    relay::relay_state state;
    relay::peer_callback on_peer;
    if (o.verbose)
        on_peer = [](const sockaddr_storage& peer, socklen_t length) {
            auto ep = endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&peer), length);
            if (!ep) return;
            note_connection_from(ep->unmapped());
        };
    if (!o.exec_argv.empty()) {
        // Peek at the first datagram to learn the sender, connect to it, and leave the datagram to the
        // command.
        std::array<std::uint8_t, 1> scratch{};
        auto first = s.recvfrom(scratch, MSG_PEEK, peer_form::as_is);
        if (!first) return complain(fmt::format("receive datagram: {}", first.error().message()));
        if (on_peer) {
            sockaddr_storage copy{};
            std::memcpy(&copy, first->from.data(), first->from.size());
            on_peer(copy, first->from.size());
        }
        if (!first->from.is_unnamed())
            if (auto r = s.connect(first->from); !r)
                return complain(fmt::format("connect to the first sender: {}", r.error().message()));
        return serve_connection(s, o, state, true);
    }
    return serve_connection(
        s, o, state, true,
        o.keep_open ? relay::datagram_peer::last_sender : relay::datagram_peer::first_sender, on_peer);
}

namespace {

/// The bound (and, for TCP, listening) socket of `-l`.
result<socket, std::string> open_ip_listener(const nc_options& o) {
    const int type = socktype_of(o);
    std::uint16_t port = 0;
    {
        auto p = port_number(o.ports.front(), type);
        if (!p) return fail(p.error());
        port = *p;
    }
    if (o.host.empty() && !o.ipv4_only && !o.ipv6_only) {
        dual_stack_options ds;
        auto s = bind_dual_stack(port, type, ds);
        if (!s) return fail(fmt::format("bind to port {}: {}", port, s.error().message()));
        if (auto r = apply_socket_options(*s, o); !r)
            return fail(fmt::format("setsockopt: {}", r.error().message()));
        return std::move(*s);
    }
    resolve_hints hints{family_of(o), type, 0, AI_PASSIVE | (o.numeric ? AI_NUMERICHOST : 0)};
    auto found = resolver::resolve(o.host, std::to_string(port), hints);
    if (!found)
        return fail(
            fmt::format("getaddrinfo for host \"{}\" port {}: {}", o.host, port, found.error().message()));
    std::string last_error_text = "no address";
    for (const auto& info : found->addresses) {
        auto s = socket::open(info.family, info.socktype, info.protocol);
        if (!s) {
            last_error_text = s.error().message();
            continue;
        }
        (void)s->set(opt::reuse_address{true});
        if (info.family == AF_INET6) (void)s->set(opt::v6_only{true});
        if (auto r = apply_socket_options(*s, o); !r)
            return fail(fmt::format("setsockopt: {}", r.error().message()));
        if (auto r = s->bind(info.address); !r) {
            last_error_text = r.error().message();
            continue;
        }
        if (type == SOCK_STREAM)
            if (auto r = s->listen(); !r) return fail(fmt::format("listen: {}", r.error().message()));
        return std::move(*s);
    }
    return fail(fmt::format("bind to {} port {}: {}", o.host.empty() ? "*" : o.host, port, last_error_text));
}

}  // namespace

int run_ip_listen(const nc_options& o) {
    auto s = open_ip_listener(o);
    if (!s) return complain(s.error());
    if (o.verbose) {
        auto local = s->local_endpoint();
        if (local)
            note(fmt::format("{} on {} {}", o.udp ? "Bound" : "Listening", address_text(*local),
                             local->port()));
    }
    return o.udp ? datagram_listen(*s, o) : accept_loop(*s, o);
}

}  // namespace sockit::cli
