// SPDX-License-Identifier: MIT
// request_body: a request body named as curl's -d names it: the text itself, @FILE or @- (stdin).
#pragma once

#include <istream>
#include <string>

#include "sockit/core/result.hpp"

namespace sockit::http_client {

/// The body that `arg` names: `arg` itself, unless it starts with '@': then the bytes of the file named
/// by the rest, as they are (no newline stripped), or all of `in` for "@-". Errors: the open error of
/// the file (ENOENT, EACCES, ...; generic category), std::errc::io_error when reading fails. Blocks on
/// the reads; allocates the whole body.
[[nodiscard]] result<std::string> load_request_body(const std::string& arg, std::istream& in);

}  // namespace sockit::http_client
