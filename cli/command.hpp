// SPDX-License-Identifier: MIT
// The `sockit` subcommands as data: name, one-line summary and entry point of each (cli/command_table.cpp).
#pragma once

#include <span>
#include <string_view>

namespace sockit::cli {

/// One subcommand: its name, a one-line summary for `sockit --help`, and its entry point. A name of two
/// words ("http get") makes the first a group: `sockit http get URL` runs it, `sockit http` lists the
/// group. run() gets the arguments from the command's last name word on, so args[0] is "addr" for
/// `sockit addr` and "get" for `sockit http get`; it returns the process exit code.
struct command {
    std::string_view name;
    std::string_view summary;
    int (*run)(std::span<char*> args);
};

/// Every subcommand, sorted by name (a constant table: nothing registers at run time).
std::span<const command> commands() noexcept;

}  // namespace sockit::cli
