// SPDX-License-Identifier: MIT
// What `serve` and `http serve` share: checking --model and --bind, and running a server until
// SIGINT/SIGTERM.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "sockit/ip/ip_address.hpp"
#include "sockit/serve/server.hpp"

namespace sockit::cli {

/// --model NAME into MODEL. An unknown name prints CMD's usage error and gives exit_code::usage.
std::optional<int> parse_model_arg(std::string_view cmd, const std::string& name, serve::server_model& model);

/// --bind ADDR into ADDRESS (left empty when ADDR is). A bad address prints CMD's usage error and gives
/// exit_code::usage.
std::optional<int> parse_bind_arg(std::string_view cmd, const std::string& text,
                                  std::optional<ip_address>& address);

/// Runs SRV until it stops; SIGINT and SIGTERM ask it to (request_stop(): answers in flight finish within its
/// grace). The handlers are installed before `announce` runs, since a supervisor may signal as soon as it
/// reads what `announce` prints (the listening lines), and stay installed afterwards: a later stop signal is
/// a no-op until the process exits. A handler that cannot be installed, or a failed run, prints CMD's error
/// and gives exit_code::os_error; else exit_code::ok.
int run_until_stopped(std::string_view cmd, serve::server& srv, const std::function<void()>& announce);

}  // namespace sockit::cli
