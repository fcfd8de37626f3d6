// SPDX-License-Identifier: MIT
// Exit codes of the sockit command, after sysexits.h (documented in README).
#pragma once

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

}  // namespace sockit::cli
