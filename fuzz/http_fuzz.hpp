// SPDX-License-Identifier: MIT
// Scaffolding shared by the HTTP parser fuzz targets (RFC 9112): the abort-on-failure check and limits small
// enough that the fuzzer reaches every limit error quickly.
#pragma once

#include <cstdlib>

#include "sockit/http/http_limits.hpp"

namespace sockit::http::fuzz {

/// Aborts (libFuzzer reports a crash) when a property does not hold.
inline void check(bool ok) {
    if (!ok) std::abort();
}

/// Limits of a few dozen bytes: line, head, field count, body and chunk-line limits all within reach.
inline http_limits small_limits() {
    http_limits l;
    l.max_start_line = 64;
    l.max_field_line = 64;
    l.max_head = 256;
    l.max_fields = 4;
    l.max_body = 64;
    l.max_chunk_line = 16;
    return l;
}

}  // namespace sockit::http::fuzz
