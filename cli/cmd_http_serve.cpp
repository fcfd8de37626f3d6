// SPDX-License-Identifier: MIT
// `sockit http serve`: a static HTTP/1.1 file server (RFC 9110, 9112) on the serve engine, any concurrency
// model.
#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <mutex>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "serve_run.hpp"
#include "sockit/http_server/file_server.hpp"
#include "sockit/serve/server.hpp"

namespace sockit::cli {
namespace {

// Quotes and backslashes escaped, control bytes as \xHH: a log line stays one line whatever the client sent.
std::string log_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c >= 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += ch;
        }
    }
    return out;
}

std::string peer_host(const endpoint& e) { return e.is_ip() ? e.address().to_string() : std::string("-"); }

// Common Log Format: host ident authuser [date] "request-line" status bytes (dates in UTC).
std::string clf_line(const http_server::access_record& r) {
    const std::time_t t = std::chrono::system_clock::to_time_t(r.time);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%d/%b/%Y:%H:%M:%S +0000", &tm);
    const std::string request = r.method.empty()
                                    ? std::string("-")
                                    : fmt::format("{} {} HTTP/{}.{}", log_escape(r.method),
                                                  log_escape(r.target), r.version.major, r.version.minor);
    const std::string bytes = r.body_bytes == 0 ? std::string("-") : std::to_string(r.body_bytes);
    return fmt::format("{} - - [{}] \"{}\" {} {}\n", peer_host(r.peer), date, request, r.status, bytes);
}

// JSON Lines: one object per request; unparsed requests have null method, target and version.
nlohmann::ordered_json json_record(const http_server::access_record& r) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(r.time.time_since_epoch()).count();
    nlohmann::ordered_json j = {
        {"event", "request"},
        {"peer", r.peer.to_string()},
        {"time_ms", ms},
        {"method", std::string(r.method)},
        {"target", std::string(r.target)},
        {"version", fmt::format("HTTP/{}.{}", r.version.major, r.version.minor)},
        {"status", r.status},
        {"bytes", r.body_bytes},
        {"referer", std::string(r.referer)},
        {"user_agent", std::string(r.user_agent)},
    };
    if (r.method.empty()) {
        j["method"] = nullptr;
        j["target"] = nullptr;
        j["version"] = nullptr;
    }
    return j;
}

/// Writes the access log and the listening lines on stdout, one whole line at a time: sessions log from
/// every worker thread at once.
class access_log {
public:
    explicit access_log(bool json) : json_(json) {}

    void record(const http_server::access_record& r) {
        if (json_) {
            const nlohmann::ordered_json j = json_record(r);
            std::lock_guard lock(mu_);
            print_json_line(j);  // dumps with replacement: a target with invalid UTF-8 must not throw
            std::fflush(stdout);
        } else {
            write(clf_line(r));
        }
    }
    void write(std::string_view text) {
        std::lock_guard lock(mu_);
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    }

private:
    std::mutex mu_;
    bool json_ = false;
};

}  // namespace

int run_http_serve(std::span<char*> args) {
    auto app = make_app(
        "http serve",
        "Serve the files of DIR (default: the current directory) over HTTP/1.1: GET and HEAD, keep-alive "
        "and\n"
        "pipelining, Last-Modified/If-Modified-Since and ETag (304), single byte ranges (206/416), "
        "directory\n"
        "index.html or an HTML listing, sendfile(2) for large files. Paths never leave DIR (dot segments,\n"
        "encoded slashes and symlinks pointing outside are refused). Listens on port 8080 of every address\n"
        "(dual stack) unless told otherwise; port 0 picks a free port. One access-log line per request on\n"
        "stdout (Common Log Format, or JSON Lines with --json-log; --quiet for none). SIGINT/SIGTERM stop\n"
        "accepting, let answers in flight finish within --grace, then exit 0.",
        "sockit http serve ./site --port 8080 --bind 127.0.0.1 --model reactors --workers 2");
    std::string dir = ".";
    std::uint16_t port = 8080;
    std::string bind_text;
    std::string model_name = "reactors";
    std::size_t workers = 0;
    std::size_t max_conns = 1024;
    double idle_timeout = 60;
    double header_timeout = 10;
    double grace = 5;
    bool json_log = false;
    bool quiet = false;
    bool no_listing = false;
    app->add_option("dir", dir, "the directory to serve")->capture_default_str();
    app->add_option("--port,-p", port, "TCP port (0: a free one)")
        ->capture_default_str()
        ->check(within<std::uint16_t>());
    app->add_option("--bind", bind_text, "listen on this address instead of every address (dual stack)");
    app->add_option("--model", model_name, "concurrency: uniplex, fork, thread, pool, poll, epoll, reactors")
        ->capture_default_str();
    app->add_option("--workers", workers,
                    "reactors: event loops (default: one per core); pool: threads (default: 4 per core)")
        ->check(within<std::size_t>());
    app->add_option("--max-conns", max_conns, "concurrent connections; more are accepted and closed at once")
        ->capture_default_str()
        ->check(at_least(std::size_t{1}));
    app->add_option("--idle-timeout", idle_timeout, "close a connection idle this many seconds (0: never)")
        ->capture_default_str()
        ->check(at_least(0.0));
    app->add_option(
           "--header-timeout", header_timeout,
           "seconds a request head may take from its first byte (or from connect) to its end (0: no bound)")
        ->capture_default_str()
        ->check(at_least(0.0));
    app->add_option("--grace", grace, "on SIGINT/SIGTERM, seconds answers in flight may go on")
        ->capture_default_str()
        ->check(at_least(0.0));
    app->add_flag("--no-listing", no_listing,
                  "answer 403 for directories without index.html instead of listing them");
    app->add_flag("--json-log", json_log, "log as JSON Lines: listening, then one record per request");
    app->add_flag("--quiet,-q", quiet, "no access log");
    if (auto done = parse(*app, args)) return *done;

    auto usage = [](std::string_view what, std::string_view why) {
        print_error("http serve", what, why);
        return exit_code::usage;
    };
    serve::server_model model{};
    if (auto bad = parse_model_arg("http serve", model_name, model)) return *bad;
    std::optional<ip_address> bind_address;
    if (auto bad = parse_bind_arg("http serve", bind_text, bind_address)) return *bad;

    http_server::file_server_options fo;
    fo.root = dir;
    fo.header_timeout = std::chrono::milliseconds(static_cast<long long>(header_timeout * 1000));
    fo.list_directories = !no_listing;
    access_log logger(json_log);  // outlives the server, whose sessions call it
    if (!quiet) fo.access_log = [&logger](const http_server::access_record& r) { logger.record(r); };
    auto files = http_server::file_server::create(std::move(fo));
    if (!files) return usage(fmt::format("'{}'", dir), files.error().message());

    serve::listener_spec l;
    l.service = "http";
    l.proto = serve::transport::tcp;
    if (bind_address) l.address = endpoint(*bind_address, port);
    l.port = port;
    l.make_stream = (*files)->factory();

    serve::server_options o;
    o.model = model;
    o.workers = workers;
    o.max_connections = max_conns;
    o.idle_timeout = std::chrono::milliseconds(static_cast<long long>(idle_timeout * 1000));
    o.grace = std::chrono::milliseconds(static_cast<long long>(grace * 1000));
    std::vector<serve::listener_spec> listeners;
    listeners.push_back(std::move(l));
    auto created = serve::server::create(std::move(o), std::move(listeners));
    if (!created) {
        print_error("http serve",
                    bind_address ? endpoint(*bind_address, port).to_string() : fmt::format("port {}", port),
                    created.error().message());
        return exit_code::os_error;
    }
    auto& srv = **created;
    return run_until_stopped("http serve", srv, [&] {
        std::string lines;
        for (const auto& info : srv.listeners()) {
            if (json_log)
                lines += nlohmann::ordered_json{{"event", "listening"},
                                                {"service", "http"},
                                                {"transport", "tcp"},
                                                {"address", info.local.to_string()},
                                                {"root", (*files)->root().path()}}
                             .dump() +
                         "\n";
            else
                lines += fmt::format("listening on {} (tcp, http)\n", info.local.to_string());
        }
        logger.write(lines);
    });
}

}  // namespace sockit::cli
