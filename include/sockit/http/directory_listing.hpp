// SPDX-License-Identifier: MIT
// directory_listing: the HTML index a file server shows for a directory without index.html (names escaped,
// links percent-encoded, RFC 3986 §2.1).
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace sockit::http {

/// One entry of a directory listing.
struct directory_entry {
    std::string name;  ///< the file name as stored (any bytes but '/' and NUL)
    bool is_directory = false;
    std::uint64_t size = 0;  ///< regular files: bytes
    std::time_t modified = 0;
};

/// Percent-encodes every byte of `s` outside RFC 3986's unreserved set (ALPHA DIGIT - . _ ~), except '/'
/// when `keep_slash`. Thread-safe; allocates.
[[nodiscard]] std::string percent_encode_path(std::string_view s, bool keep_slash = true);

/// Escapes & < > " ' for HTML text and attribute values. Thread-safe; allocates.
[[nodiscard]] std::string html_escape(std::string_view s);

/// An HTML5 page listing `entries` (in the given order) for the URL path `url_path` (decoded, ending in
/// '/'): a parent link unless at "/", then one row per entry with a relative link, size and date.
/// Thread-safe; allocates.
[[nodiscard]] std::string render_directory_listing(std::string_view url_path,
                                                   const std::vector<directory_entry>& entries);

}  // namespace sockit::http
