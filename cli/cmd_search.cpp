// SPDX-License-Identifier: MIT
// `sockit search`: the seeds' recurse-search: the first file (or every file) under DIRs containing STRING,
// found by a parallel walk on the worker pool; --trace shows what each worker did.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "sockit/search/tree_search.hpp"

namespace sockit::cli {
namespace {

/// grep's convention: 0 a match, 1 none, 2 none and some path could not be read.
enum search_exit : int { found = 0, none = 1, none_with_errors = 2 };

double to_ms(std::chrono::nanoseconds d) { return static_cast<double>(d.count()) / 1e6; }

void print_trace(const search::search_report& report) {
    text_table table({"worker", "dirs", "files", "MiB", "busy_ms", "first_ms", "last_ms"});
    for (std::size_t i = 0; i < report.workers.size(); ++i) {
        const auto& w = report.workers[i];
        table.add_row({std::to_string(i), std::to_string(w.directories), std::to_string(w.files),
                       fmt::format("{:.1f}", static_cast<double>(w.bytes) / (1 << 20)),
                       fmt::format("{:.1f}", to_ms(w.busy)), fmt::format("{:.1f}", to_ms(w.first_start)),
                       fmt::format("{:.1f}", to_ms(w.last_end))});
    }
    std::cerr << table.render()
              << fmt::format("{} directories, {} files, {:.1f} MiB in {:.1f} ms on {} workers\n",
                             report.directories, report.files, static_cast<double>(report.bytes) / (1 << 20),
                             to_ms(report.elapsed), report.workers.size());
}

nlohmann::ordered_json to_json(const std::string& needle, const search::search_report& report) {
    nlohmann::ordered_json errors = nlohmann::ordered_json::array();
    for (const auto& e : report.errors) errors.push_back({{"path", e.path}, {"error", e.error.message()}});
    nlohmann::ordered_json workers = nlohmann::ordered_json::array();
    for (const auto& w : report.workers)
        workers.push_back({{"directories", w.directories},
                           {"files", w.files},
                           {"bytes", w.bytes},
                           {"busy_ms", to_ms(w.busy)},
                           {"first_ms", to_ms(w.first_start)},
                           {"last_ms", to_ms(w.last_end)}});
    return {{"string", needle},      {"found", !report.matches.empty()},    {"matches", report.matches},
            {"errors", errors},      {"directories", report.directories},   {"files", report.files},
            {"bytes", report.bytes}, {"elapsed_ms", to_ms(report.elapsed)}, {"workers", workers}};
}

}  // namespace

int run_search(std::span<char*> args) {
    auto app =
        make_app("search",
                 "Search the trees under DIR for a file containing STRING (a fixed string, not a pattern) "
                 "with a worker pool: directories are read and files scanned as tasks. Prints the first "
                 "file found in time and stops every worker; --sorted: the first in path order; --all: "
                 "every one. Exit 0 found, 1 none, 2 none and some path unreadable.",
                 "sockit search -j 4 'needle' /usr/include");
    std::string needle;
    std::vector<std::string> roots;
    std::size_t jobs = std::max(1U, std::thread::hardware_concurrency());
    bool all = false;
    bool ignore_case = false;
    bool sorted = false;
    bool follow = false;
    bool json = false;
    bool trace = false;
    app->add_option("string", needle, "the fixed string to find (bytes, not a pattern)")->required();
    app->add_option("dir", roots, "directories (or files) to search")->required();
    app->add_option("-j,--jobs", jobs, "worker threads (default: the number of CPUs)")
        ->check(within<std::size_t>(1, 256));
    app->add_flag("--all", all, "list every matching file (in the order found; --sorted: in path order)");
    app->add_flag("-i,--ignore-case", ignore_case, "ASCII letters match either case");
    app->add_flag("--sorted", sorted, "the first match in path order (bytewise) instead of the first found");
    app->add_flag("-L,--follow", follow, "follow symbolic links in the trees (each directory entered once)");
    app->add_flag("--json", json, "one JSON object {string, found, matches, errors, ..., workers}");
    app->add_flag("--trace", trace, "print on stderr what each pool worker did: tasks, bytes, busy time");
    if (auto done = parse(*app, args)) return *done;
    if (needle.empty()) {
        print_error("search", "''", "empty search string");
        return exit_code::usage;
    }

    search::search_options options;
    options.needle = needle;
    options.ignore_case = ignore_case;
    options.mode = all      ? search::search_mode::all
                   : sorted ? search::search_mode::first_sorted
                            : search::search_mode::first_found;
    options.follow = follow;
    options.workers = jobs;
    auto report = search::search_tree(options, roots);
    if (!report) {
        print_error("search", "worker pool", report.error().message());
        return exit_code::os_error;
    }
    if (all && sorted) std::sort(report->matches.begin(), report->matches.end());
    for (const auto& e : report->errors) print_error("search", e.path, e.error.message());
    if (json) {
        print_json(to_json(needle, *report));
    } else {
        for (const auto& path : report->matches) std::cout << path << '\n';
        std::cout.flush();
    }
    if (trace) print_trace(*report);
    if (!report->matches.empty()) return search_exit::found;
    return report->errors.empty() ? search_exit::none : search_exit::none_with_errors;
}

}  // namespace sockit::cli
