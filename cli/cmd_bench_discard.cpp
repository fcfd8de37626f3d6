// SPDX-License-Identifier: MIT
// `sockit bench discard`: one TCP stream of fixed-size writes to a discard server (RFC 863), as iperf3 -c
// does.
#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "app.hpp"
#include "bench_target.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "sockit/loadgen/discard_stream.hpp"

namespace sockit::cli {

int run_bench_discard(std::span<char*> args) {
    auto app = make_app(
        "bench discard",
        "Send one TCP stream to a discard server (RFC 863) for -d seconds in writes of -l bytes (as\n"
        "`iperf3 -c HOST -l 64K -t SECONDS` does), then close the sending side and wait (at most 5 s) "
        "for the\nserver to close too, so that every byte counted has been read. Prints the bytes sent "
        "and the rate in\nGbit/s. Exit codes: 0 ok, 64 usage, 68 unknown host, 69 refused or the "
        "connection broke, 71 OS error.",
        "sockit bench discard 127.0.0.1 10009 -d 5 -l 64K");
    std::string host;
    std::string port;
    double duration = 10;
    std::size_t write_size = 65536;
    bool json = false;
    app->add_option("host", host, "the discard server's address or name")->required();
    app->add_option("port", port, "its TCP port (or service name)")->required();
    app->add_option("-d,--duration", duration, "seconds to send")
        ->capture_default_str()
        ->check(within(0.001, 86400.0));
    app->add_option("-l,--length", write_size, "bytes per write (K and M suffixes: 1024, 1048576)")
        ->capture_default_str()
        ->transform(size_suffixes())
        ->check(within(std::size_t{1}, std::size_t{64} << 20));
    app->add_flag("--json", json, "one JSON document (keys: see sockit-bench-discard(1))");
    if (auto done = parse(*app, args)) return *done;

    constexpr std::string_view cmd = "bench discard";
    auto targets = resolve_bench_targets(cmd, host, port);
    if (!targets) return targets.error();
    loadgen::discard_stream_settings s;
    s.targets = std::move(*targets);
    s.write_size = write_size;
    s.duration = std::chrono::nanoseconds(static_cast<long long>(std::llround(duration * 1e9)));
    auto ran = loadgen::run_discard_stream(s);
    if (!ran) {
        const auto& f = ran.error();
        print_error(cmd, f.what, f.why.message());
        return f.connecting ? exit_code::unavailable : exit_code::os_error;
    }
    const auto& r = *ran;
    const std::string where = r.target.to_string();
    const double secs = std::chrono::duration<double>(r.elapsed).count();
    const double bits_per_s = secs > 0 ? static_cast<double>(r.bytes) * 8 / secs : 0;

    if (json) {
        print_json({
            {"target", where},
            {"write_size", write_size},
            {"duration_s", secs},
            {"bytes", r.bytes},
            {"writes", r.writes},
            {"bits_per_second", bits_per_s},
            {"gbit_per_s", bits_per_s / 1e9},
            {"drained", r.drained},
        });
    } else {
        std::cout << fmt::format("{}: one stream, {}-byte writes\n", where, write_size);
        std::cout << fmt::format("sent     {} bytes ({:.2f} GiB) in {:.2f} s{}\n", r.bytes,
                                 static_cast<double>(r.bytes) / (1 << 30), secs,
                                 r.drained ? "" : " (the server did not confirm by closing)");
        std::cout << fmt::format("bitrate  {:.2f} Gbit/s\n", bits_per_s / 1e9);
        std::cout.flush();
    }
    if (!r.broken.empty()) {
        print_error(cmd, where, r.broken);
        return exit_code::unavailable;
    }
    return exit_code::ok;
}

}  // namespace sockit::cli
