// SPDX-License-Identifier: MIT
// Benchmark of the HTTP/1.1 codec (RFC 9112): requests/s for a typical browser GET, a pipelined batch,
// a POST with a chunked body, and a response; items_per_second is messages per second.
#include <benchmark/benchmark.h>

#include <string>

#include "sockit/core/bytes.hpp"
#include "sockit/http/request_parser.hpp"
#include "sockit/http/response_parser.hpp"

namespace {

using namespace sockit;
using namespace sockit::http;

// What a desktop browser sends for a page (about 500 bytes, 9 fields).
const std::string browser_get =
    "GET /docs/index.html?lang=en HTTP/1.1\r\n"
    "Host: localhost:10080\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Connection: keep-alive\r\n"
    "Upgrade-Insecure-Requests: 1\r\n"
    "If-Modified-Since: Mon, 23 Nov 2026 10:00:00 GMT\r\n"
    "Cache-Control: max-age=0\r\n"
    "\r\n";

// Parses every request in buf; returns how many.
std::size_t parse_all(request_parser& p, bytes_view buf) {
    std::size_t count = 0;
    while (!buf.empty()) {
        auto n = p.parse_head(buf);
        if (!n) break;
        buf = buf.subspan(*n);
        while (!p.message_complete()) {
            auto part = p.read_body(buf);
            if (!part) return count;
            benchmark::DoNotOptimize(part->data.data());
            buf = buf.subspan(part->consumed);
        }
        benchmark::DoNotOptimize(p.head().headers.find("host"));
        ++count;
    }
    return count;
}

void bm_browser_get(benchmark::State& state) {
    request_parser p;
    const bytes_view buf = as_bytes(browser_get);
    for (auto _ : state) {
        auto n = p.parse_head(buf);
        benchmark::DoNotOptimize(n);
        benchmark::DoNotOptimize(p.head().method.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(browser_get.size()));
}
BENCHMARK(bm_browser_get);

void bm_pipelined_batch(benchmark::State& state) {
    // 64 requests back to back, as a keep-alive client (or wrk with pipelining) would send them.
    std::string batch;
    for (int i = 0; i < 16; ++i) {
        batch += browser_get;
        batch +=
            "GET /img/" + std::to_string(i) + ".png HTTP/1.1\r\nHost: localhost\r\nAccept: image/*\r\n\r\n";
        batch += "HEAD /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n";
        batch +=
            "POST /api HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
            "13\r\n\r\n"
            "{\"id\": 12345}";
    }
    request_parser p;
    const bytes_view buf = as_bytes(batch);
    std::size_t per_batch = parse_all(p, buf);
    if (per_batch != 64) state.SkipWithError("batch did not parse");
    for (auto _ : state) benchmark::DoNotOptimize(parse_all(p, buf));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(per_batch));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(batch.size()));
}
BENCHMARK(bm_pipelined_batch);

void bm_chunked_upload(benchmark::State& state) {
    // A 64 KiB body in 4 KiB chunks.
    std::string req = "POST /upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(4096, 'x');
    for (int i = 0; i < 16; ++i) req += "1000\r\n" + chunk + "\r\n";
    req += "0\r\n\r\n";
    request_parser p;
    const bytes_view buf = as_bytes(req);
    for (auto _ : state) benchmark::DoNotOptimize(parse_all(p, buf));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(req.size()));
}
BENCHMARK(bm_chunked_upload);

void bm_response_head(benchmark::State& state) {
    const std::string resp =
        "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Mon, 23 Nov 2026 11:00:00 GMT\r\n"
        "Content-Type: text/html\r\nContent-Length: 1024\r\nLast-Modified: Mon, 23 Nov 2026 10:00:00 GMT\r\n"
        "Connection: keep-alive\r\nETag: \"6565a0c0-400\"\r\nAccept-Ranges: bytes\r\n\r\n";
    response_parser p;
    const bytes_view buf = as_bytes(resp);
    for (auto _ : state) {
        p.reset();
        auto n = p.parse_head(buf, "GET");
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(bm_response_head);

}  // namespace

BENCHMARK_MAIN();
