// SPDX-License-Identifier: MIT
// verbatim_args: arguments reach the command as typed, "[...]" too (CLI11 2.x would read it as a list).
#pragma once

#include <CLI/CLI.hpp>
#include <span>
#include <string>
#include <vector>

namespace sockit::cli {

/// CLI11 reads an argument written "[a,b]" as the two values a and b of an option that takes several (and
/// "[x]" as x), so `sockit addr '[::1]'` would see "::1" and accept it. A verbatim_args is a copy of the
/// arguments in which each such argument carries a one-byte escape that CLI11 leaves alone; keep_verbatim()
/// makes the options of an app drop it again before a value is used, so every value reaches the command
/// exactly as it was typed (and an address in brackets is refused like any other malformed one).
class verbatim_args {
public:
    /// Copies args (args[0] is the command's name), escaping each later argument CLI11 would split.
    explicit verbatim_args(std::span<char*> args);
    verbatim_args(const verbatim_args&) = delete;
    verbatim_args& operator=(const verbatim_args&) = delete;

    /// The escaped arguments, for parse(); valid while this object lives.
    [[nodiscard]] std::span<char*> args() noexcept { return pointers_; }

    /// Makes every option of `app` that takes values undo the escape (call after adding the options:
    /// a check added before would see the escaped value).
    static void keep_verbatim(CLI::App& app);

private:
    std::vector<std::string> text_;
    std::vector<char*> pointers_;
};

}  // namespace sockit::cli
