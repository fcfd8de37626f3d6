// SPDX-License-Identifier: MIT
// socket_option: typed setsockopt(2)/getsockopt(2) options (socket(7), tcp(7), ipv6(7)): reuse, Nagle,
// delayed ACK, keep-alive timers, linger, dual stack, buffer sizes, broadcast.
#pragma once

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>

namespace sockit {

/// One socket option: its level and name and a typed value. Use through socket::set(opt::no_delay{true})
/// and socket::get<opt::no_delay>(). Value types: bool (int 0/1 in the kernel), int, std::chrono::seconds
/// (int seconds), std::optional<std::chrono::seconds> (struct linger: nullopt = off).
template <int Level, int Name, class T>
struct socket_option {
    using value_type = T;
    static constexpr int level = Level;
    static constexpr int name = Name;
    T value{};
};

/// How each value type travels through setsockopt/getsockopt. Specialised per type below.
template <class T>
struct socket_option_codec;

template <>
struct socket_option_codec<bool> {
    using raw_type = int;
    static constexpr bool encode(bool v, raw_type& raw) noexcept {
        raw = v ? 1 : 0;
        return true;
    }
    static constexpr bool decode(const raw_type& raw) noexcept { return raw != 0; }
};

template <>
struct socket_option_codec<int> {
    using raw_type = int;
    static constexpr bool encode(int v, raw_type& raw) noexcept {
        raw = v;
        return true;
    }
    static constexpr int decode(const raw_type& raw) noexcept { return raw; }
};

template <>
struct socket_option_codec<std::chrono::seconds> {
    using raw_type = int;
    /// False (EINVAL) when the count does not fit an int or is negative.
    static constexpr bool encode(std::chrono::seconds v, raw_type& raw) noexcept {
        if (v.count() < 0 || v.count() > std::numeric_limits<int>::max()) return false;
        raw = static_cast<int>(v.count());
        return true;
    }
    static constexpr std::chrono::seconds decode(const raw_type& raw) noexcept {
        return std::chrono::seconds(raw);
    }
};

template <>
struct socket_option_codec<std::optional<std::chrono::seconds>> {
    using raw_type = ::linger;
    static constexpr bool encode(const std::optional<std::chrono::seconds>& v, raw_type& raw) noexcept {
        raw = {};
        if (!v) return true;
        if (v->count() < 0 || v->count() > std::numeric_limits<int>::max()) return false;
        raw.l_onoff = 1;
        raw.l_linger = static_cast<int>(v->count());
        return true;
    }
    static constexpr std::optional<std::chrono::seconds> decode(const raw_type& raw) noexcept {
        if (raw.l_onoff == 0) return std::nullopt;
        return std::chrono::seconds(raw.l_linger);
    }
};

/// The typed options (names after seed 002 and socket(7)/tcp(7)).
namespace opt {
using reuse_address = socket_option<SOL_SOCKET, SO_REUSEADDR, bool>;  ///< bind despite TIME_WAIT
using reuse_port = socket_option<SOL_SOCKET, SO_REUSEPORT, bool>;     ///< several sockets share a port
using keep_alive = socket_option<SOL_SOCKET, SO_KEEPALIVE, bool>;     ///< send keep-alive probes
using broadcast = socket_option<SOL_SOCKET, SO_BROADCAST, bool>;      ///< UDP may send to broadcast
/// SO_LINGER: nullopt = off (close returns at once, the kernel finishes in the background); a duration =
/// close blocks up to that long for unsent data; zero seconds = close resets the connection (RST).
using linger = socket_option<SOL_SOCKET, SO_LINGER, std::optional<std::chrono::seconds>>;
/// SO_RCVBUF / SO_SNDBUF in bytes. Linux doubles the value set (for bookkeeping) and get() returns the
/// doubled figure, clamped by net.core.rmem_max / wmem_max and a minimum.
using receive_buffer_size = socket_option<SOL_SOCKET, SO_RCVBUF, int>;
using send_buffer_size = socket_option<SOL_SOCKET, SO_SNDBUF, int>;
using no_delay = socket_option<IPPROTO_TCP, TCP_NODELAY, bool>;  ///< disable Nagle's algorithm
/// TCP_QUICKACK: ACK at once instead of delaying. Not sticky: the kernel may leave quick-ACK mode later.
using quick_ack = socket_option<IPPROTO_TCP, TCP_QUICKACK, bool>;
using keep_alive_idle =
    socket_option<IPPROTO_TCP, TCP_KEEPIDLE, std::chrono::seconds>;  ///< idle before the first probe
using keep_alive_interval =
    socket_option<IPPROTO_TCP, TCP_KEEPINTVL, std::chrono::seconds>;    ///< between probes
using keep_alive_count = socket_option<IPPROTO_TCP, TCP_KEEPCNT, int>;  ///< unanswered probes before reset
/// IPV6_V6ONLY on an AF_INET6 socket: false = also accept IPv4 peers as v4-mapped addresses (dual stack).
using v6_only = socket_option<IPPROTO_IPV6, IPV6_V6ONLY, bool>;
}  // namespace opt

}  // namespace sockit
