// SPDX-License-Identifier: MIT
// chunked_decoder: incremental decoder of the chunked transfer coding (RFC 9112 §7.1), zero-copy.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/body_part.hpp"
#include "sockit/http/http_limits.hpp"

namespace sockit::http {

/// Decodes a chunked body fed in pieces of any size. Framing is strict: chunk-size lines, chunk data and
/// trailer lines end with CRLF (a bare LF is bad_chunk here, unlike in the head), a chunk-size is 1*HEXDIG
/// without sign or prefix, chunk extensions follow the RFC grammar (token[=token/quoted-string]) and are
/// ignored, trailer fields are validated like header fields and discarded (RFC 9110 §6.5).
/// Errors (sticky until reset): bad_chunk, body_too_large (limits.max_body), header_too_large and
/// too_many_headers (trailers), bad_header, space_before_colon, obs_fold, bare_cr. Not thread-safe.
class chunked_decoder {
public:
    /// A decoder enforcing max_body, max_chunk_line, and max_field_line/max_head/max_fields on trailers.
    explicit chunked_decoder(const http_limits& limits = {}) noexcept;

    /// Consumes framing bytes and returns at most one span of chunk data (a view into `in`). Returns
    /// codec_errc::need_more only when `in` is empty or nothing of it could be used; a part with
    /// consumed > 0 and no data is progress. Once done, returns {.., consumed 0, done} forever. Never blocks.
    result<body_part> decode(bytes_view in) noexcept;

    /// True after the last chunk and the trailer section's final CRLF.
    [[nodiscard]] bool done() const noexcept { return state_ == state::done; }
    /// Decoded data bytes so far.
    [[nodiscard]] std::uint64_t decoded() const noexcept { return total_; }
    /// Starts a new body with the same limits.
    void reset() noexcept;

private:
    enum class state : std::uint8_t {
        size_first,
        size,
        size_bws,
        ext_pre_name,
        ext_name,
        ext_after_name,
        ext_pre_value,
        ext_value,
        ext_quoted,
        ext_quoted_escape,
        ext_after_value,
        size_lf,
        data,
        data_cr,
        data_lf,
        trailer_start,
        trailer_name,
        trailer_value,
        trailer_lf,
        final_lf,
        done,
        failed,
    };
    result<body_part> fail_with(std::error_code ec) noexcept;
    std::error_code step(std::uint8_t c) noexcept;

    std::uint64_t max_body_;
    std::size_t max_chunk_line_;
    std::size_t max_field_line_;
    std::size_t max_trailers_bytes_;
    std::size_t max_fields_;
    state state_ = state::size_first;
    std::uint64_t size_ = 0;   // current chunk's size, then what is left of its data
    std::uint64_t total_ = 0;  // decoded bytes
    std::size_t line_ = 0;     // bytes of the current chunk-size or trailer line
    std::size_t trailer_bytes_ = 0;
    std::size_t trailer_fields_ = 0;
    std::error_code error_{};
};

}  // namespace sockit::http
