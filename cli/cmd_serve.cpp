// SPDX-License-Identifier: MIT
// `sockit serve`: the classic Internet services (RFC 862-868) as one inetd-like daemon, under any concurrency model.
#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <iostream>
#include <mutex>

#include "app.hpp"
#include "command.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "serve_run.hpp"
#include "serve_services.hpp"
#include "sockit/serve/privileges.hpp"
#include "sockit/serve/server.hpp"

namespace sockit::cli {
namespace {

using serve::transport;

/// One positional argument: SERVICE[/tcp|/udp][=[ADDR:]PORT].
struct serve_arg {
    std::string service;
    std::optional<transport> only;
    std::optional<endpoint> address;
    std::optional<std::uint16_t> port;
};

result<serve_arg, std::string> parse_serve_arg(std::string_view text) {
    serve_arg a;
    std::string_view head = text;
    std::string_view where;
    if (auto eq = text.find('='); eq != std::string_view::npos) {
        head = text.substr(0, eq);
        where = text.substr(eq + 1);
        if (where.empty()) return fail(fmt::format("'{}': nothing after '='", text));
    }
    if (auto slash = head.find('/'); slash != std::string_view::npos) {
        const auto proto = head.substr(slash + 1);
        if (proto == "tcp") a.only = transport::tcp;
        else if (proto == "udp") a.only = transport::udp;
        else return fail(fmt::format("'{}': transport must be tcp or udp", text));
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
                return fail(fmt::format("'{}': '{}' is not ADDR:PORT (IPv6 in brackets: [::1]:7)", text, where));
            a.address = *ep;
        }
    }
    return a;
}

std::mutex log_mu;

int run_serve(std::span<char*> args) {
    auto app = make_app(
        "serve",
        "Serve the classic Internet services: echo (RFC 862), discard (863), chargen (864), qotd (865),\n"
        "daytime (867), time (868) and finger (1288, TCP only, answering from --finger-dir).\n"
        "Each SERVICE[/tcp|/udp][=[ADDR:]PORT] serves one service on TCP and UDP (or the one named) at the\n"
        "standard port when run as root, else the standard port + 10000, on every address of both families\n"
        "(dual stack). Port 0 picks a free port; every bound endpoint is printed. UDP replies are bounded\n"
        "(512 bytes; echo: the request), rate-limited per source, and never sent to source ports below 1024.\n"
        "SIGINT/SIGTERM stop accepting, let connections finish within --grace, then exit 0.",
        "sockit serve echo daytime/udp chargen/tcp=127.0.0.1:0 --model epoll --idle-timeout 60");
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
    service_settings settings;
    std::string qotd_file;

    app->add_option("services", specs, "SERVICE[/tcp|/udp][=[ADDR:]PORT] ...");
    app->add_flag("--all", all, "every service on TCP and UDP at its default port");
    app->add_option("--model", model_name,
                    "concurrency: uniplex, fork, thread, pool, poll, epoll, reactors (one epoll loop per core)")
        ->capture_default_str();
    app->add_option("--workers", workers, "reactors: event loops (default: one per core); pool: threads (default: 4 per core)");
    app->add_option("--backend", backend_name, "poller of the event loops: epoll, poll, select (default: poll for --model poll, else epoll)");
    app->add_option("--bind", bind_text, "listen on this address instead of every address (dual stack)");
    app->add_option("--max-conns", max_conns, "concurrent TCP connections; more are accepted and closed at once")
        ->capture_default_str()->check(CLI::PositiveNumber);
    app->add_option("--idle-timeout", idle_timeout, "close a TCP connection idle this many seconds (0: never)")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    app->add_option("--grace", grace, "on SIGINT/SIGTERM, seconds connections may go on before they are closed")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    app->add_option("--max-output", max_output, "bytes buffered per connection before reading pauses (backpressure)")
        ->capture_default_str()->check(CLI::PositiveNumber);
    app->add_option("--user", user, "after binding, run as this user (root only)");
    app->add_flag("--json-log", json_log, "one JSON line per event on stdout: listening, and each finished connection");
    app->add_option("--udp-rate", settings.udp_rate, "UDP replies per second per source address (burst: twice that; 0: unlimited)")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    app->add_option("--qotd-file", qotd_file, "quotes for qotd, one per paragraph (default: built-in)");
    std::string finger_dir;
    app->add_option("--finger-dir", finger_dir, "finger answers from the files USER.plan of this directory");
    app->add_flag("--finger-system-users", settings.finger_system_users,
                  "finger also answers for the system's accounts (~USER/.plan); off by default");
    if (auto done = parse(*app, args)) return *done;

    auto usage = [](std::string_view what, std::string_view why) {
        print_error("serve", what, why);
        return exit_code::usage;
    };
    if (all == !specs.empty())
        return usage("arguments", all ? "--all takes no SERVICE arguments" : "name at least one SERVICE, or --all");
    serve::server_model model{};
    if (auto bad = parse_model_arg("serve", model_name, model)) return *bad;
    std::optional<poller_backend> backend;
    if (!backend_name.empty()) {
        auto b = parse_poller_backend(backend_name);
        if (!b) return usage("--backend", fmt::format("'{}' is not one of epoll, poll, select", backend_name));
        backend = *b;
    }
    std::optional<ip_address> bind_address;
    if (auto bad = parse_bind_arg("serve", bind_text, bind_address)) return *bad;
    if (!qotd_file.empty()) settings.qotd_file = qotd_file;
    if (!finger_dir.empty()) settings.finger_dir = finger_dir;
    std::optional<serve::user_identity> identity;
    if (!user.empty()) {
        auto who = serve::lookup_user(user);
        if (!who) return usage(fmt::format("--user '{}'", user), who.error() == std::errc::invalid_argument ? "no such user" : who.error().message());
        identity = *who;
    }

    std::vector<serve_arg> wanted;
    if (all) {
        for (auto name : service_names()) wanted.push_back({std::string(name), {}, {}, {}});
    } else {
        for (const auto& s : specs) {
            auto a = parse_serve_arg(s);
            if (!a) return usage("service", a.error());
            wanted.push_back(std::move(*a));
        }
    }

    const bool root = ::geteuid() == 0;
    std::vector<serve::listener_spec> listeners;
    std::vector<std::string> labels;  // for bind errors
    for (const auto& w : wanted) {
        auto entry = make_service(w.service, settings);
        if (!entry) return usage("service", entry.error());
        const auto& svc = entry->svc;
        const std::uint16_t standard = svc->standard_port();
        const std::uint16_t port = w.port ? *w.port : static_cast<std::uint16_t>(root ? standard : standard + 10000);
        for (auto proto : {transport::tcp, transport::udp}) {
            if (w.only && *w.only != proto) continue;
            if (proto == transport::tcp && !svc->has_stream()) continue;
            if (proto == transport::udp && !svc->has_datagram()) {
                if (w.only) return usage("service", fmt::format("{} has no UDP side", w.service));
                continue;
            }
            serve::listener_spec l;
            l.service = w.service;
            l.proto = proto;
            if (w.address) l.address = *w.address;
            else if (bind_address) l.address = endpoint(*bind_address, port);
            l.port = port;
            if (proto == transport::tcp) l.make_stream = stream_factory_for(svc);
            else l.make_datagram = datagram_factory_for(svc);
            l.policy = entry->policy;
            labels.push_back(fmt::format("{}/{} {}", w.service, serve::to_string(proto),
                                         l.address ? l.address->to_string() : fmt::format("port {}", port)));
            listeners.push_back(std::move(l));
        }
    }

    serve::server_options o;
    o.model = model;
    o.workers = workers;
    o.backend = backend;
    o.max_connections = max_conns;
    o.idle_timeout = std::chrono::milliseconds(static_cast<long long>(idle_timeout * 1000));
    o.grace = std::chrono::milliseconds(static_cast<long long>(grace * 1000));
    o.max_output = max_output;
    if (json_log) {
        o.on_connection_end = [](const serve::connection_record& r) {
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
            std::lock_guard lock(log_mu);
            print_json_line(j);
            std::cout.flush();
        };
    }

    auto created = serve::server::create(std::move(o), std::move(listeners));
    if (!created) {
        // The engine binds in order and stops at the first failure; name the whole request.
        print_error("serve", labels.size() == 1 ? labels.front() : "bind", created.error().message());
        return exit_code::os_error;
    }
    auto& srv = **created;
    if (identity) {
        if (auto r = serve::drop_privileges(*identity); !r) {
            print_error("serve", fmt::format("--user '{}'", user), r.error().message());
            return exit_code::os_error;
        }
    }
    return run_until_stopped("serve", srv, [&] {
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
    });
}

}  // namespace

SOCKIT_COMMAND("serve", "the classic Internet services (echo, discard, chargen, qotd, daytime, time, finger) as one daemon",
               run_serve);

}  // namespace sockit::cli
