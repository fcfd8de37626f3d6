// SPDX-License-Identifier: MIT
// Byte order: sockit's own htons/ntohs family and unaligned big-endian loads and stores (network order).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace sockit {

/// Reverses the bytes of an unsigned integer (std::byteswap arrives only in C++23).
constexpr std::uint8_t byteswap(std::uint8_t v) noexcept { return v; }
constexpr std::uint16_t byteswap(std::uint16_t v) noexcept { return __builtin_bswap16(v); }
constexpr std::uint32_t byteswap(std::uint32_t v) noexcept { return __builtin_bswap32(v); }
constexpr std::uint64_t byteswap(std::uint64_t v) noexcept { return __builtin_bswap64(v); }

/// Host to network order and back (the htons/htonl family, for 16, 32 and 64 bits).
template <class U>
constexpr U host_to_net(U v) noexcept {
    if constexpr (std::endian::native == std::endian::big) {
        return v;
    } else {
        return byteswap(v);
    }
}
template <class U>
constexpr U net_to_host(U v) noexcept {
    return host_to_net(v);
}
constexpr std::uint16_t hton16(std::uint16_t v) noexcept { return host_to_net(v); }
constexpr std::uint32_t hton32(std::uint32_t v) noexcept { return host_to_net(v); }
constexpr std::uint64_t hton64(std::uint64_t v) noexcept { return host_to_net(v); }
constexpr std::uint16_t ntoh16(std::uint16_t v) noexcept { return net_to_host(v); }
constexpr std::uint32_t ntoh32(std::uint32_t v) noexcept { return net_to_host(v); }
constexpr std::uint64_t ntoh64(std::uint64_t v) noexcept { return net_to_host(v); }

/// Reads a big-endian integer from p (any alignment). Precondition: p points at sizeof(U) bytes.
template <class U>
inline U load_be(const std::uint8_t* p) noexcept {
    U v;
    std::memcpy(&v, p, sizeof v);
    return net_to_host(v);
}
inline std::uint16_t load_be16(const std::uint8_t* p) noexcept { return load_be<std::uint16_t>(p); }
inline std::uint32_t load_be32(const std::uint8_t* p) noexcept { return load_be<std::uint32_t>(p); }
inline std::uint64_t load_be64(const std::uint8_t* p) noexcept { return load_be<std::uint64_t>(p); }

/// Writes v big-endian at p (any alignment). Precondition: p points at sizeof(U) writable bytes.
template <class U>
inline void store_be(std::uint8_t* p, U v) noexcept {
    v = host_to_net(v);
    std::memcpy(p, &v, sizeof v);
}
inline void store_be16(std::uint8_t* p, std::uint16_t v) noexcept { store_be(p, v); }
inline void store_be32(std::uint8_t* p, std::uint32_t v) noexcept { store_be(p, v); }
inline void store_be64(std::uint8_t* p, std::uint64_t v) noexcept { store_be(p, v); }

}  // namespace sockit
