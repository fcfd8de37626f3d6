// SPDX-License-Identifier: MIT
// time_service (RFC 868): the 1900 epoch offset and the 4-byte answer.
#include "sockit/services/time_service.hpp"

#include "sockit/core/byte_order.hpp"

namespace sockit::services {

std::uint32_t rfc868_time(std::chrono::system_clock::time_point t) noexcept {
    const auto unix_seconds = std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
    // Unsigned arithmetic is modulo 2^32 by definition: correct for every era, before 1970 included.
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(unix_seconds + rfc868_epoch_offset));
}

void time_service::append_answer(byte_buffer& out) const {
    const auto now = clock_ ? clock_() : std::chrono::system_clock::now();
    std::uint8_t bytes[4];
    store_be32(bytes, rfc868_time(now));
    out.insert(out.end(), bytes, bytes + 4);
}

}  // namespace sockit::services
