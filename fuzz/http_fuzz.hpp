// SPDX-License-Identifier: MIT
// Scaffolding shared by the HTTP parser fuzz targets (RFC 9112): limits small enough that the fuzzer reaches
// every limit error quickly, the split-parse property and the pieces of the round trips.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "http_transcript.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_limits.hpp"
#include "sockit/http/message_writer.hpp"

namespace sockit::fuzz {

/// Limits of a few dozen bytes: line, head, field count, body and chunk-line limits all within reach.
inline http::http_limits small_limits() {
    http::http_limits l;
    l.max_start_line = 64;
    l.max_field_line = 64;
    l.max_head = 256;
    l.max_fields = 4;
    l.max_body = 64;
    l.max_chunk_line = 16;
    return l;
}

/// `limits` with room for what the writer makes longer than the input ("a:b" becomes "a: b", LF becomes
/// CRLF, an empty reason is filled in): line and head limits raised, body and field-count limits kept.
inline http::http_limits relaxed(http::http_limits limits) {
    limits.max_start_line = limits.max_field_line = limits.max_head = std::size_t{1} << 20;
    return limits;
}

/// Checks that `parse(plan)` gives the same transcript fed whole, byte by byte (inputs up to 2 KiB) and in
/// random pieces (seeded from the input's size and first bytes, so a crash reproduces).
template <class Parse>
void check_splits_agree(const std::uint8_t* data, std::size_t size, Parse&& parse) {
    const std::string whole = parse(split_plan{});
    if (size <= 2048) check(parse(byte_by_byte()) == whole);
    std::uint32_t seed = static_cast<std::uint32_t>(size);
    for (std::size_t i = 0; i < size && i < 8; ++i) seed = seed * 31 + data[i];
    check(parse(random_splits(seed, 32, 64)) == whole);
}

/// Writes what follows a parsed message's start line: its fields, the empty line and `body` (chunked when
/// the message was). What the parser accepted, the writer must accept: both use the same grammar.
inline void write_fields_and_body(http::message_writer& w, const http::header_list& headers,
                                  http::body_kind kind, std::string_view body) {
    for (const http::header_field& f : headers) check(w.header(f.name, f.value).has_value());
    w.end_head();
    if (kind == http::body_kind::chunked) {
        w.chunk(as_bytes(body));
        w.last_chunk();
    } else {
        w.body(as_bytes(body));
    }
}

}  // namespace sockit::fuzz
