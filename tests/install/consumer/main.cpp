// SPDX-License-Identifier: MIT
// A downstream program that uses the installed library: decodes bytes and prints "ok".
#include <sockit/core/byte_reader.hpp>

#include <array>
#include <cstdio>

int main() {
    const std::array<std::uint8_t, 2> bytes{0x12, 0x34};
    sockit::byte_reader reader(bytes);
    auto v = reader.be16();
    if (!v || *v != 0x1234 || reader.be16()) return 1;
    std::puts("ok");
    return 0;
}
