// SPDX-License-Identifier: MIT
// Output helpers shared by the commands: error lines, aligned text tables, JSON documents.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace sockit::cli {

/// Prints `sockit CMD: WHAT: WHY` on stderr, one line (docs/design.md's error format).
void print_error(std::string_view cmd, std::string_view what, std::string_view why);

/// text as an error line repeats it: its first `keep` characters (bytes) and "…" when longer.
std::string shorten(std::string_view text, std::size_t keep = 64);

/// Prints a JSON document on stdout, indented, followed by a newline.
void print_json(const nlohmann::ordered_json& doc);
/// Prints one JSON Lines record (compact, one line) on stdout.
void print_json_line(const nlohmann::ordered_json& doc);

/// A text table for people: columns padded to their widest cell, two spaces apart, no trailing blanks.
class text_table {
public:
    explicit text_table(std::vector<std::string> header = {}) : header_(std::move(header)) {}
    void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    /// The table as lines ending in '\n' (the header first, when there is one).
    [[nodiscard]] std::string render() const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace sockit::cli
