// SPDX-License-Identifier: MIT
// The sockit front end: picks the subcommand that the arguments name and runs it.
#pragma once

#include <span>

namespace sockit::cli {

/// Runs `sockit ARGS...` (args[0] is the program's name): a command of the table, a group's listing
/// (`sockit http`), `--help`, `help CMD`, `--version`, or a usage error with a "did you mean" hint.
/// Returns the process exit code.
int dispatch(std::span<char*> args);

}  // namespace sockit::cli
