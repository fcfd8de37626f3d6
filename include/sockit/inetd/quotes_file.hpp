// SPDX-License-Identifier: MIT
// quotes_file: the file side of qotd (RFC 865) — reading a fortune-format quotes file for
// services::qotd_service.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/services/qotd_service.hpp"

namespace sockit::inetd {

/// Reads and parses a quotes file (at most 1 MiB) with services::parse_quotes. Errors: those of
/// parse_quotes; the errno of opening or reading (ENOENT, EACCES, EISDIR, ...); too_large for a bigger
/// file. Blocks on disk I/O; thread-safe.
[[nodiscard]] result<std::vector<std::string>, services::quotes_error> load_quotes(
    const std::filesystem::path& path);

}  // namespace sockit::inetd
