// SPDX-License-Identifier: MIT
// `sockit nc`'s shared pieces: messages in nc's words, socket options from flags, serving one connection.
#include "nc_common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "sockit/relay/stream_relay.hpp"
#include "sockit/sock/resolver.hpp"
#include "sockit/sys/process.hpp"

namespace sockit::cli {

int complain(const std::string& message) {
    std::fflush(stdout);
    fmt::print(stderr, "sockit nc: {}\n", message);
    return nc_failed;
}

void note(const std::string& message) { fmt::print(stderr, "{}\n", message); }

std::string proto_name(const nc_options& o) { return o.udp ? "udp" : "tcp"; }
int socktype_of(const nc_options& o) { return o.udp ? SOCK_DGRAM : SOCK_STREAM; }

int family_of(const nc_options& o) {
    if (o.ipv4_only) return AF_INET;
    if (o.ipv6_only) return AF_INET6;
    return AF_UNSPEC;
}

std::string address_text(const endpoint& ep) {
    return ep.is_ip() ? ep.address().to_string() : ep.to_string();
}

std::string target_label(const std::string& host, const endpoint& ep) {
    std::string addr = address_text(ep);
    return addr == host ? host : fmt::format("{} ({})", host, addr);
}

std::string service_label(std::uint16_t port, const nc_options& o) {
    auto name = resolver::service_name(port, socktype_of(o));
    return fmt::format("{}/{}", proto_name(o), name ? *name : std::string("*"));
}

void note_connection_from(const endpoint& peer) {
    if (peer.is_ip())
        note(fmt::format("Connection received on {} {}", address_text(peer), peer.port()));
    else
        note(fmt::format("Connection received on {}", peer.to_string()));
}

result<void> apply_socket_options(socket& s, const nc_options& o) {
    if (o.recv_buffer)
        if (auto r = s.set(opt::receive_buffer_size{*o.recv_buffer}); !r) return r;
    if (o.send_buffer)
        if (auto r = s.set(opt::send_buffer_size{*o.send_buffer}); !r) return r;
    if (o.broadcast && o.udp)
        if (auto r = s.set(opt::broadcast{true}); !r) return r;
    return {};
}

result<std::uint16_t, std::string> port_number(const std::string& text, int socktype) {
    auto p = resolver::service_port(text, socktype);
    if (!p) return fail(fmt::format("port number invalid: {}", text));
    return *p;
}

result<std::optional<endpoint>, std::string> source_endpoint(const nc_options& o, int family) {
    if (o.source_address.empty() && !o.source_port) return std::optional<endpoint>{};
    resolve_hints hints{family, socktype_of(o), 0, AI_PASSIVE | (o.numeric ? AI_NUMERICHOST : 0)};
    std::string port = std::to_string(o.source_port.value_or(0));
    auto found = resolver::resolve(o.source_address, port, hints);
    if (!found || found->addresses.empty())
        return fail(fmt::format("getaddrinfo for source \"{}\" port {}: {}", o.source_address, port,
                                found ? "no address" : found.error().message()));
    return std::optional<endpoint>{found->addresses.front().address};
}

namespace {

relay::relay_settings relay_settings_of(const nc_options& o) {
    relay::relay_settings s;
    s.in_fd = o.no_stdin ? -1 : STDIN_FILENO;
    s.out_fd = STDOUT_FILENO;
    s.crlf = o.crlf;
    s.interval = o.interval;
    s.idle_timeout = o.timeout;
    s.quit_after_eof = o.quit_after_eof;
    s.shutdown_on_eof = !o.no_shutdown;
    return s;
}

}  // namespace

result<sys::child_process> spawn_command(const socket& s, const nc_options& o) {
    sys::spawn_options how;
    how.argv = o.exec_argv;
    how.stdin_fd = s.fd();
    how.stdout_fd = s.fd();
    std::fflush(stdout);
    std::fflush(stderr);
    auto child = sys::spawn(how);
    if (!child) {
        // posix_spawn reports a program that cannot run as the exec's error, a process it cannot create as
        // fork's.
        const auto& ec = child.error();
        if (ec == std::errc::resource_unavailable_try_again || ec == std::errc::not_enough_memory)
            complain(fmt::format("fork: {}", ec.message()));
        else
            complain(fmt::format("exec {}: {}", o.exec_argv[0], ec.message()));
    }
    return child;
}

int serve_connection(socket& s, const nc_options& o, relay::relay_state& state, bool datagram,
                     relay::datagram_peer mode, const relay::peer_callback& on_peer) {
    if (!o.exec_argv.empty()) {
        auto child = spawn_command(s, o);
        if (!child) return nc_failed;
        s.close();
        auto status = child->wait();
        return status && status->success() ? nc_ok : nc_failed;
    }
    auto settings = relay_settings_of(o);
    auto r = datagram ? relay::relay_datagram(s.fd(), mode, settings, state, on_peer)
                      : relay::relay_stream(s.fd(), settings, state);
    if (!r) return complain(fmt::format("{}: {}", r.error().what, r.error().why.message()));
    return nc_ok;
}

}  // namespace sockit::cli
