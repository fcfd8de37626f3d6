// SPDX-License-Identifier: MIT
// Scaffolding shared by the per-protocol wire fuzz targets: an exact-size copy of the input and a byte sink.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sockit/core/bytes.hpp"

/// Runs body(bytes, acc, sum) over an exact-size heap copy of the input (a read past its end lands in the
/// sanitizer's redzone). body adds what it reads to acc, directly or through sum(view), so that no read
/// can be optimised away; the return value is libFuzzer's (always 0 in practice).
template <class Body>
int fuzz_view(const std::uint8_t* data, std::size_t size, Body body) {
    std::vector<std::uint8_t> in(data, data + size);
    std::uint64_t acc = 0;
    auto sum = [&acc](sockit::bytes_view v) {
        for (std::uint8_t x : v) acc += x;
    };
    body(sockit::bytes_view(in), acc, sum);
    return acc == 0xdeadbeefcafe ? 1 : 0;
}
