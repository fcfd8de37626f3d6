// SPDX-License-Identifier: MIT
// finger_service: RFC 1288 — answers about users from a plan_source, never relaying to other hosts.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "sockit/services/finger_query.hpp"
#include "sockit/services/plan_source.hpp"
#include "sockit/services/service.hpp"

namespace sockit::services {

/// RFC 1288 finger on port 79 (TCP only). The client sends one query line ending in CRLF; the server
/// answers and closes. Users and their plans come from a plan_source (inetd::plan_files reads the files
/// `USER.plan` of a directory the operator names, and optionally the system's accounts). `user@host`
/// forwarding is always refused, as RFC 1288's security section recommends. Hostile
/// input — a byte that is not printable ASCII, a line longer than `max_query_bytes`, a bare LF, a
/// connection closed before CRLF — gets a one-line refusal naming the problem. Plan text is filtered:
/// control characters (but tab) and non-ASCII bytes become '?', line ends become CRLF.
class finger_service final : public service {
public:
    struct options {
        std::shared_ptr<const plan_source> plans;  ///< who finger knows; null: nobody
        bool allow_listing = true;                 ///< answer an empty query with the users that have a plan
        std::size_t max_plan_bytes = 16 * 1024;    ///< longer plans are cut (and say so)
        std::size_t max_query_bytes = 512;         ///< longer query lines are refused
    };

    explicit finger_service(options opts) : opts_(std::move(opts)) {}

    [[nodiscard]] std::string_view name() const noexcept override { return "finger"; }
    [[nodiscard]] std::uint16_t standard_port() const noexcept override { return 79; }
    [[nodiscard]] bool has_datagram() const noexcept override { return false; }
    /// A session that collects the query line, then answers and closes. Throws std::bad_alloc only.
    [[nodiscard]] std::unique_ptr<stream_session> open_stream() const override;
    /// Finger has no UDP service: never answers.
    bool on_datagram(bytes_view request, byte_buffer& reply) const override;

    /// The full answer to a query line (without its CRLF), CRLF-terminated lines. Asks the plan source
    /// (which may block; plans bounded by max_plan_bytes). Thread-safe.
    [[nodiscard]] std::string answer(std::string_view query_line) const;

    [[nodiscard]] const options& config() const noexcept { return opts_; }

private:
    std::string answer_user(const finger_query& q) const;
    std::string list_users() const;

    options opts_;
};

}  // namespace sockit::services
