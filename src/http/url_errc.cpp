// SPDX-License-Identifier: MIT
// The url_errc error category (RFC 3986, RFC 9110 §4.2).
#include "sockit/http/url_errc.hpp"

#include "sockit/core/enum_category.hpp"

namespace sockit::http {
namespace {

// One message per url_errc value, in declaration order (the first is 1).
constexpr const char* messages[] = {
    "empty URL",                                                             // empty
    "not an absolute URL (expected http://host[:port][/path])",              // no_scheme
    "https:// needs TLS, which sockit does not support (yet); use http://",  // https_unsupported
    "unsupported scheme (only http:// is supported)",                        // unsupported_scheme
    "credentials in the URL (user@host) are not supported",                  // userinfo
    "no host in the URL",                                                    // empty_host
    "invalid character in the host name",                                    // bad_host
    "malformed IPv6 literal (expected [address] or [address]:port)",         // bad_ipv6_literal
    "port is not a number from 1 to 65535",                                  // bad_port
    "space or control character in the URL",                                 // bad_character
    "'%' not followed by two hex digits",                                    // bad_percent_encoding
};

}  // namespace

const std::error_category& url_category() noexcept {
    return enum_category_of<url_errc::bad_percent_encoding>("sockit.url", messages, "unknown URL error");
}

}  // namespace sockit::http
