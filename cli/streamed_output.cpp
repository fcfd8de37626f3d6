// SPDX-License-Identifier: MIT
// Output of any length in constant memory: chunked stdout and JSON with a streamed last member.
#include "streamed_output.hpp"

#include <iostream>

namespace sockit::cli {

namespace {

constexpr std::size_t chunk_size = 64 * 1024;

using json = nlohmann::ordered_json;

// text with every line after the first indented by pad.
std::string indent(std::string_view text, std::string_view pad) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        out += c;
        if (c == '\n') out += pad;
    }
    return out;
}

}  // namespace

void chunked_stdout::add(std::string_view text) {
    chunk_ += text;
    if (chunk_.size() >= chunk_size) flush();
}

void chunked_stdout::flush() {
    std::cout << chunk_;
    chunk_.clear();
}

void write_json(const json& doc, int depth, std::string_view key, const item_source& source) {
    const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
    auto text = indent(doc.dump(2, ' ', false, json::error_handler_t::replace), pad);
    chunked_stdout out;
    out.add(pad);
    if (!source || !doc.is_object()) {
        out.add(text);
        return;
    }
    text.pop_back();  // the closing '}'
    if (doc.empty()) {
        out.add(text);
    } else {
        text.resize(text.size() - 1 - pad.size());  // the newline and pad before it
        out.add(text);
        out.add(",");
    }
    out.add("\n" + pad + "  " + json(key).dump() + ": [");
    bool first = true;
    while (auto item = source()) {
        out.add(first ? "\n" : ",\n");
        out.add(pad + "    " + json(*item).dump(-1, ' ', false, json::error_handler_t::replace));
        first = false;
    }
    out.add(first ? "]" : "\n" + pad + "  ]");
    out.add("\n" + pad + "}");
}

}  // namespace sockit::cli
