// SPDX-License-Identifier: MIT
// `sockit bench discard`: one TCP stream of fixed-size writes to a discard server (RFC 863), as iperf3 -c does.
#include <fmt/format.h>
#include <sys/time.h>

#include <cmath>
#include <iostream>
#include <vector>

#include "app.hpp"
#include "bench_target.hpp"
#include "command.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit::cli {
namespace {

using steady = std::chrono::steady_clock;

int run_bench_discard(std::span<char*> args) {
    auto app = make_app(
        "bench discard",
        "Send one TCP stream to a discard server (RFC 863) for -d seconds in writes of -l bytes (as\n"
        "`iperf3 -c HOST -l 64K -t SECONDS` does), then close the sending side and wait (at most 5 s) for the\n"
        "server to close too, so that every byte counted has been read. Prints the bytes sent and the rate in\n"
        "Gbit/s. Exit codes: 0 ok, 64 usage, 68 unknown host, 69 refused or the connection broke, 71 OS error.",
        "sockit bench discard 127.0.0.1 10009 -d 5 -l 64K");
    std::string host;
    std::string port;
    double duration = 10;
    std::size_t write_size = 65536;
    bool json = false;
    app->add_option("host", host, "the discard server's address or name")->required();
    app->add_option("port", port, "its TCP port (or service name)")->required();
    app->add_option("-d,--duration", duration, "seconds to send")
        ->capture_default_str()->check(CLI::Range(0.001, 86400.0));
    app->add_option("-l,--length", write_size, "bytes per write (K and M suffixes: 1024, 1048576)")
        ->capture_default_str()->transform(CLI::AsSizeValue(false))
        ->check(CLI::Range(std::size_t{1}, std::size_t{64} << 20));
    app->add_flag("--json", json, "one JSON document (keys: see README)");
    if (auto done = parse(*app, args)) return *done;

    constexpr std::string_view cmd = "bench discard";
    auto targets = resolve_bench_targets(cmd, host, port);
    if (!targets) return targets.error();
    socket sock;
    std::string where;
    for (const auto& target : *targets) {  // getaddrinfo's order, as nc does; the last failure is reported
        where = target.to_string();
        auto s = socket::open(target.family(), SOCK_STREAM);
        if (!s) {
            print_error(cmd, "socket", s.error().message());
            return exit_code::os_error;
        }
        if (auto c = s->connect(target, std::chrono::seconds(10)); !c) {
            if (&target != &targets->back()) continue;
            print_error(cmd, fmt::format("connect to {}", where), c.error().message());
            return exit_code::unavailable;
        }
        sock = std::move(*s);
        break;
    }
    // Blocking writes, each bounded: a server that stops reading cannot hold us past the deadline for
    // longer than this (the write then returns what it sent, or EAGAIN).
    const timeval send_timeout{0, 200 * 1000};
    if (auto r = sock.set_raw_option(SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout); !r) {
        print_error(cmd, "SO_SNDTIMEO", r.error().message());
        return exit_code::os_error;
    }

    std::vector<std::uint8_t> block(write_size);
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<std::uint8_t>(i * 131 + 7);
    std::uint64_t bytes = 0;
    std::uint64_t writes = 0;
    std::string broke;
    const auto start = steady::now();
    const auto deadline = start + std::chrono::nanoseconds(static_cast<long long>(std::llround(duration * 1e9)));
    std::size_t at = 0;  // offset into block of a partly written write
    for (auto now = start; now < deadline; now = steady::now()) {
        auto n = sock.send(bytes_view(block.data() + at, block.size() - at));
        if (!n) {
            if (n.error() == std::errc::resource_unavailable_try_again || n.error() == std::errc::operation_would_block ||
                n.error() == std::errc::interrupted)
                continue;
            broke = fmt::format("send after {} bytes: {}", bytes, n.error().message());
            break;
        }
        bytes += *n;
        at += *n;
        if (at == block.size()) {
            at = 0;
            ++writes;
        }
    }
    const auto sent_until = steady::now();

    // Our EOF, then the server's: once it has closed, it has read everything we counted.
    bool drained = false;
    auto ended = sent_until;
    if (broke.empty()) {
        if (auto r = sock.shutdown(shutdown_mode::write); r) {
            std::vector<std::uint8_t> sink(4096);
            const auto wait_until = steady::now() + std::chrono::seconds(5);
            for (auto now = steady::now(); now < wait_until; now = steady::now()) {
                auto ready = sock.wait_readable(std::chrono::ceil<std::chrono::milliseconds>(wait_until - now));
                if (!ready || !*ready) continue;
                auto got = sock.recv(sink);
                if (!got || *got == 0) {
                    drained = true;  // EOF or reset: either way the server is done with the stream
                    break;
                }
            }
            ended = steady::now();
        }
    }
    if (!drained) ended = sent_until;
    const double secs = std::chrono::duration<double>(ended - start).count();
    const double bits_per_s = secs > 0 ? static_cast<double>(bytes) * 8 / secs : 0;

    if (json) {
        print_json({
            {"target", where},
            {"write_size", write_size},
            {"duration_s", secs},
            {"bytes", bytes},
            {"writes", writes},
            {"bits_per_second", bits_per_s},
            {"gbit_per_s", bits_per_s / 1e9},
            {"drained", drained},
        });
    } else {
        std::cout << fmt::format("{}: one stream, {}-byte writes\n", where, write_size);
        std::cout << fmt::format("sent     {} bytes ({:.2f} GiB) in {:.2f} s{}\n", bytes,
                                 static_cast<double>(bytes) / (1 << 30), secs,
                                 drained ? "" : " (the server did not confirm by closing)");
        std::cout << fmt::format("bitrate  {:.2f} Gbit/s\n", bits_per_s / 1e9);
        std::cout.flush();
    }
    if (!broke.empty()) {
        print_error(cmd, where, broke);
        return exit_code::unavailable;
    }
    return exit_code::ok;
}

}  // namespace

SOCKIT_COMMAND("bench discard", "send one TCP stream to a discard server: bytes and Gbit/s, as iperf3 does",
               run_bench_discard);

}  // namespace sockit::cli
