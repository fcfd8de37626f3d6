// SPDX-License-Identifier: MIT
// `sockit send`: the seeds' send_gai_tcp / send_gai_udp: one message to HOST PORT over TCP (Happy
// Eyeballs, RFC 8305) or UDP (one datagram), either address family.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "sockit/sock/happy_eyeballs.hpp"
#include "sockit/sock/resolver.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::cli {
namespace {

int exit_for(const std::error_code& ec) {
    if (is_unknown_name(ec) || ec == gai_errc::service) return exit_code::no_host;
    if (ec.category() == gai_category()) return exit_code::unavailable;
    if (ec == std::errc::connection_refused || ec == std::errc::timed_out ||
        ec == std::errc::host_unreachable || ec == std::errc::network_unreachable ||
        ec == std::errc::connection_reset || ec == std::errc::broken_pipe ||
        ec == std::errc::address_not_available)
        return exit_code::unavailable;
    return exit_code::os_error;
}

bytes_view as_view(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

int run_send(std::span<char*> args) {
    auto app =
        make_app("send",
                 "Send MESSAGE to HOST PORT: over TCP (connect with Happy Eyeballs, send, close) or, with "
                 "-u, as one UDP datagram. The message is sent as given, without a newline.",
                 "sockit send -u localhost 10007 hello");
    std::string host;
    std::string port;
    std::string message;
    bool udp = false;
    bool v4 = false;
    bool v6 = false;
    bool verbose = false;
    bool json = false;
    double timeout = 10.0;
    app->add_option("host", host, "host name or address")->required();
    app->add_option("port", port, "port number or service name")->required();
    app->add_option("message", message, "the bytes to send")->required();
    app->add_flag("-u,--udp", udp, "send one UDP datagram instead of a TCP stream");
    auto* o4 = app->add_flag("-4", v4, "IPv4 only");
    app->add_flag("-6", v6, "IPv6 only")->excludes(o4);
    app->add_option("-w,--timeout", timeout, "seconds to wait for the TCP connection (default 10)")
        ->check(within(0.001, 86400.0));
    app->add_flag("-v,--verbose", verbose, "say where the message went (on stderr)");
    app->add_flag("--json", json, "print {transport, to, bytes} on success");
    if (auto done = parse(*app, args)) return *done;
    if (host.empty() || port.empty()) {
        print_error("send", "''", "empty host or port");
        return exit_code::usage;
    }
    if (std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        (port.size() > 5 || std::stoul(port) > 65535)) {
        print_error("send", fmt::format("port '{}'", port), "port out of range (0-65535)");
        return exit_code::usage;
    }
    const int family = v4 ? AF_INET : v6 ? AF_INET6 : AF_UNSPEC;

    endpoint to;
    if (udp) {
        resolve_hints hints;
        hints.family = family;
        hints.socktype = SOCK_DGRAM;
        auto found = resolver::resolve(host, port, hints);
        if (!found) {
            print_error("send", found.error() == gai_errc::service ? fmt::format("port '{}'", port) : host,
                        found.error().message());
            return exit_for(found.error());
        }
        std::error_code last;
        bool sent = false;
        for (const auto& a : found->addresses) {  // the first address that takes the datagram
            auto s = socket::open(a.family, SOCK_DGRAM);
            if (!s) {
                last = s.error();
                continue;
            }
            auto n = s->sendto(as_view(message), a.address);
            if (!n) {
                last = n.error();
                continue;
            }
            to = a.address;
            sent = true;
            break;
        }
        if (!sent) {
            print_error("send", fmt::format("{} port {}", host, port), last.message());
            return exit_for(last);
        }
    } else {
        happy_eyeballs_options options;
        options.timeout = std::chrono::milliseconds(static_cast<long long>(timeout * 1000.0));
        auto c = happy_eyeballs_connect(host, port, family, options);
        if (!c) {
            const auto& ec = c.error();
            std::string what = ec == gai_errc::service ? fmt::format("port '{}'", port)
                               : ec.category() == gai_category()
                                   ? host
                                   : fmt::format("connect to {} port {}", host, port);
            print_error("send", what, ec.message());
            return exit_for(ec);
        }
        to = c->peer;
        if (auto r = c->sock.send_all(as_view(message)); !r) {
            print_error("send", fmt::format("send to {}", to.to_string()), r.error().message());
            return exit_for(r.error());
        }
        // Orderly close: FIN after the data, so the receiver sees the whole message, then EOF.
        (void)c->sock.shutdown(shutdown_mode::write);
    }
    if (json) {
        print_json({{"transport", udp ? "udp" : "tcp"}, {"to", to.to_string()}, {"bytes", message.size()}});
    } else if (verbose) {
        fmt::print(stderr, "sent {} bytes to {} ({})\n", message.size(), to.to_string(), udp ? "udp" : "tcp");
    }
    return exit_code::ok;
}

}  // namespace sockit::cli
