// SPDX-License-Identifier: MIT
// `sockit nc`: netcat with OpenBSD nc's flags: connect, listen (-l -k), UDP, Unix sockets, scan (-z), exec (-e/-c).
#include <fmt/format.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "command.hpp"
#include "nc_options.hpp"
#include "nc_relay.hpp"
#include "nc_scan.hpp"
#include "sockit/sock/dual_stack.hpp"
#include "sockit/sock/resolver.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/scoped_sigaction.hpp"
#include "sockit/sys/sys_error.hpp"

namespace sockit::cli {
namespace {

constexpr int nc_ok = 0;
constexpr int nc_failed = 1;  // netcat's only failure status

/// `sockit nc: MESSAGE` on stderr; returns nc's failure status.
int complain(const std::string& message) {
    std::fflush(stdout);
    fmt::print(stderr, "sockit nc: {}\n", message);
    return nc_failed;
}

/// A verbose line on stderr (-v).
void note(const std::string& message) { fmt::print(stderr, "{}\n", message); }

std::string proto_name(const nc_options& o) { return o.udp ? "udp" : "tcp"; }
int socktype_of(const nc_options& o) { return o.udp ? SOCK_DGRAM : SOCK_STREAM; }

int family_of(const nc_options& o) {
    if (o.ipv4_only) return AF_INET;
    if (o.ipv6_only) return AF_INET6;
    return AF_UNSPEC;
}

/// An endpoint's address without the port, for nc's "ADDR PORT" messages.
std::string address_text(const endpoint& ep) { return ep.is_ip() ? ep.address().to_string() : ep.to_string(); }

relay_settings relay_settings_of(const nc_options& o) {
    relay_settings s;
    s.in_fd = o.no_stdin ? -1 : STDIN_FILENO;
    s.out_fd = STDOUT_FILENO;
    s.crlf = o.crlf;
    s.interval = o.interval;
    s.idle_timeout = o.timeout;
    s.quit_after_eof = o.quit_after_eof;
    s.shutdown_on_eof = !o.no_shutdown;
    return s;
}

/// Applies -I, -O and -b to a new socket.
result<void> apply_socket_options(socket& s, const nc_options& o) {
    if (o.recv_buffer)
        if (auto r = s.set(opt::receive_buffer_size{*o.recv_buffer}); !r) return r;
    if (o.send_buffer)
        if (auto r = s.set(opt::send_buffer_size{*o.send_buffer}); !r) return r;
    if (o.broadcast && o.udp)
        if (auto r = s.set(opt::broadcast{true}); !r) return r;
    return {};
}

/// Relays one connected socket (or hands it to -e/-c). Returns nc's exit status.
int serve_connection(socket& s, const nc_options& o, relay_state& state, bool datagram,
                     datagram_peer mode = datagram_peer::connected, const peer_callback& on_peer = {});

/// Starts -e/-c with the socket as its stdin and stdout (the caller waits or reaps). Returns the child's
/// pid, or -1 (message printed).
pid_t spawn(const socket& s, const nc_options& o) {
    std::vector<char*> argv;
    for (const auto& a : o.exec_argv) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    if (pid < 0) {
        complain(fmt::format("fork: {}", last_error().message()));
        return -1;
    }
    if (pid == 0) {
        std::signal(SIGPIPE, SIG_DFL);  // the command gets the default disposition, not nc's
        if (::dup2(s.fd(), STDIN_FILENO) < 0 || ::dup2(s.fd(), STDOUT_FILENO) < 0) _exit(127);
        ::execvp(argv[0], argv.data());
        fmt::print(stderr, "sockit nc: exec {}: {}\n", o.exec_argv[0], last_error().message());
        _exit(127);
    }
    return pid;
}

/// Waits for a child; nc's status: 0 when it exited 0.
int wait_child(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return nc_failed;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? nc_ok : nc_failed;
}

int serve_connection(socket& s, const nc_options& o, relay_state& state, bool datagram, datagram_peer mode,
                     const peer_callback& on_peer) {
    if (!o.exec_argv.empty()) {
        pid_t pid = spawn(s, o);
        if (pid < 0) return nc_failed;
        s.close();
        return wait_child(pid);
    }
    auto settings = relay_settings_of(o);
    auto r = datagram ? relay_datagram(s.fd(), mode, settings, state, on_peer) : relay_stream(s.fd(), settings, state);
    if (!r) return complain(fmt::format("{}: {}", r.error().what, r.error().why.message()));
    return nc_ok;
}

/// The numeric port of a port operand (a number, or a service name looked up for the socket type).
result<std::uint16_t, std::string> port_number(const std::string& text, int socktype) {
    auto p = resolver::service_port(text, socktype);
    if (!p) return fail(fmt::format("port number invalid: {}", text));
    return *p;
}

/// The local endpoint for -s/-p in a family (nullopt when neither is given).
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

std::string service_label(std::uint16_t port, const nc_options& o) {
    auto name = resolver::service_name(port, socktype_of(o));
    return fmt::format("{}/{}", proto_name(o), name ? *name : std::string("*"));
}

/// "HOST" or "HOST (ADDR)" as nc names a target.
std::string target_label(const std::string& host, const endpoint& ep) {
    std::string addr = address_text(ep);
    return addr == host ? host : fmt::format("{} ({})", host, addr);
}

// ---- client -------------------------------------------------------------------------------------

/// Connects to host:port trying each address in the resolver's order. Prints nc's -v lines; without -v
/// only the last failure. Returns the socket or nullopt (message printed).
std::optional<socket> connect_ip(const nc_options& o, const std::string& port) {
    resolve_hints hints{family_of(o), socktype_of(o), 0, o.numeric ? AI_NUMERICHOST : 0};
    auto found = resolver::resolve(o.host, port, hints);
    if (!found) {
        if (found.error() == gai_errc::service) complain(fmt::format("port number invalid: {}", port));
        else complain(fmt::format("getaddrinfo for host \"{}\" port {}: {}", o.host, port, found.error().message()));
        return std::nullopt;
    }
    std::string last_failure = fmt::format("getaddrinfo for host \"{}\" port {}: no address", o.host, port);
    for (const auto& info : found->addresses) {
        const endpoint& target = info.address;
        auto attempt = [&]() -> result<socket> {
            auto s = socket::open(info.family, info.socktype, info.protocol);
            if (!s) return fail(s.error());
            if (auto r = apply_socket_options(*s, o); !r) return fail(r.error());
            auto source = source_endpoint(o, info.family);
            if (!source) {
                complain(source.error());
                return fail(std::make_error_code(std::errc::invalid_argument));
            }
            if (*source) {
                (void)s->set(opt::reuse_address{true});
                if (auto r = s->bind(**source); !r) return fail(r.error());
            }
            auto done = o.timeout ? s->connect(target, std::chrono::milliseconds(static_cast<long long>(*o.timeout * 1000)))
                                  : s->connect(target);
            if (!done) return fail(done.error());
            return s;
        }();
        if (attempt) {
            if (o.verbose)
                note(fmt::format("Connection to {} {} port [{}] succeeded!", target_label(o.host, target), target.port(),
                                 service_label(target.port(), o)));
            return std::move(*attempt);
        }
        last_failure = fmt::format("connect to {} port {} ({}) failed: {}", target_label(o.host, target),
                                   target.port(), proto_name(o), attempt.error().message());
        if (o.verbose) complain(last_failure);
    }
    if (!o.verbose || found->addresses.empty()) complain(last_failure);
    return std::nullopt;
}

int run_client(const nc_options& o) {
    relay_state state;
    int status = nc_failed;
    for (const auto& port : o.ports) {
        auto s = connect_ip(o, port);
        if (!s) continue;
        status = serve_connection(*s, o, state, o.udp);
        if (status != nc_ok) return status;
    }
    return status;
}

// ---- scan ---------------------------------------------------------------------------------------

int run_scan(nc_options o) {
    std::vector<std::uint16_t> ports;
    for (const auto& text : o.ports) {
        auto p = port_number(text, socktype_of(o));
        if (!p) return complain(p.error());
        ports.push_back(*p);
    }
    if (o.random_ports) {
        std::random_device seed;
        std::mt19937 gen(seed());
        std::shuffle(ports.begin(), ports.end(), gen);
    }
    resolve_hints hints{family_of(o), socktype_of(o), 0, o.numeric ? AI_NUMERICHOST : 0};
    auto found = resolver::resolve(o.host, std::to_string(ports.empty() ? 0 : ports.front()), hints);
    if (!found || found->addresses.empty())
        return complain(fmt::format("getaddrinfo for host \"{}\" port {}: {}", o.host,
                                    ports.empty() ? 0 : ports.front(),
                                    found ? std::string("no address") : found.error().message()));
    // Each port against each address, the way nc tries them; a port is open when any address answers.
    std::vector<endpoint> targets;
    for (auto port : ports)
        for (const auto& info : found->addresses) targets.push_back(info.address.with_port(port));

    scan_settings settings;
    settings.socktype = socktype_of(o);
    if (o.timeout) settings.timeout = std::chrono::milliseconds(static_cast<long long>(*o.timeout * 1000));
    settings.interval = std::chrono::milliseconds(static_cast<long long>(o.interval * 1000));
    if (!o.source_address.empty() || o.source_port) {
        auto source = source_endpoint(o, found->addresses.front().family);
        if (!source) return complain(source.error());
        settings.source = *source;
    }
    auto outcomes = scan(targets, settings);
    if (!outcomes) return complain(fmt::format("scan: {}", outcomes.error().message()));

    int status = nc_failed;
    std::size_t per_port = found->addresses.size();
    for (std::size_t i = 0; i < ports.size(); ++i) {
        const scan_outcome* open = nullptr;
        for (std::size_t j = 0; j < per_port; ++j) {
            const auto& out = (*outcomes)[i * per_port + j];
            if (!out.error) {
                open = &out;
                break;
            }
        }
        if (open != nullptr) {
            status = nc_ok;
            if (o.verbose)
                note(fmt::format("Connection to {} {} port [{}] succeeded!", target_label(o.host, open->target),
                                 ports[i], service_label(ports[i], o)));
        } else if (o.verbose) {
            for (std::size_t j = 0; j < per_port; ++j) {
                const auto& out = (*outcomes)[i * per_port + j];
                complain(fmt::format("connect to {} port {} ({}) failed: {}", target_label(o.host, out.target), ports[i],
                                     proto_name(o), out.error.message()));
            }
        }
    }
    return status;
}

// ---- listener -----------------------------------------------------------------------------------

/// Reaps finished -e/-c children of `-l -k` without waiting.
void reap_children() {
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
}

/// Accepts and serves clients on a listening stream socket (one, or one after another with -k).
int accept_loop(socket& listener, const nc_options& o) {
    relay_state state;
    int status = nc_ok;
    for (;;) {
        if (o.keep_open && !o.exec_argv.empty()) {
            // Wake up now and then to reap children even when no client comes.
            for (;;) {
                reap_children();
                auto ready = listener.wait_readable(std::chrono::milliseconds(500));
                if (ready && *ready) break;
                if (!ready && ready.error() != std::errc::interrupted)
                    return complain(fmt::format("poll: {}", ready.error().message()));
            }
        }
        auto conn = listener.accept();
        if (!conn) {
            if (conn.error() == std::errc::interrupted || conn.error() == std::errc::connection_aborted) continue;
            return complain(fmt::format("accept: {}", conn.error().message()));
        }
        if (o.verbose) {
            if (conn->peer.is_ip()) note(fmt::format("Connection received on {} {}", address_text(conn->peer), conn->peer.port()));
            else note(fmt::format("Connection received on {}", conn->peer.to_string()));
        }
        if (o.keep_open && !o.exec_argv.empty()) {
            (void)spawn(conn->sock, o);  // served in parallel; the parent's copy closes at scope end
            continue;
        }
        status = serve_connection(conn->sock, o, state, false);
        if (!o.keep_open) return status;
        // -k: the connection closes here (no descriptor survives a client), then the next one.
    }
}

/// -l -u: waits for datagrams on a bound socket; relays with the first sender (or every sender with -k).
int datagram_listen(socket& s, const nc_options& o) {
    relay_state state;
    peer_callback on_peer;
    if (o.verbose)
        on_peer = [](const sockaddr_storage& peer, socklen_t length) {
            auto ep = endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&peer), length);
            if (!ep) return;
            endpoint shown = ep->unmapped();
            if (shown.is_ip()) note(fmt::format("Connection received on {} {}", address_text(shown), shown.port()));
            else note(fmt::format("Connection received on {}", shown.to_string()));
        };
    if (!o.exec_argv.empty()) {
        // Peek at the first datagram to learn the sender, connect to it, and leave the datagram to the command.
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
    return serve_connection(s, o, state, true, o.keep_open ? datagram_peer::last_sender : datagram_peer::first_sender,
                            on_peer);
}

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
        if (auto r = apply_socket_options(*s, o); !r) return fail(fmt::format("setsockopt: {}", r.error().message()));
        return std::move(*s);
    }
    resolve_hints hints{family_of(o), type, 0, AI_PASSIVE | (o.numeric ? AI_NUMERICHOST : 0)};
    auto found = resolver::resolve(o.host, std::to_string(port), hints);
    if (!found)
        return fail(fmt::format("getaddrinfo for host \"{}\" port {}: {}", o.host, port, found.error().message()));
    std::string last_error_text = "no address";
    for (const auto& info : found->addresses) {
        auto s = socket::open(info.family, info.socktype, info.protocol);
        if (!s) {
            last_error_text = s.error().message();
            continue;
        }
        (void)s->set(opt::reuse_address{true});
        if (info.family == AF_INET6) (void)s->set(opt::v6_only{true});
        if (auto r = apply_socket_options(*s, o); !r) return fail(fmt::format("setsockopt: {}", r.error().message()));
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

int run_ip_listen(const nc_options& o) {
    auto s = open_ip_listener(o);
    if (!s) return complain(s.error());
    if (o.verbose) {
        auto local = s->local_endpoint();
        if (local)
            note(fmt::format("{} on {} {}", o.udp ? "Bound" : "Listening", address_text(*local), local->port()));
    }
    return o.udp ? datagram_listen(*s, o) : accept_loop(*s, o);
}

// ---- Unix sockets -------------------------------------------------------------------------------

result<endpoint> unix_endpoint(const std::string& path) {
    if (!path.empty() && path[0] == '@') return endpoint::unix_abstract(std::string_view(path).substr(1));
    return endpoint::unix_path(path);
}

/// The listener's socket file, removed when nc ends (normally or by SIGINT/SIGTERM/SIGHUP).
char g_unlink_path[sizeof(sockaddr_un::sun_path) + 1] = {};

void unlink_and_reraise(int signo) {
    if (g_unlink_path[0] != '\0') ::unlink(g_unlink_path);
    std::signal(signo, SIG_DFL);
    std::raise(signo);
}

/// Removes a socket file this process created, at scope exit and on a terminating signal.
class socket_file_guard {
public:
    explicit socket_file_guard(const std::string& path) {
        if (path.empty() || path[0] == '@' || path.size() >= sizeof g_unlink_path) return;
        std::memcpy(g_unlink_path, path.c_str(), path.size() + 1);
        for (int signo : {SIGINT, SIGTERM, SIGHUP})
            if (auto h = scoped_sigaction::install(signo, unlink_and_reraise, syscall_restart::yes))
                handlers_.push_back(std::move(*h));
    }
    socket_file_guard(const socket_file_guard&) = delete;
    socket_file_guard& operator=(const socket_file_guard&) = delete;
    ~socket_file_guard() {
        if (g_unlink_path[0] != '\0') ::unlink(g_unlink_path);
        g_unlink_path[0] = '\0';
    }

private:
    std::vector<scoped_sigaction> handlers_;
};

int run_unix(const nc_options& o) {
    const int type = o.udp ? SOCK_DGRAM : SOCK_STREAM;
    auto where = unix_endpoint(o.host);
    if (!where) return complain(fmt::format("{}: {}", o.host, where.error().message()));
    auto s = socket::open(AF_UNIX, type);
    if (!s) return complain(fmt::format("socket: {}", s.error().message()));
    if (auto r = apply_socket_options(*s, o); !r) return complain(fmt::format("setsockopt: {}", r.error().message()));

    if (o.listen) {
        if (auto r = s->bind(*where); !r) return complain(fmt::format("{}: {}", o.host, r.error().message()));
        socket_file_guard guard(o.host);
        if (type == SOCK_STREAM) {
            if (auto r = s->listen(); !r) return complain(fmt::format("listen: {}", r.error().message()));
            if (o.verbose) note(fmt::format("Listening on {}", o.host));
            return accept_loop(*s, o);
        }
        if (o.verbose) note(fmt::format("Bound on {}", o.host));
        return datagram_listen(*s, o);
    }

    if (o.scan) {
        // -z -U: does something listen on that path?
        auto r = s->connect(*where);
        if (!r) {
            if (o.verbose) complain(fmt::format("{}: {}", o.host, r.error().message()));
            return nc_failed;
        }
        if (o.verbose) note(fmt::format("Connection to {} succeeded!", o.host));
        return nc_ok;
    }

    std::optional<socket_file_guard> local_guard;
    if (type == SOCK_DGRAM) {
        // Replies need an address to come back to: -s PATH, else an autobound abstract name (no file left behind).
        if (!o.source_address.empty()) {
            auto local = unix_endpoint(o.source_address);
            if (!local) return complain(fmt::format("{}: {}", o.source_address, local.error().message()));
            if (auto r = s->bind(*local); !r) return complain(fmt::format("{}: {}", o.source_address, r.error().message()));
            local_guard.emplace(o.source_address);
        } else {
            sockaddr_un autobind{};
            autobind.sun_family = AF_UNIX;
            auto local = endpoint::from_sockaddr(reinterpret_cast<const sockaddr*>(&autobind), sizeof(sa_family_t));
            if (local)
                if (auto r = s->bind(*local); !r) return complain(fmt::format("bind: {}", r.error().message()));
        }
    }
    if (auto r = s->connect(*where); !r) return complain(fmt::format("{}: {}", o.host, r.error().message()));
    relay_state state;
    return serve_connection(*s, o, state, type == SOCK_DGRAM);
}

int run_nc(std::span<char*> args) {
    auto parsed = parse_nc_options(args);
    if (!parsed) return complain(parsed.error());
    const nc_options& o = *parsed;
    if (o.help) {
        std::cout << nc_help();
        return nc_ok;
    }
    // A peer that goes away must surface as EPIPE from splice/write, not kill us (send uses MSG_NOSIGNAL).
    auto sigpipe = scoped_sigaction::install(SIGPIPE, SIG_IGN);
    if (o.scan && !o.unix_socket) return run_scan(o);
    if (o.unix_socket) return run_unix(o);
    if (o.listen) return run_ip_listen(o);
    return run_client(o);
}

}  // namespace

SOCKIT_COMMAND("nc", "netcat: TCP/UDP/Unix connections, listeners, relays and port scans", run_nc);

}  // namespace sockit::cli
