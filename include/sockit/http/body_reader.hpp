// SPDX-License-Identifier: MIT
// body_reader: reads one message body under any of the framings of RFC 9112 §6.3, incrementally, zero-copy.
#pragma once

#include <cstdint>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/body_framing.hpp"
#include "sockit/http/body_part.hpp"
#include "sockit/http/chunked_decoder.hpp"
#include "sockit/http/http_limits.hpp"

namespace sockit::http {

/// Reads a body framed as none, Content-Length, chunked or until-close. Errors are sticky until start().
/// Not thread-safe; never blocks.
class body_reader {
public:
    /// A reader enforcing limits.max_body (and the chunked limits); starts as done with no body.
    explicit body_reader(const http_limits& limits = {}) noexcept : limits_(limits), chunked_(limits) {}

    /// Begins a body with the given framing (a content_length of 0 and none are done at once).
    void start(body_framing framing) noexcept;

    /// Returns the next data span of the body from `in` (see body_part). codec_errc::need_more when `in`
    /// is empty (or holds only part of nothing usable) and the body is not done; bad_chunk and the
    /// chunked_decoder errors; body_too_large when an until-close body exceeds limits.max_body.
    result<body_part> read(bytes_view in) noexcept;

    /// The peer closed the connection: ends an until-close body; truncated_body for a Content-Length or
    /// chunked body that has not ended; ok when already done.
    result<void> finish() noexcept;

    /// True when the body has ended.
    [[nodiscard]] bool done() const noexcept { return done_; }
    /// Data bytes delivered so far.
    [[nodiscard]] std::uint64_t delivered() const noexcept { return delivered_; }
    /// The framing given to start().
    [[nodiscard]] const body_framing& framing() const noexcept { return framing_; }

private:
    http_limits limits_;
    chunked_decoder chunked_;
    body_framing framing_{};
    std::uint64_t delivered_ = 0;
    bool done_ = true;
};

}  // namespace sockit::http
