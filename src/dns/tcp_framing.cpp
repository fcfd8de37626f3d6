// SPDX-License-Identifier: MIT
// tcp_framing: the 2-byte length prefix of DNS over TCP (RFC 1035 §4.2.2, RFC 7766 §8).
#include "sockit/dns/tcp_framing.hpp"

#include "sockit/core/byte_order.hpp"
#include "sockit/core/byte_writer.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/dns_header.hpp"

namespace sockit::dns {

result<tcp_frame> next_tcp_frame(bytes_view stream) noexcept {
    if (stream.size() < 2) return fail(codec_errc::need_more);
    const std::size_t len = load_be16(stream.data());
    if (len < dns_header::size) return fail(codec_errc::bad_length);
    if (stream.size() - 2 < len) return fail(codec_errc::need_more);
    return tcp_frame{stream.subspan(2, len), 2 + len};
}

result<void> append_tcp_frame(byte_buffer& out, bytes_view message) {
    if (message.size() > 65535) return fail(codec_errc::too_large);
    byte_writer w(out);
    w.be16(static_cast<std::uint16_t>(message.size()));
    w.bytes(message);
    return {};
}

}  // namespace sockit::dns
