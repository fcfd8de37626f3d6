// SPDX-License-Identifier: MIT
// Scaffolding shared by the HTTP parser fuzz targets (RFC 9112): limits small enough that the fuzzer reaches
// every limit error quickly.
#pragma once

#include "fuzz_check.hpp"
#include "sockit/http/http_limits.hpp"

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

}  // namespace sockit::fuzz
