// SPDX-License-Identifier: MIT
// The entry point of every `sockit` subcommand (one per cli/cmd_*.cpp), listed in command_table.cpp.
#pragma once

#include <span>

namespace sockit::cli {

/// Each runs one subcommand: args[0] is the command's last name word ("get" for `sockit http get`); returns
/// the process exit code.
int run_addr(std::span<char*> args);
int run_bench_discard(std::span<char*> args);
int run_bench_echo(std::span<char*> args);
int run_build(std::span<char*> args);
int run_capture(std::span<char*> args);
int run_decode(std::span<char*> args);
int run_dns(std::span<char*> args);
int run_http_get(std::span<char*> args);
int run_http_serve(std::span<char*> args);
int run_ifaces(std::span<char*> args);
int run_nc(std::span<char*> args);
int run_net(std::span<char*> args);
int run_rdns(std::span<char*> args);
int run_recv(std::span<char*> args);
int run_resolve(std::span<char*> args);
int run_search(std::span<char*> args);
int run_send(std::span<char*> args);
int run_serve(std::span<char*> args);
int run_service(std::span<char*> args);
int run_sizes(std::span<char*> args);

}  // namespace sockit::cli
