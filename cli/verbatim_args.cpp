// SPDX-License-Identifier: MIT
// verbatim_args: escapes the arguments CLI11 would read as a "[a,b]" list, and undoes it in the options.
#include "verbatim_args.hpp"

namespace sockit::cli {
namespace {

// Not printable, never typed: an argument starting with it is escaped (and so is one that already does,
// which keeps the escape reversible).
constexpr char escape = '\x01';

bool needs_escape(const std::string& a) {
    return !a.empty() && (a.front() == escape || (a.front() == '[' && a.back() == ']'));
}

}  // namespace

verbatim_args::verbatim_args(std::span<char*> args) {
    text_.reserve(args.size());
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string a = args[i];
        if (i > 0 && needs_escape(a)) a.insert(a.begin(), escape);
        text_.push_back(std::move(a));
    }
    for (auto& t : text_) pointers_.push_back(t.data());
}

void verbatim_args::keep_verbatim(CLI::App& app) {
    for (auto* opt : app.get_options()) {
        if (opt->get_items_expected_max() <= 0) continue;  // a flag: no value to restore
        opt->transform([](std::string value) {
            if (!value.empty() && value.front() == escape) value.erase(0, 1);
            return value;
        });
    }
}

}  // namespace sockit::cli
