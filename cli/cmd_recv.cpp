// SPDX-License-Identifier: MIT
// `sockit recv`: the seeds' recv_gai_udp and recv_1_tcp on one dual-stack socket: prints
// "Received from ADDR:PORT" and each message; stops cleanly on SIGINT/SIGTERM.
#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/relay/receive_loop.hpp"
#include "sockit/sock/dual_stack.hpp"
#include "sockit/sock/socket.hpp"
#include "sockit/sys/signal_fd.hpp"

namespace sockit::cli {
namespace {

/// The text for JSON: valid UTF-8 as is, any other byte as U+FFFD (the byte count stays exact).
std::string printable(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t i = 0;
    while (i < bytes.size()) {
        auto c = static_cast<unsigned char>(bytes[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        bool ok = len != 0 && i + len <= bytes.size();
        for (std::size_t k = 1; ok && k < len; ++k)
            ok = (static_cast<unsigned char>(bytes[i + k]) & 0xc0) == 0x80;
        if (ok && len == 2 && c < 0xc2) ok = false;  // overlong
        if (ok) {
            out.append(bytes.substr(i, len));
            i += len;
        } else {
            out += "\xef\xbf\xbd";
            ++i;
        }
    }
    return out;
}

/// Prints one message: "Received from ADDR:PORT", the bytes and a blank line, or one JSON line.
void report(const endpoint& from, std::string_view message, bool json, bool udp) {
    if (json) {
        print_json_line({{"from", from.to_string()},
                         {"address", from.is_ip() ? from.address().to_string() : from.to_string()},
                         {"port", from.port()},
                         {"transport", udp ? "udp" : "tcp"},
                         {"bytes", message.size()},
                         {"message", printable(message)}});
    } else {
        fmt::print("Received from {}\n", from.to_string());
        std::fwrite(message.data(), 1, message.size(), stdout);
        std::fputs("\n\n", stdout);
    }
    std::fflush(stdout);
}

}  // namespace

int run_recv(std::span<char*> args) {
    auto app =
        make_app("recv",
                 "Receive messages on PORT (both IPv4 and IPv6): TCP reads each connection to its end, "
                 "one client at a time; -u prints each UDP datagram. Prints 'Received from ADDR:PORT' "
                 "and the message. Port 0 picks a free port (printed on stderr).",
                 "sockit recv -u --once 10007");
    std::string port_text;
    bool udp = false;
    bool once = false;
    bool mapped = false;
    bool json = false;
    app->add_option("port", port_text, "port number to listen on (0: any free port)")->required();
    app->add_flag("-u,--udp", udp, "UDP datagrams instead of TCP connections");
    app->add_flag("--once", once, "exit after the first message");
    app->add_flag("--mapped", mapped, "show IPv4 peers as the socket sees them (::ffff:1.2.3.4)");
    app->add_flag("--json", json, "JSON Lines: {from, address, port, transport, bytes, message} per message");
    if (auto done = parse(*app, args)) return *done;

    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
        print_error("recv", fmt::format("port '{}'", port_text), "not a port number (0-65535)");
        return exit_code::usage;
    }

    // Signals first, so that a SIGINT/SIGTERM during set-up is not lost; the loop polls them with the socket.
    auto signals = signal_fd::open({SIGINT, SIGTERM});
    if (!signals) {
        print_error("recv", "signal set-up", signals.error().message());
        return exit_code::os_error;
    }
    auto s =
        bind_dual_stack(static_cast<std::uint16_t>(port), udp ? SOCK_DGRAM : SOCK_STREAM, {.backlog = 16});
    if (!s) {
        print_error("recv", fmt::format("listen on port {}", port), s.error().message());
        return s.error() == std::errc::address_in_use ? exit_code::unavailable : exit_code::os_error;
    }
    auto local = s->local_endpoint();
    fmt::print(stderr, "listening on {} ({})\n", local ? local->to_string() : "?", udp ? "udp" : "tcp");
    std::fflush(stderr);

    relay::receive_options options;
    options.datagram = udp;
    options.form = mapped ? peer_form::as_is : peer_form::unmapped;
    options.stop_fd = signals->fd();
    auto done = relay::receive_messages(*s, options, [&](const relay::received_message& m) {
        if (m.read_error)
            print_error("recv", fmt::format("receive from {}", m.from.to_string()), m.read_error.message());
        report(m.from, m.bytes, json, udp);
        return !once;
    });
    if (done) return exit_code::ok;
    print_error("recv", "receive", done.error().message());
    return exit_code::os_error;
}

}  // namespace sockit::cli
