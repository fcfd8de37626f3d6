// SPDX-License-Identifier: MIT
// The command registry: each cli/cmd_*.cpp registers one subcommand of `sockit` with SOCKIT_COMMAND.
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

/// Adds a command to the registry (called from static initializers; see SOCKIT_COMMAND).
bool register_command(const command& c);

/// Every registered command, sorted by name.
std::span<const command> commands();

}  // namespace sockit::cli

/// Registers a subcommand from its own translation unit: SOCKIT_COMMAND("addr", "summary", run_addr);
#define SOCKIT_COMMAND(name, summary, fn) \
    static const bool sockit_command_registered_ = ::sockit::cli::register_command({name, summary, fn})
