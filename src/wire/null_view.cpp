// SPDX-License-Identifier: MIT
// null_view: parsing the BSD loopback family word.
#include "sockit/wire/null_view.hpp"

#include <cstring>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/codec_errc.hpp"

namespace sockit::wire {

result<null_view> null_view::parse(bytes_view data, bool big_endian) noexcept {
    if (data.size() < header_size) return fail(codec_errc::truncated);
    std::uint32_t be = load_be32(data.data());
    std::uint32_t le = byteswap(be);
    std::uint32_t family = big_endian ? be : le;
    // Families are small numbers: a value that only fits in the other order was written by a host of
    // the other endianness (libpcap leaves DLT_NULL's header as the writer stored it).
    if (family > 0xffff) family = big_endian ? le : be;
    return null_view(data, family);
}

}  // namespace sockit::wire
