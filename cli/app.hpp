// SPDX-License-Identifier: MIT
// Shared argument parsing for subcommands: CLI11 set-up, help with an example, usage errors as exit 64.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sockit::cli {

/// A CLI11 app (not movable, hence the pointer) for `sockit NAME`, with its description and a usage example
/// shown in --help.
std::unique_ptr<CLI::App> make_app(std::string_view name, std::string_view description,
                                   std::string_view example);

/// Parses args (args[0] is the command name) into app. Returns an exit code when the command should stop
/// now: 0 after printing --help, 64 after a usage error (printed as `sockit NAME: ...`); nullopt to go on.
std::optional<int> parse(CLI::App& app, std::span<char*> args);

}  // namespace sockit::cli
