// SPDX-License-Identifier: MIT
// The url_errc error category (RFC 3986, RFC 9110 §4.2).
#include "sockit/http/url_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::http {
namespace {

const char* describe(url_errc e) noexcept {
    switch (e) {
        case url_errc::empty: return "empty URL";
        case url_errc::no_scheme: return "not an absolute URL (expected http://host[:port][/path])";
        case url_errc::https_unsupported:
            return "https:// needs TLS, which sockit does not support (yet); use http://";
        case url_errc::unsupported_scheme: return "unsupported scheme (only http:// is supported)";
        case url_errc::userinfo: return "credentials in the URL (user@host) are not supported";
        case url_errc::empty_host: return "no host in the URL";
        case url_errc::bad_host: return "invalid character in the host name";
        case url_errc::bad_ipv6_literal:
            return "malformed IPv6 literal (expected [address] or [address]:port)";
        case url_errc::bad_port: return "port is not a number from 1 to 65535";
        case url_errc::bad_character: return "space or control character in the URL";
        case url_errc::bad_percent_encoding: return "'%' not followed by two hex digits";
    }
    return "unknown URL error";
}

}  // namespace

const std::error_category& url_category() noexcept {
    static const enum_category<url_errc> category("sockit.url", describe);
    return category;
}

}  // namespace sockit::http
