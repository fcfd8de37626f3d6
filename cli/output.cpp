// SPDX-License-Identifier: MIT
// Output helpers shared by the commands.
#include "output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace sockit::cli {

void print_error(std::string_view cmd, std::string_view what, std::string_view why) {
    std::fflush(stdout);  // keep the order of stdout and stderr lines when both go to one terminal
    if (cmd.empty()) {
        fmt::print(stderr, "sockit: {}: {}\n", what, why);
    } else {
        fmt::print(stderr, "sockit {}: {}: {}\n", cmd, what, why);
    }
}

std::string shorten(std::string_view text, std::size_t keep) {
    if (text.size() <= keep) return std::string(text);
    return fmt::format("{}…", text.substr(0, keep));
}

void print_json(const nlohmann::ordered_json& doc) {
    std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void print_json_line(const nlohmann::ordered_json& doc) {
    std::cout << doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

std::string text_table::render() const {
    std::vector<std::size_t> width;
    auto measure = [&](const std::vector<std::string>& row) {
        if (width.size() < row.size()) width.resize(row.size(), 0);
        for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    };
    if (!header_.empty()) measure(header_);
    for (const auto& r : rows_) measure(r);

    std::string out;
    auto emit = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line.append(width[i] - row[i].size() + 2, ' ');
        }
        out += line;
        out += '\n';
    };
    if (!header_.empty()) emit(header_);
    for (const auto& r : rows_) emit(r);
    return out;
}

}  // namespace sockit::cli
