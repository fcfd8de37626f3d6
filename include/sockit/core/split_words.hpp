// SPDX-License-Identifier: MIT
// split_words: the words of a line, separated by runs of blank characters.
#pragma once

#include <string_view>
#include <vector>

namespace sockit {

/// The words of `text`, separated by runs of any of the characters in `blanks` (leading and trailing runs
/// give no empty word). The views point into `text`. Allocates the vector.
inline std::vector<std::string_view> split_words(std::string_view text, std::string_view blanks = " \t") {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        i = text.find_first_not_of(blanks, i);
        if (i == std::string_view::npos) break;
        std::size_t end = text.find_first_of(blanks, i);
        if (end == std::string_view::npos) end = text.size();
        out.push_back(text.substr(i, end - i));
        i = end;
    }
    return out;
}

}  // namespace sockit
