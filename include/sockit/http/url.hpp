// SPDX-License-Identifier: MIT
// url: an absolute http URL split for a client (RFC 9110 §4.2.1, RFC 3986 §3), and the resolution of a
// Location reference against it (RFC 3986 §5.2, RFC 9110 §10.2.2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::http {

/// An `http://host[:port][/path][?query]` URL. The host is kept as written except that a reg-name is
/// lower-cased (hosts are case-insensitive); an IPv6 literal is stored without its brackets and with a
/// zone ("%25eth0" in the URL) decoded to "fe80::1%eth0". The path and query are kept byte for byte
/// (percent-encoding is never decoded or re-encoded), except that bytes above 0x7F are percent-encoded
/// so that the request-target is ASCII. A fragment is dropped: it never goes to the server.
struct url {
    std::string host;           ///< "example.org", "127.0.0.1", "::1" (no brackets)
    std::uint16_t port = 80;    ///< the explicit port or 80
    std::string target;         ///< the request-target in origin-form: path (at least "/") and "?query"
    bool ipv6_literal = false;  ///< the host was written in brackets

    /// Parses an absolute URL. The scheme is case-insensitive. Errors (url_errc): empty, no_scheme,
    /// https_unsupported, unsupported_scheme, userinfo, empty_host, bad_host, bad_ipv6_literal, bad_port,
    /// bad_character (space or control byte anywhere), bad_percent_encoding. Allocates; thread-safe.
    static result<url> parse(std::string_view text);

    /// Resolves a reference (a Location field value) against this URL: absolute ("http://h/p"),
    /// network-path ("//h/p"), absolute-path ("/p"), relative-path ("../p", "p") or query-only ("?q");
    /// dot segments are removed (RFC 3986 §5.2.4) and a fragment is dropped. Errors: as parse() for the
    /// resolved URL (a Location to https:// gives https_unsupported). Allocates; thread-safe.
    [[nodiscard]] result<url> resolve(std::string_view reference) const;

    /// The Host field value: the host (IPv6 in brackets, a zone dropped since it means nothing to the
    /// server) with ":port" when the port is not 80. Never fails.
    [[nodiscard]] std::string authority() const;

    /// "http://" + the host (an IPv6 zone kept, as %25) with ":port" when not 80 + target. Never fails.
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const url&, const url&) = default;
};

}  // namespace sockit::http
