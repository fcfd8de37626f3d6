// SPDX-License-Identifier: MIT
// read_directory: the entries of an open directory, for the listing a file server renders
// (http/directory_listing).
#pragma once

#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/http/directory_listing.hpp"

namespace sockit::http_server {

/// The entries of the open directory `dirfd` (which is not consumed), without "." and "..", sorted by
/// name (byte order), each stat'ed without following symlinks. Errors: dup/fdopendir/readdir's (EMFILE,
/// EACCES). Blocks on the file system only.
[[nodiscard]] result<std::vector<http::directory_entry>> read_directory(int dirfd);

}  // namespace sockit::http_server
