// SPDX-License-Identifier: MIT
// Helpers for the sock loopback tests: endpoints from text, elapsed time, and a blackholed local port
// (a listener whose full accept queue makes the kernel drop new SYNs: a peer that never answers).
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/socket.hpp"

namespace sockit {
/// gtest prints endpoints as text rather than as 136 bytes.
inline void PrintTo(const endpoint& e, std::ostream* os) { *os << e.to_string(); }
}  // namespace sockit

namespace sockit::test {

inline endpoint ep(std::string_view text) {
    auto e = endpoint::parse(text);
    if (!e) throw std::runtime_error("bad endpoint in test: " + std::string(text));
    return *e;
}

inline std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

/// A loopback port that silently drops connection attempts: a listener with backlog 0 whose accept
/// queue is filled by connections nobody accepts; Linux then drops further SYNs (tcp_conn_request).
struct blackhole {
    socket listener;
    std::vector<socket> fillers;
    endpoint address;

    /// Accepts one queued connection, making room for exactly one more handshake.
    void drain() {
        auto a = listener.accept();
        if (a) accepted.push_back(std::move(a->sock));
    }
    std::vector<socket> accepted;
};

inline std::optional<blackhole> make_blackhole(std::string_view where = "127.0.0.1:0") {
    blackhole h;
    auto l = socket::open(ep(where).family(), SOCK_STREAM);
    if (!l || !l->bind(ep(where)) || !l->listen(0)) return std::nullopt;
    h.listener = std::move(*l);
    h.address = *h.listener.local_endpoint();
    for (int i = 0; i < 8; ++i) {  // bounded: backlog 0 admits one or two, then SYNs are dropped
        auto c = socket::open(h.address.family(), SOCK_STREAM);
        if (!c) return std::nullopt;
        auto r = c->connect(h.address, std::chrono::milliseconds(100));
        if (!r) {
            if (r.error() == std::errc::timed_out) return h;
            return std::nullopt;
        }
        h.fillers.push_back(std::move(*c));
    }
    return std::nullopt;
}

}  // namespace sockit::test
