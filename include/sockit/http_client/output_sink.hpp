// SPDX-License-Identifier: MIT
// output_sink: a response_sink that writes the response (heads and body) to a descriptor or to a file it
// creates at the first byte, as `curl -o FILE`, `-i` and `--fail` do (RFC 9110 §15: a status >= 400 fails).
#pragma once

#include <string>
#include <string_view>
#include <system_error>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/http/response_info.hpp"
#include "sockit/http_client/response_sink.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit::http_client {

/// Where an output_sink writes, and what.
struct output_options {
    /// A file to create (truncating it, mode 0666 before the umask) when the first byte for it arrives, so a
    /// fetch that fails before does not clobber an existing file. Empty: write to `fd`.
    std::string path;
    int fd = 1;          ///< the descriptor written when `path` is empty (not owned; stdout by default)
    bool heads = false;  ///< write every response head as received (interim, redirect, final) before the body
    bool body = true;    ///< write the final body (false: it is read and dropped)
    bool fail_on_error = false;  ///< a final status >= 400: write neither its head nor its body
};

/// Writes what a fetch receives. Writes are whole (short writes and EINTR retried); the first write error is
/// kept and every later write fails with it, which stops the fetch (client_errc::output_failed).
/// Thread affinity: the fetch's thread; blocks on the writes.
class output_sink : public response_sink {
public:
    explicit output_sink(output_options options) : options_(std::move(options)) {}

    /// Creates the file now if it was not yet (no-op when writing to a descriptor). Errors: open(2)'s
    /// (EACCES, ENOENT, EISDIR, ...), also kept in open_error() and returned again by later calls.
    result<void> open();
    /// Closes the file, reporting an error close(2) found (a deferred write error: NFS, quotas). No-op when
    /// no file is open.
    result<void> close();

    /// True when the final response is being dropped (fail_on_error and a status >= 400).
    [[nodiscard]] bool discarding() const noexcept { return discard_; }
    /// The first write error (the open error included), or none.
    [[nodiscard]] std::error_code write_error() const noexcept { return write_error_; }
    /// The error of creating the file, or none.
    [[nodiscard]] std::error_code open_error() const noexcept { return open_error_; }
    [[nodiscard]] const output_options& options() const noexcept { return options_; }

    void on_response_head(const http::response_info& head, std::string_view raw, head_kind kind) override;
    result<void> on_body(bytes_view data) override;

private:
    result<void> write(std::string_view data);

    output_options options_;
    unique_fd file_;
    bool discard_ = false;
    std::error_code write_error_;
    std::error_code open_error_;
};

}  // namespace sockit::http_client
