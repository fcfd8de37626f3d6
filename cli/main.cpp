// SPDX-License-Identifier: MIT
// The sockit command: dispatches `sockit <command> [args]` to the registered subcommands.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"
#include "exit_code.hpp"
#include "output.hpp"

namespace {

using sockit::cli::command;
using sockit::cli::commands;

void print_usage(std::FILE* to) {
    fmt::print(to,
               "sockit {} - a network-programming toolkit\n\n"
               "Usage: sockit <command> [options] [args]\n"
               "       sockit <command> --help\n\nCommands:\n",
               SOCKIT_VERSION);
    std::size_t width = 0;
    for (const command& c : commands()) width = std::max(width, c.name.size());
    for (const command& c : commands()) fmt::print(to, "  {:<{}}  {}\n", c.name, width, c.summary);
    fmt::print(to, "\nExit codes: 0 ok, 64 usage, 65 bad data, 68 unknown host, 69 unavailable, "
                   "71 OS error, 74 I/O error (nc: 0/1 as netcat).\n");
}

// Levenshtein distance, for the "did you mean" hint on a mistyped command.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

int unknown_command(std::string_view name) {
    const command* best = nullptr;
    std::size_t best_distance = 3;  // further than 2 edits is no hint
    for (const command& c : commands()) {
        std::size_t d = edit_distance(name, c.name);
        if (d < best_distance || (c.name.starts_with(name) && !name.empty() && best == nullptr)) {
            best = &c;
            best_distance = d;
        }
    }
    std::string why = best ? fmt::format("did you mean '{}'? (see 'sockit --help')", best->name)
                           : std::string("see 'sockit --help' for the list");
    sockit::cli::print_error("", fmt::format("unknown command '{}'", name), why);
    return sockit::cli::exit_code::usage;
}

}  // namespace

int main(int argc, char** argv) {
    std::span<char*> args(argv, static_cast<std::size_t>(argc));
    if (args.size() < 2) {
        print_usage(stderr);
        return sockit::cli::exit_code::usage;
    }
    std::string_view name = args[1];
    if (name == "--help" || name == "-h" || name == "help") {
        if (name == "help" && args.size() > 2) {
            // `sockit help addr` is `sockit addr --help`.
            static char help_flag[] = "--help";
            std::vector<char*> forwarded{args[2], help_flag};
            for (const command& c : commands())
                if (c.name == args[2]) return c.run(forwarded);
            return unknown_command(args[2]);
        }
        print_usage(stdout);
        return sockit::cli::exit_code::ok;
    }
    if (name == "--version" || name == "-V") {
        fmt::print("sockit {}\n", SOCKIT_VERSION);
        return sockit::cli::exit_code::ok;
    }
    for (const command& c : commands())
        if (c.name == name) return c.run(args.subspan(1));
    return unknown_command(name);
}
