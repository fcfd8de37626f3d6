// SPDX-License-Identifier: MIT
// `sockit serve`: the classic Internet services (RFC 862-868) as one inetd-like daemon, under any concurrency
// model.
#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "serve_run.hpp"
#include "sockit/inetd/service_request.hpp"
#include "sockit/inetd/service_table.hpp"
#include "sockit/serve/privileges.hpp"
#include "sockit/serve/server.hpp"

namespace sockit::cli {
namespace {

using serve::transport;

/// One positional argument: SERVICE[/tcp|/udp][=[ADDR:]PORT].
result<inetd::service_request, std::string> parse_serve_arg(std::string_view text) {
    inetd::service_request a;
    std::string_view head = text;
    std::string_view where;
    if (auto eq = text.find('='); eq != std::string_view::npos) {
        head = text.substr(0, eq);
        where = text.substr(eq + 1);
        if (where.empty()) return fail(fmt::format("'{}': nothing after '='", text));
    }
    if (auto slash = head.find('/'); slash != std::string_view::npos) {
        const auto proto = head.substr(slash + 1);
        if (proto == "tcp")
            a.only = transport::tcp;
        else if (proto == "udp")
            a.only = transport::udp;
        else
            return fail(fmt::format("'{}': transport must be tcp or udp", text));
        head = head.substr(0, slash);
    }
    a.service = std::string(head);
    if (!where.empty()) {
        if (where.find(':') == std::string_view::npos) {
            std::uint16_t port = 0;
            auto [end, ec] = std::from_chars(where.data(), where.data() + where.size(), port);
            if (ec != std::errc{} || end != where.data() + where.size())
                return fail(fmt::format("'{}': '{}' is not a port (0-65535)", text, where));
            a.port = port;
        } else {
            auto ep = endpoint::parse(where);
            if (!ep || !ep->is_ip())
                return fail(
                    fmt::format("'{}': '{}' is not ADDR:PORT (IPv6 in brackets: [::1]:7)", text, where));
            a.address = *ep;
        }
    }
    return a;
}

/// The command line, as CLI11 fills it.
struct serve_flags {
    std::vector<std::string> specs;
    bool all = false;
    std::string model_name = "reactors";
    std::size_t workers = 0;
    std::string backend_name;
    std::string bind_text;
    std::size_t max_conns = 1024;
    double idle_timeout = 300;
    double grace = 5;
    std::size_t max_output = 64 * 1024;
    std::string user;
    bool json_log = false;
    double udp_rate = 20;
    std::string qotd_file;
    std::string finger_dir;
    bool finger_system_users = false;
};

/// The command line, checked.
struct serve_plan {
    serve::server_model model{};
    std::optional<poller_backend> backend;
    std::optional<ip_address> bind;
    std::optional<serve::user_identity> identity;
    std::vector<inetd::service_request> requests;
    inetd::service_settings settings;
};

std::unique_ptr<CLI::App> make_serve_app(serve_flags& f) {
    auto app = make_app(
        "serve",
        "Serve the classic Internet services: echo (RFC 862), discard (863), chargen (864), qotd (865),\n"
        "daytime (867), time (868) and finger (1288, TCP only, answering from --finger-dir).\n"
        "Each SERVICE[/tcp|/udp][=[ADDR:]PORT] serves one service on TCP and UDP (or the one named) at the\n"
        "standard port when run as root, else the standard port + 10000, on every address of both families\n"
        "(dual stack). Port 0 picks a free port; every bound endpoint is printed. UDP replies are bounded\n"
        "(512 bytes; echo: the request), rate-limited per source, and never sent to source ports below "
        "1024.\n"
        "SIGINT/SIGTERM stop accepting, let connections finish within --grace, then exit 0.",
        "sockit serve echo daytime/udp chargen/tcp=127.0.0.1:0 --model epoll --idle-timeout 60");
    app->add_option("services", f.specs, "SERVICE[/tcp|/udp][=[ADDR:]PORT] ...");
    app->add_flag("--all", f.all, "every service on TCP and UDP at its default port");
    app->add_option(
           "--model", f.model_name,
           "concurrency: uniplex, fork, thread, pool, poll, epoll, reactors (one epoll loop per core)")
        ->capture_default_str();
    app->add_option("--workers", f.workers,
                    "reactors: event loops (default: one per core); pool: threads (default: 4 per core)")
        ->check(within<std::size_t>());
    app->add_option(
        "--backend", f.backend_name,
        "poller of the event loops: epoll, poll, select (default: poll for --model poll, else epoll)");
    app->add_option("--bind", f.bind_text, "listen on this address instead of every address (dual stack)");
    app->add_option("--max-conns", f.max_conns,
                    "concurrent TCP connections; more are accepted and closed at once")
        ->capture_default_str()
        ->check(at_least(std::size_t{1}));
    app->add_option("--idle-timeout", f.idle_timeout,
                    "close a TCP connection idle this many seconds (0: never)")
        ->capture_default_str()
        ->check(at_least(0.0));
    app->add_option("--grace", f.grace,
                    "on SIGINT/SIGTERM, seconds connections may go on before they are closed")
        ->capture_default_str()
        ->check(at_least(0.0));
    app->add_option("--max-output", f.max_output,
                    "bytes buffered per connection before reading pauses (backpressure)")
        ->capture_default_str()
        ->check(at_least(std::size_t{1}));
    app->add_option("--user", f.user, "after binding, run as this user (root only)");
    app->add_flag("--json-log", f.json_log,
                  "one JSON line per event on stdout: listening, and each finished connection");
    app->add_option("--udp-rate", f.udp_rate,
                    "UDP replies per second per source address (burst: twice that; 0: unlimited)")
        ->capture_default_str()
        ->check(at_least(0.0));
    app->add_option("--qotd-file", f.qotd_file, "quotes for qotd, one per paragraph (default: built-in)");
    app->add_option("--finger-dir", f.finger_dir,
                    "finger answers from the files USER.plan of this directory");
    app->add_flag("--finger-system-users", f.finger_system_users,
                  "finger also answers for the system's accounts (~USER/.plan); off by default");
    return app;
}

int usage_error(std::string_view what, std::string_view why) {
    print_error("serve", what, why);
    return exit_code::usage;
}

/// The SERVICE arguments, or every service for --all. Errors: a bad argument (message).
result<std::vector<inetd::service_request>, std::string> requested_services(const serve_flags& f) {
    std::vector<inetd::service_request> wanted;
    if (f.all) {
        for (auto name : inetd::service_names()) wanted.push_back({std::string(name), {}, {}, {}});
        return wanted;
    }
    for (const auto& s : f.specs) {
        auto a = parse_serve_arg(s);
        if (!a) return fail(std::move(a).error());
        wanted.push_back(std::move(*a));
    }
    return wanted;
}

/// Checks the flags into `plan`, in the order their errors are reported. Prints a usage error and gives
/// its exit code for the first bad one.
std::optional<int> check_flags(const serve_flags& f, serve_plan& plan) {
    if (f.all == !f.specs.empty())
        return usage_error(
            "arguments", f.all ? "--all takes no SERVICE arguments" : "name at least one SERVICE, or --all");
    if (auto bad = parse_model_arg("serve", f.model_name, plan.model)) return *bad;
    if (!f.backend_name.empty()) {
        auto b = parse_poller_backend(f.backend_name);
        if (!b)
            return usage_error("--backend",
                               fmt::format("'{}' is not one of epoll, poll, select", f.backend_name));
        plan.backend = *b;
    }
    if (auto bad = parse_bind_arg("serve", f.bind_text, plan.bind)) return *bad;
    plan.settings.udp_rate = f.udp_rate;
    plan.settings.finger_system_users = f.finger_system_users;
    if (!f.qotd_file.empty()) plan.settings.qotd_file = f.qotd_file;
    if (!f.finger_dir.empty()) {
        // refused at once, as http serve refuses a root that is not a directory
        std::error_code ec;
        if (!std::filesystem::is_directory(f.finger_dir, ec))
            return usage_error(
                fmt::format("--finger-dir '{}'", f.finger_dir),
                ec ? ec.message() : std::make_error_code(std::errc::not_a_directory).message());
        plan.settings.finger_dir = f.finger_dir;
    }
    if (!f.user.empty()) {
        auto who = serve::lookup_user(f.user);
        if (!who)
            return usage_error(fmt::format("--user '{}'", f.user), who.error() == std::errc::invalid_argument
                                                                       ? "no such user"
                                                                       : who.error().message());
        plan.identity = *who;
    }
    auto wanted = requested_services(f);
    if (!wanted) return usage_error("service", wanted.error());
    plan.requests = std::move(*wanted);
    return std::nullopt;
}

/// One JSON line per finished connection (--json-log); `mu` keeps lines of concurrent connections whole.
void log_connection(const serve::connection_record& r, std::mutex& mu) {
    nlohmann::ordered_json j = {
        {"event", "connection"},
        {"service", r.service},
        {"transport", "tcp"},
        {"peer", r.peer.to_string()},
        {"bytes_in", r.bytes_in},
        {"bytes_out", r.bytes_out},
        {"duration_ms", std::chrono::duration<double, std::milli>(r.duration).count()},
        {"reason", serve::to_string(r.reason)},
    };
    std::lock_guard lock(mu);
    print_json_line(j);
    std::cout.flush();
}

serve::server_options server_options_from(const serve_flags& f, const serve_plan& plan, std::mutex& log_mu) {
    serve::server_options o;
    o.model = plan.model;
    o.workers = f.workers;
    o.backend = plan.backend;
    o.max_connections = f.max_conns;
    o.idle_timeout = std::chrono::milliseconds(static_cast<long long>(f.idle_timeout * 1000));
    o.grace = std::chrono::milliseconds(static_cast<long long>(f.grace * 1000));
    o.max_output = f.max_output;
    if (f.json_log)
        o.on_connection_end = [&log_mu](const serve::connection_record& r) { log_connection(r, log_mu); };
    return o;
}

/// What a failed create() names: the one listener ("echo/tcp port 10007"), or "bind" for several.
std::string bind_label(const std::vector<serve::listener_spec>& listeners) {
    if (listeners.size() != 1) return "bind";
    const auto& l = listeners.front();
    return fmt::format("{}/{} {}", l.service, serve::to_string(l.proto),
                       l.address ? l.address->to_string() : fmt::format("port {}", l.port));
}

/// The listening lines (or JSON events), once every listener is bound.
void announce(const serve::server& srv, bool json_log) {
    for (const auto& info : srv.listeners()) {
        if (json_log)
            print_json_line({{"event", "listening"},
                             {"service", info.service},
                             {"transport", serve::to_string(info.proto)},
                             {"address", info.local.to_string()}});
        else
            std::cout << fmt::format("listening on {} ({}, {})\n", info.local.to_string(),
                                     serve::to_string(info.proto), info.service);
    }
    std::cout.flush();
}

}  // namespace

int run_serve(std::span<char*> args) {
    serve_flags f;
    auto app = make_serve_app(f);
    if (auto done = parse(*app, args)) return *done;
    serve_plan plan;
    if (auto bad = check_flags(f, plan)) return *bad;

    auto listeners = inetd::make_listeners(plan.requests, plan.settings, {plan.bind, inetd::runs_as_root()});
    if (!listeners) return usage_error("service", listeners.error());
    const std::string where = bind_label(*listeners);
    std::mutex log_mu;  // outlives the server, whose threads log through it
    auto created = serve::server::create(server_options_from(f, plan, log_mu), std::move(*listeners));
    if (!created) {
        // The engine binds in order and stops at the first failure; name the whole request.
        print_error("serve", where, created.error().message());
        return exit_code::os_error;
    }
    auto& srv = **created;
    if (plan.identity) {
        if (auto r = serve::drop_privileges(*plan.identity); !r) {
            print_error("serve", fmt::format("--user '{}'", f.user), r.error().message());
            return exit_code::os_error;
        }
    }
    return run_until_stopped("serve", srv, [&] { announce(srv, f.json_log); });
}

}  // namespace sockit::cli
