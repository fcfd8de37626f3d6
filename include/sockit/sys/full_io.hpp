// SPDX-License-Identifier: MIT
// full_io: read(2) and write(2) that finish the job: partial transfers continued, EINTR retried.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::sys {

/// Reads until `buffer` is full or end of file: the number of bytes read (less than buffer.size() only at
/// EOF). EINTR is retried. Errors: read(2)'s; EAGAIN on a non-blocking descriptor with nothing to read
/// (bytes read before it are then lost to the caller: use it on blocking descriptors). Blocks as fd does.
result<std::size_t> read_all(int fd, std::span<std::uint8_t> buffer) noexcept;

/// Writes every byte of `data`: partial writes continued, EINTR retried. On error `*written` (when given)
/// holds how many bytes went out before it. Errors: write(2)'s (EPIPE when the reader is gone: the caller
/// decides about SIGPIPE; EAGAIN on a full non-blocking descriptor). Blocks as fd does.
result<void> write_all(int fd, bytes_view data, std::size_t* written = nullptr) noexcept;

}  // namespace sockit::sys
