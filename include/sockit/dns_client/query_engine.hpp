// SPDX-License-Identifier: MIT
// query_engine: many concurrent DNS exchanges on one event loop, each with its own socket, random ID,
// timeout and retries; UDP with TCP fallback on truncation (RFC 1035 §4.2, RFC 5452 §9, RFC 7766).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

#include "sockit/core/result.hpp"
#include "sockit/dns_client/exchange.hpp"
#include "sockit/event/event_loop.hpp"

namespace sockit::dns_client {

/// Runs exchanges on a caller-owned event_loop. Each exchange opens its own socket bound to an
/// ephemeral port chosen by the kernel (so every query has a fresh, random source port), sends a query
/// with a random ID, and accepts only a response that comes from the server's address and port, carries
/// the same ID with QR set and repeats the question (name compared case-insensitively, type, class).
/// Anything else is counted and dropped while waiting goes on. Over UDP, each try waits `timeout`; a
/// TC=1 answer switches to TCP (two-byte length framing) with the same number of tries.
///
/// Thread affinity: the loop's thread only. Destroying the engine abandons the exchanges in flight
/// without calling their completions.
class query_engine {
public:
    using completion = std::function<void(result<exchange_result>)>;

    explicit query_engine(event_loop& loop) noexcept;
    ~query_engine();
    query_engine(const query_engine&) = delete;
    query_engine& operator=(const query_engine&) = delete;

    /// Starts an exchange; `done` is called once, later, from the loop (never from inside start()).
    /// Errors (done is then never called): getrandom's, socket/bind/connect's (EMFILE, ENFILE,
    /// EAFNOSUPPORT, ENETUNREACH), the event loop's watch errors; codec_errc::too_large for an oversized
    /// query. Precondition: options.tries >= 1, server is an IP endpoint.
    result<void> start(const dns::question& q, const endpoint& server, const exchange_options& options,
                       completion done);

    /// Exchanges started and not yet completed.
    [[nodiscard]] std::size_t active() const noexcept { return active_.size(); }

private:
    struct pending;
    result<void> begin_try(pending& p);
    result<void> begin_udp(pending& p);
    result<void> begin_tcp(pending& p);
    void on_readable(std::uint64_t key);
    void on_writable(std::uint64_t key);
    void on_timeout(std::uint64_t key);
    void try_failed(std::uint64_t key, std::error_code why);
    /// Judges one response candidate of `p` (counting it as ignored or malformed, or accepting it); true
    /// when it was accepted, which finishes the exchange and destroys `p`.
    bool offer(std::uint64_t key, pending& p, bytes_view wire);
    void accept(std::uint64_t key, const dns::message_view& response);
    void finish(std::uint64_t key, result<exchange_result> outcome);
    void close_transport(pending& p) noexcept;
    result<std::uint16_t> next_id();

    event_loop& loop_;
    std::unordered_map<std::uint64_t, std::unique_ptr<pending>> active_;
    std::uint64_t next_key_ = 1;
    std::array<std::uint8_t, 512> random_{};  // a getrandom batch of IDs
    std::size_t random_used_ = sizeof random_;
    byte_buffer rx_;  // one receive buffer for every UDP socket (the loop is single-threaded)
};

}  // namespace sockit::dns_client
