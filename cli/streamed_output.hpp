// SPDX-License-Identifier: MIT
// Output of any length in constant memory: lines to stdout in chunks, and a JSON document whose last
// member is a list written item by item as it is produced (sockit net --subnets).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sockit::cli {

/// Text for stdout gathered in 64 KiB chunks (written when full, on flush() and at destruction).
class chunked_stdout {
public:
    chunked_stdout() = default;
    chunked_stdout(const chunked_stdout&) = delete;
    chunked_stdout& operator=(const chunked_stdout&) = delete;
    ~chunked_stdout() { flush(); }

    /// Appends text; writes the chunk to std::cout once it holds 64 KiB.
    void add(std::string_view text);
    /// Writes what is gathered to std::cout.
    void flush();

private:
    std::string chunk_;
};

/// Produces the next item of a list, or nullopt after the last one.
using item_source = std::function<std::optional<std::string>()>;

/// Writes doc to stdout as print_json() does (2-space indent), nested `depth` levels deep (its first line
/// indented too) and without a final newline. With a source, `key` is one more member, last: the JSON
/// strings the source produces, each written as it comes, so any length takes constant memory.
void write_json(const nlohmann::ordered_json& doc, int depth, std::string_view key = {},
                const item_source& source = {});

}  // namespace sockit::cli
