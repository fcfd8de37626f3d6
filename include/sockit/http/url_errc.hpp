// SPDX-License-Identifier: MIT
// url_errc: why an http URL or a Location reference was refused (RFC 3986, RFC 9110 §4.2).
#pragma once

#include <system_error>

namespace sockit::http {

/// Why url::parse or url::resolve refused its input.
enum class url_errc {
    empty = 1,             ///< nothing to parse
    no_scheme,             ///< not "scheme://..." (and not a reference that resolve() accepts)
    https_unsupported,     ///< https: TLS is not supported (yet)
    unsupported_scheme,    ///< a scheme other than http and https
    userinfo,              ///< "user:password@" in the authority: credentials in URLs are refused
    empty_host,            ///< "http:///path" or "http://:80/"
    bad_host,              ///< a host with a character no DNS name or address literal may hold
    bad_ipv6_literal,      ///< "[...]" that is not an IPv6 address, or an unclosed bracket
    bad_port,              ///< a port that is not 1..65535 in decimal
    bad_character,         ///< a space or control byte in the path or query
    bad_percent_encoding,  ///< '%' not followed by two hex digits
};

/// The category of url_errc; name() is "sockit.url". Thread-safe.
const std::error_category& url_category() noexcept;

/// Makes an error_code of url_category.
inline std::error_code make_error_code(url_errc e) noexcept { return {static_cast<int>(e), url_category()}; }

}  // namespace sockit::http

template <>
struct std::is_error_code_enum<sockit::http::url_errc> : std::true_type {};
