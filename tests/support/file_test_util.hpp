// SPDX-License-Identifier: MIT
// File helpers shared by the C++ tests: a whole file's bytes as a string.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace sockit::test {

/// The whole content of the file at p, bytes unchanged; empty when it cannot be opened.
inline std::string read_whole_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace sockit::test
