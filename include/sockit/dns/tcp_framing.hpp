// SPDX-License-Identifier: MIT
// tcp_framing: the 2-byte length prefix of DNS over TCP (RFC 1035 §4.2.2, RFC 7766 §8).
#pragma once

#include <cstddef>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"

namespace sockit::dns {

/// One message split off the front of a TCP byte stream.
struct tcp_frame {
    bytes_view message;    ///< the DNS message, without the prefix (a view into the stream bytes)
    std::size_t consumed;  ///< bytes of the stream used: 2 + message.size()
};

/// Splits the first framed message off stream. Errors: codec_errc::need_more when the prefix or the
/// message is not complete yet (read more and call again with all the bytes); codec_errc::bad_length when
/// the prefix announces fewer than 12 bytes (no DNS message is that short). Never allocates.
[[nodiscard]] result<tcp_frame> next_tcp_frame(bytes_view stream) noexcept;

/// Appends the 2-byte length prefix and the message to out. Errors: codec_errc::too_large over 65535 bytes.
result<void> append_tcp_frame(byte_buffer& out, bytes_view message);

}  // namespace sockit::dns
