// SPDX-License-Identifier: MIT
// `sockit bench echo`: a cheap load generator for any TCP echo server (RFC 862): round trips/s and latency.
#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "app.hpp"
#include "bench_target.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "sockit/loadgen/echo_load.hpp"

namespace sockit::cli {
namespace {

std::chrono::nanoseconds seconds_to_ns(double s) {
    return std::chrono::nanoseconds(static_cast<long long>(std::llround(s * 1e9)));
}

double to_us(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1e3; }

/// 812 µs, 1.92 ms, 2.50 s: three significant digits in the unit that suits.
std::string human_duration(std::chrono::nanoseconds d) {
    const double ns = static_cast<double>(d.count());
    if (ns < 1e3) return fmt::format("{:.0f} ns", ns);
    if (ns < 1e6) return fmt::format("{:.{}f} µs", ns / 1e3, ns < 1e4 ? 2 : (ns < 1e5 ? 1 : 0));
    if (ns < 1e9) return fmt::format("{:.{}f} ms", ns / 1e6, ns < 1e7 ? 2 : (ns < 1e8 ? 1 : 0));
    return fmt::format("{:.2f} s", ns / 1e9);
}

/// 7.90 MB/s (decimal units, as network rates are quoted).
std::string human_rate(double bytes_per_s) {
    if (bytes_per_s >= 1e9) return fmt::format("{:.2f} GB/s", bytes_per_s / 1e9);
    if (bytes_per_s >= 1e6) return fmt::format("{:.2f} MB/s", bytes_per_s / 1e6);
    if (bytes_per_s >= 1e3) return fmt::format("{:.2f} kB/s", bytes_per_s / 1e3);
    return fmt::format("{:.0f} B/s", bytes_per_s);
}

}  // namespace

int run_bench_echo(std::span<char*> args) {
    auto app = make_app(
        "bench echo",
        "Load any TCP echo server (RFC 862): CONNS connections on one epoll loop, each keeping one message "
        "of\n"
        "SIZE bytes in flight and checking that every echoed byte is the one it sent. Measures for -d "
        "seconds\n"
        "(or until -n round trips) once every connection is up and --warmup has passed; prints round "
        "trips/s,\n"
        "echoed bytes/s, latency percentiles, errors (echoes that differed), and connections that failed or\n"
        "stalled (completed no round trip: a server that serves one client at a time). SIGINT (Ctrl-C) or\n"
        "SIGTERM ends the measurement early and prints it. Exit codes: 0 ok,\n"
        "64 usage, 65 an echo differed, 68 unknown host, 69 the first connection failed (refused) or a\n"
        "connection failed during the run, 71 OS error.",
        "sockit bench echo 127.0.0.1 10007 -c 100 -s 64 -d 5 --warmup 1");
    std::string host;
    std::string port;
    std::size_t conns = 10;
    std::size_t size = 64;
    double duration = 10;
    std::uint64_t max_round_trips = 0;
    double warmup = 0;
    double connect_timeout = 10;
    bool json = false;
    app->add_option("host", host, "the echo server's address or name")->required();
    app->add_option("port", port, "its TCP port (or service name)")->required();
    app->add_option("-c,--connections", conns, "concurrent connections, each with one message in flight")
        ->capture_default_str()
        ->check(within(std::size_t{1}, std::size_t{100000}));
    app->add_option("-s,--size", size, "bytes per message (K and M suffixes: 1024, 1048576)")
        ->capture_default_str()
        ->transform(size_suffixes())
        ->check(within(std::size_t{1}, std::size_t{16} << 20));
    app->add_option("-d,--duration", duration, "seconds to measure")
        ->capture_default_str()
        ->check(within(0.001, 86400.0));
    app->add_option("-n,--round-trips", max_round_trips, "stop after this many measured round trips")
        ->check(at_least(std::uint64_t{1}));
    app->add_option("--warmup", warmup, "seconds of load before measuring")
        ->capture_default_str()
        ->check(within(0.0, 3600.0));
    app->add_option("--connect-timeout", connect_timeout, "seconds allowed to connect them all")
        ->capture_default_str()
        ->check(within(0.001, 3600.0));
    app->add_flag("--json", json, "one JSON document (keys: see sockit-bench-echo(1))");
    if (auto done = parse(*app, args)) return *done;

    constexpr std::string_view cmd = "bench echo";
    auto targets = resolve_bench_targets(cmd, host, port);
    if (!targets) return targets.error();
    if (auto room = ensure_descriptors(cmd, conns + 64); !room) return room.error();

    loadgen::echo_load_settings s;
    s.targets = std::move(*targets);
    s.connections = conns;
    s.message_size = size;
    s.duration = seconds_to_ns(duration);
    s.warmup = seconds_to_ns(warmup);
    if (max_round_trips > 0) s.max_round_trips = max_round_trips;
    s.connect_phase = seconds_to_ns(connect_timeout);
    s.stop_on_interrupt = true;  // Ctrl-C ends the measurement and still prints it

    auto ran = loadgen::run_echo_load(s);
    if (!ran) {
        const auto& f = ran.error();
        print_error(cmd, f.what, f.why.message());
        return f.what == "event loop" ? exit_code::os_error : exit_code::unavailable;
    }
    const auto& r = *ran;
    const double secs = static_cast<double>(r.elapsed.count()) / 1e9;
    const double rps = secs > 0 ? static_cast<double>(r.round_trips) / secs : 0;
    const double bps = secs > 0 ? static_cast<double>(r.bytes) / secs : 0;
    const auto& lat = r.latency;

    if (json) {
        auto opt_string = [](const std::string& v) {
            return v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v);
        };
        print_json({
            {"target", r.target.to_string()},
            {"connections", conns},
            {"message_size", size},
            {"duration_s", secs},
            {"round_trips", r.round_trips},
            {"round_trips_per_s", rps},
            {"bytes", r.bytes},
            {"bytes_per_s", bps},
            {"latency_us",
             {{"p50", to_us(lat.percentile(0.5))},
              {"p90", to_us(lat.percentile(0.9))},
              {"p99", to_us(lat.percentile(0.99))},
              {"max", to_us(lat.max())},
              {"mean", to_us(lat.mean())}}},
            {"errors", r.errors},
            {"first_error", opt_string(r.first_error)},
            {"connected", r.connected},
            {"failed", r.failed},
            {"first_failure", opt_string(r.first_failure)},
            {"stalled", r.stalled},
            {"interrupted", r.interrupted},
        });
    } else {
        std::cout << fmt::format("{}: {} connections, {}-byte messages, {:.2f} s measured{}\n",
                                 r.target.to_string(), conns, size, secs,
                                 r.interrupted ? " (interrupted)" : "");
        std::cout << fmt::format("round trips  {:.0f}/s ({} in {:.2f} s)\n", rps, r.round_trips, secs);
        std::cout << fmt::format("throughput   {} echoed\n", human_rate(bps));
        if (lat.count() > 0)
            std::cout << fmt::format("latency      p50 {}, p90 {}, p99 {}, max {}\n",
                                     human_duration(lat.percentile(0.5)), human_duration(lat.percentile(0.9)),
                                     human_duration(lat.percentile(0.99)), human_duration(lat.max()));
        else
            std::cout << "latency      (no round trip measured)\n";
        std::cout << fmt::format("errors       {}\n", r.errors);
        std::cout << fmt::format("connections  {} connected, {} failed, {} stalled\n", r.connected, r.failed,
                                 r.stalled);
        std::cout.flush();
    }

    if (r.errors > 0) {
        print_error(cmd, r.target.to_string(),
                    fmt::format("{} echo{} differed from what was sent (first: {})", r.errors,
                                r.errors == 1 ? "" : "es", r.first_error));
        return exit_code::data_error;
    }
    if (r.failed > 0 || (!r.measured && !r.interrupted)) {
        print_error(cmd, r.target.to_string(),
                    fmt::format("{} of {} connections failed (first: {})", r.failed, conns, r.first_failure));
        return exit_code::unavailable;
    }
    return exit_code::ok;
}

}  // namespace sockit::cli
