// SPDX-License-Identifier: MIT
// target_path: the decoded path of a request-target (RFC 9112 §3.2, RFC 3986 §2.1 percent-encoding).
#pragma once

#include <string>
#include <string_view>

#include "sockit/core/result.hpp"

namespace sockit::http {

/// The path of a request-target, percent-decoded, with what a file server must know to refuse it.
/// The path is not normalized: a file server refuses dot segments and encoded slashes rather than
/// resolving them.
struct target_path {
    std::string path;            ///< decoded, starts with '/'
    std::string_view query;      ///< raw query after '?' (without it; empty if none), a view into the target
    bool encoded_slash = false;  ///< "%2F" was decoded into the path: segment boundaries are not trustworthy
    bool dot_segment = false;    ///< a decoded segment is "." or ".." (including "%2e%2e")

    /// Decodes the path of an origin-form ("/a%20b?q") or absolute-form ("http://host/a") target; a
    /// fragment ('#' onwards) is dropped. Errors: bad_target (asterisk- or authority-form, another scheme,
    /// no leading '/'), bad_percent_encoding ('%' without two hex digits), encoded_nul ("%00").
    /// Allocates the decoded path; thread-safe.
    static result<target_path> parse(std::string_view target);
};

}  // namespace sockit::http
