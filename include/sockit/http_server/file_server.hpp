// SPDX-License-Identifier: MIT
// file_server: a static HTTP/1.1 file server as a serve::stream_handler factory (RFC 9110, RFC 9112).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "sockit/core/result.hpp"
#include "sockit/http/http_limits.hpp"
#include "sockit/http_server/access_record.hpp"
#include "sockit/http_server/document_root.hpp"
#include "sockit/serve/server.hpp"

namespace sockit::http_server {

/// How a file_server answers.
struct file_server_options {
    std::filesystem::path root = ".";  ///< the directory served
    /// Request limits: head size (431), request-line (414), field count (431); max_body bounds the
    /// body of a request that is read and discarded (GET with a body, or a refused method): 413 beyond.
    http::http_limits limits = [] {
        http::http_limits l;
        l.max_head = 16 * 1024;
        l.max_body = 1024 * 1024;
        return l;
    }();
    /// A request head (from its first byte, or from the connection's start) must be complete within this
    /// time, or the connection is closed (slowloris); zero: no bound beyond the engine's idle timeout.
    std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
    bool list_directories = true;        ///< an HTML index for directories without index.html (else 403)
    std::string server_name = "sockit";  ///< the Server field
    /// Files (or ranges) up to this size are read into the response buffer (one send for head and body);
    /// larger ones go out with sendfile(2).
    std::size_t inline_max = 16 * 1024;
    /// A connection reuses the descriptor of the file it served last for the same path during this time
    /// (saving open and close per request on keep-alive connections). Size and modification time are
    /// read afresh (fstat) on every request, so a file changed in place is seen at once; a file replaced
    /// by rename or deleted may still be served from the old descriptor for up to this long. Zero: open
    /// every time.
    std::chrono::milliseconds open_reuse = std::chrono::seconds(1);
    /// Called once per answered request, on the connection's thread (concurrently across connections).
    /// Empty: no log.
    std::function<void(const access_record&)> access_log;
};

/// A static file server: GET and HEAD (405 otherwise), keep-alive and pipelining, Content-Type by
/// extension, Last-Modified / If-Modified-Since / ETag / If-None-Match (304), single byte ranges (206,
/// 416), If-Range, directory index.html or listing, "/dir" → "/dir/" (301). Paths never leave the root:
/// dot segments, encoded slashes and backslashes are refused (403), every open goes through
/// document_root::open_beneath, and only regular files and directories are served.
/// Shared by every connection (thread-safe: const after create()).
class file_server : public std::enable_shared_from_this<file_server> {
public:
    /// Opens the root. Errors: document_root::open's (ENOENT, ENOTDIR, EACCES). Does not block beyond
    /// the open.
    [[nodiscard]] static result<std::shared_ptr<const file_server>> create(file_server_options options);

    /// The engine's factory: one session per connection. Thread-safe.
    [[nodiscard]] serve::stream_factory factory() const;

    /// A new session (the handler of one connection). Throws std::bad_alloc only.
    [[nodiscard]] std::unique_ptr<serve::stream_handler> make_session() const;

    [[nodiscard]] const file_server_options& options() const noexcept { return options_; }
    [[nodiscard]] const document_root& root() const noexcept { return root_; }

private:
    struct token {};

public:
    /// Use create(). (Public for make_shared only.)
    file_server(token, file_server_options options, document_root root) noexcept
        : options_(std::move(options)), root_(std::move(root)) {}

private:
    file_server_options options_;
    document_root root_;
};

}  // namespace sockit::http_server
