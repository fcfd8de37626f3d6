// SPDX-License-Identifier: MIT
// Exit codes of the sockit command, after sysexits.h (documented in sockit(1) and README).
#pragma once

#include <system_error>

namespace sockit::cli {

enum exit_code : int {
    ok = 0,
    usage = 64,        ///< EX_USAGE: bad flags or a malformed argument
    data_error = 65,   ///< EX_DATAERR: bad input data (a file, a packet)
    no_host = 68,      ///< EX_NOHOST: a name does not resolve
    unavailable = 69,  ///< EX_UNAVAILABLE: refused, timed out, no answer
    os_error = 71,     ///< EX_OSERR: a system call failed
    io_error = 74,     ///< EX_IOERR: reading or writing a file or stream failed
};

/// The exit code of a failed name lookup (getaddrinfo): 68 when the name or service does not exist, 69
/// when the resolver could not answer now (EAI_AGAIN, EAI_FAIL), 71 for anything else.
int lookup_exit_code(const std::error_code& ec) noexcept;

}  // namespace sockit::cli
