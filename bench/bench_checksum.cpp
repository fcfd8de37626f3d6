// SPDX-License-Identifier: MIT
// Benchmark of the RFC 1071 Internet checksum: bytes per second on 64-, 576-, 1500- and 9000-byte packets,
// against the textbook 16-bit loop of RFC 1071 §4.1 for reference.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "sockit/wire/internet_checksum.hpp"

namespace {

std::vector<std::uint8_t> packet(std::size_t n) {
    std::vector<std::uint8_t> d(n);
    std::mt19937 rng(1071);
    for (auto& b : d) b = static_cast<std::uint8_t>(rng());
    return d;
}

void BM_internet_checksum(benchmark::State& state) {
    auto d = packet(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(d.data());
        std::uint16_t c = sockit::wire::internet_checksum::of(d);
        benchmark::DoNotOptimize(c);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_internet_checksum)->Arg(64)->Arg(576)->Arg(1500)->Arg(9000);

void BM_textbook_checksum(benchmark::State& state) {
    auto d = packet(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(d.data());
        std::uint32_t sum = 0;
        for (std::size_t i = 0; i + 1 < d.size(); i += 2)
            sum += static_cast<std::uint32_t>((d[i] << 8) | d[i + 1]);
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        std::uint16_t c = static_cast<std::uint16_t>(~sum);
        benchmark::DoNotOptimize(c);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_textbook_checksum)->Arg(1500);

}  // namespace

BENCHMARK_MAIN();
