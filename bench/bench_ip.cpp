// SPDX-License-Identifier: MIT
// Benchmark: ip_address parse and format (IPv4, IPv6; RFC 791, RFC 4291, RFC 5952) against glibc's
// inet_pton/inet_ntop on the same inputs, and parse+classify for the Python comparison (bench/ip.sh).
// Extra flag: --inputs=FILE (one address per line) for the parse_classify case.
#include <arpa/inet.h>
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "sockit/ip/ip_address.hpp"

namespace {

constexpr std::size_t batch = 4096;  // a power of two: the index wraps with a mask

std::string inputs_file;

std::vector<sockit::ip_address> make_addresses(int version) {
    std::mt19937_64 rng(version == 4 ? 791 : 4291);
    std::vector<sockit::ip_address> out;
    for (std::size_t i = 0; i < batch; ++i) {
        if (version == 4) {
            out.push_back(sockit::ip_address::from_v4(static_cast<std::uint32_t>(rng())));
            continue;
        }
        std::uint8_t b[16];
        const auto hi = rng(), lo = rng(), shape = rng();
        std::memcpy(b, &hi, 8);
        std::memcpy(b + 8, &lo, 8);
        // Real IPv6 addresses have runs of zeros: clear a run of 0-5 groups after a 2001:db8-like prefix.
        const auto start = 2 + shape % 3, len = (shape >> 8) % 6;
        for (auto g = start; g < start + len && g < 8; ++g) b[2 * g] = b[2 * g + 1] = 0;
        out.push_back(sockit::ip_address::from_v6_bytes(std::span<const std::uint8_t, 16>(b, 16)));
    }
    return out;
}

std::vector<std::string> make_texts(int version) {
    std::vector<std::string> out;
    for (const auto& a : make_addresses(version)) out.push_back(a.to_string());
    return out;
}

void parse_sockit(benchmark::State& state, int version) {
    const auto texts = make_texts(version);
    std::size_t i = 0;
    for (auto _ : state) {
        auto r = sockit::ip_address::parse(texts[i++ & (batch - 1)]);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void parse_glibc(benchmark::State& state, int version) {
    const auto texts = make_texts(version);
    const int af = version == 4 ? AF_INET : AF_INET6;
    std::size_t i = 0;
    unsigned char out[16];
    for (auto _ : state) {
        int r = inet_pton(af, texts[i++ & (batch - 1)].c_str(), out);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void format_sockit(benchmark::State& state, int version) {
    const auto addrs = make_addresses(version);
    std::size_t i = 0;
    char buf[sockit::ip_address::max_string_length + 8];
    for (auto _ : state) {
        char* end = addrs[i++ & (batch - 1)].format_to(buf);
        *end = '\0';  // a C string, as inet_ntop makes
        benchmark::DoNotOptimize(buf);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void format_glibc(benchmark::State& state, int version) {
    const auto addrs = make_addresses(version);
    const int af = version == 4 ? AF_INET : AF_INET6;
    std::vector<std::array<unsigned char, 16>> raw(batch);
    for (std::size_t k = 0; k < batch; ++k)
        std::memcpy(raw[k].data(), addrs[k].bytes().data(), addrs[k].bytes().size());
    std::size_t i = 0;
    char buf[INET6_ADDRSTRLEN];
    for (auto _ : state) {
        const char* r = inet_ntop(af, raw[i++ & (batch - 1)].data(), buf, sizeof buf);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(buf);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Parse each input and evaluate every predicate (what bench/ip_python.py times with ipaddress).
void parse_classify(benchmark::State& state) {
    std::vector<std::string> texts;
    if (!inputs_file.empty()) {
        std::ifstream in(inputs_file);
        for (std::string line; std::getline(in, line);) texts.push_back(line);
    }
    if (texts.empty()) {
        texts = make_texts(4);
        const auto v6 = make_texts(6);
        texts.insert(texts.end(), v6.begin(), v6.end());
    }
    for (auto _ : state) {
        unsigned n = 0;
        for (const auto& t : texts) {
            auto r = sockit::ip_address::parse(t);
            if (!r) continue;
            const auto& a = *r;
            const bool classes[] = {a.is_private(),   a.is_global(),   a.is_loopback(),    a.is_link_local(),
                                    a.is_multicast(), a.is_reserved(), a.is_unspecified(), a.is_site_local()};
            for (bool c : classes) n += c ? 1u : 0u;
        }
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(texts.size()));
    state.counters["inputs"] = static_cast<double>(texts.size());
}

BENCHMARK_CAPTURE(parse_sockit, v4, 4);
BENCHMARK_CAPTURE(parse_glibc, v4, 4);
BENCHMARK_CAPTURE(parse_sockit, v6, 6);
BENCHMARK_CAPTURE(parse_glibc, v6, 6);
BENCHMARK_CAPTURE(format_sockit, v4, 4);
BENCHMARK_CAPTURE(format_glibc, v4, 4);
BENCHMARK_CAPTURE(format_sockit, v6, 6);
BENCHMARK_CAPTURE(format_glibc, v6, 6);
BENCHMARK(parse_classify)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        const std::string_view a(argv[i]);
        if (a.rfind("--inputs=", 0) == 0) {
            inputs_file = std::string(a.substr(9));
        } else {
            args.push_back(argv[i]);
        }
    }
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
