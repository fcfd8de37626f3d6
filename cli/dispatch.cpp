// SPDX-License-Identifier: MIT
// The sockit front end: `sockit <command> [args]` to the command table's entry, --help, --version, "did you
// mean".
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "command.hpp"
#include "dispatch.hpp"
#include "exit_code.hpp"
#include "output.hpp"

namespace sockit::cli {
namespace {

void print_usage(std::FILE* to) {
    fmt::print(to,
               "sockit {} - a network-programming toolkit\n\n"
               "Usage: sockit <command> [options] [args]\n"
               "       sockit <command> --help\n\nCommands:\n",
               SOCKIT_VERSION);
    std::size_t width = 0;
    for (const command& c : commands()) width = std::max(width, c.name.size());
    for (const command& c : commands()) fmt::print(to, "  {:<{}}  {}\n", c.name, width, c.summary);
    fmt::print(to,
               "\nExit codes: 0 ok, 64 usage, 65 bad data, 68 unknown host, 69 unavailable, "
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
    print_error("", fmt::format("unknown command '{}'", name), why);
    return exit_code::usage;
}

// A command group ("http" of "http get"): the registered names that start with "GROUP ".
bool is_group(std::string_view group) {
    return std::any_of(commands().begin(), commands().end(), [&](const command& c) {
        return c.name.size() > group.size() && c.name.starts_with(group) && c.name[group.size()] == ' ';
    });
}

void print_group_usage(std::FILE* to, std::string_view group) {
    fmt::print(to, "Usage: sockit {} <command> [options] [args]\n\nCommands:\n", group);
    for (const command& c : commands())
        if (c.name.starts_with(group) && c.name.size() > group.size() && c.name[group.size()] == ' ')
            fmt::print(to, "  {:<24}  {}\n", c.name, c.summary);
}

// Finds the command that args names: "addr", or a group and its member ("http get"). Returns the command
// and how many arguments its name took; nullptr when there is none.
std::pair<const command*, std::size_t> find_command(std::span<char*> args) {
    std::string_view first = args[0];
    for (const command& c : commands())
        if (c.name == first) return {&c, 1};
    if (args.size() > 1 && is_group(first)) {
        std::string full = fmt::format("{} {}", first, args[1]);
        for (const command& c : commands())
            if (c.name == full) return {&c, 2};
    }
    return {nullptr, 0};
}

// `sockit GROUP` alone, with --help, or with an unknown member.
int group_usage(std::span<char*> args) {
    std::string_view group = args[0];
    if (args.size() > 1 && (std::string_view(args[1]) == "--help" || std::string_view(args[1]) == "-h")) {
        print_group_usage(stdout, group);
        return exit_code::ok;
    }
    if (args.size() > 1) {
        print_error(group, fmt::format("unknown command '{}'", args[1]),
                    fmt::format("see 'sockit {} --help' for the list", group));
        return exit_code::usage;
    }
    print_group_usage(stderr, group);
    return exit_code::usage;
}

// Runs the command named at the front of args (args[0] is the command's first word).
int run(std::span<char*> args) {
    auto [c, words] = find_command(args);
    if (c != nullptr) {
        // The command sees its last name word as args[0] ("get" for `sockit http get`).
        return c->run(args.subspan(words - 1));
    }
    if (is_group(args[0])) return group_usage(args);
    return unknown_command(args[0]);
}

}  // namespace

int dispatch(std::span<char*> args) {
    if (args.size() < 2) {
        print_usage(stderr);
        return exit_code::usage;
    }
    std::string_view name = args[1];
    if (name == "--help" || name == "-h" || name == "help") {
        if (name == "help" && args.size() > 2) {
            // `sockit help addr` is `sockit addr --help` (and `sockit help http get`, `sockit http get
            // --help`).
            std::string help_flag = "--help";
            std::vector<char*> forwarded(args.begin() + 2, args.end());
            forwarded.push_back(help_flag.data());
            return run(forwarded);
        }
        print_usage(stdout);
        return exit_code::ok;
    }
    if (name == "--version" || name == "-V") {
        fmt::print("sockit {}\n", SOCKIT_VERSION);
        return exit_code::ok;
    }
    return run(args.subspan(1));
}

}  // namespace sockit::cli
