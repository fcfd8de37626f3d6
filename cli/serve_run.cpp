// SPDX-License-Identifier: MIT
// What `serve` and `http serve` share: checking --model and --bind, and running a server until
// SIGINT/SIGTERM.
#include "serve_run.hpp"

#include <fmt/format.h>

#include <atomic>
#include <csignal>

#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/sys/scoped_sigaction.hpp"

namespace sockit::cli {
namespace {

// The one global of the command, and it cannot be otherwise: a signal handler receives no context, so the
// server a SIGINT must stop is found here. Set only while run_until_stopped() runs; a lock-free atomic, so
// reading it is async-signal-safe.
std::atomic<serve::server*> running_server{nullptr};
static_assert(std::atomic<serve::server*>::is_always_lock_free);

void stop_signal(int) {
    // Async-signal-safe: request_stop() is one write(2) to an eventfd.
    if (auto* s = running_server.load()) s->request_stop();
}

}  // namespace

std::optional<int> parse_model_arg(std::string_view cmd, const std::string& name,
                                   serve::server_model& model) {
    auto m = serve::parse_server_model(name);
    if (!m) {
        print_error(
            cmd, "--model",
            fmt::format("'{}' is not one of uniplex, fork, thread, pool, poll, epoll, reactors", name));
        return exit_code::usage;
    }
    model = *m;
    return std::nullopt;
}

std::optional<int> parse_bind_arg(std::string_view cmd, const std::string& text,
                                  std::optional<ip_address>& address) {
    if (text.empty()) return std::nullopt;
    auto a = ip_address::parse(text);
    if (!a) {
        print_error(cmd, fmt::format("--bind '{}'", text), a.error().message());
        return exit_code::usage;
    }
    address = *a;
    return std::nullopt;
}

int run_until_stopped(std::string_view cmd, serve::server& srv, const std::function<void()>& announce) {
    running_server.store(&srv);
    auto on_int = scoped_sigaction::install(SIGINT, stop_signal);
    auto on_term = scoped_sigaction::install(SIGTERM, stop_signal);
    if (!on_int || !on_term) {
        print_error(cmd, "signal handlers", (!on_int ? on_int.error() : on_term.error()).message());
        return exit_code::os_error;
    }
    announce();

    auto r = srv.run();
    running_server.store(nullptr);  // from here on a stop signal is a no-op until the process exits
    on_int->keep_installed();
    on_term->keep_installed();
    if (!r) {
        print_error(cmd, "run", r.error().message());
        return exit_code::os_error;
    }
    return exit_code::ok;
}

}  // namespace sockit::cli
