// SPDX-License-Identifier: MIT
// The sockit program: everything it does is in the sockit_cli library (cli/dispatch.cpp and the commands).
#include <cstddef>
#include <span>

#include "dispatch.hpp"

int main(int argc, char** argv) {
    return sockit::cli::dispatch(std::span<char*>(argv, static_cast<std::size_t>(argc)));
}
