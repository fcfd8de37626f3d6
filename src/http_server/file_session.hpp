// SPDX-License-Identifier: MIT
// file_session: one connection of the static file server — parse, answer in order, discard bodies, bound the
// head's time (RFC 9110, 9112).
#pragma once

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sockit/http/request_parser.hpp"
#include "sockit/http_server/file_server.hpp"
#include "sockit/serve/stream_handler.hpp"

namespace sockit::http_server::detail {

/// The stream_handler of one file-server connection. Requests are parsed from the input buffer one after
/// another (pipelining); each answer is queued before the next request is parsed, so answers go out in
/// order. A request body is read and discarded after the answer is queued. Parsing pauses while the
/// output is full (want_writable resumes it once the output drained).
class file_session final : public serve::stream_handler {
public:
    explicit file_session(std::shared_ptr<const file_server> server);

    void on_connect(serve::stream_context& ctx) override;
    void on_data(serve::stream_context& ctx, bytes_view data) override;
    void on_writable(serve::stream_context& ctx) override;
    void on_close(serve::stream_context& ctx) override;

private:
    enum class phase : std::uint8_t { head, body, done };

    /// The facts of one answer, for the head and the access log.
    struct answer {
        int status = 200;
        std::uint64_t body_bytes = 0;
    };

    void process(serve::stream_context& ctx);
    void respond(serve::stream_context& ctx, const http::request_head& head);
    void refuse(serve::stream_context& ctx, std::error_code parse_error);
    answer serve_path(serve::stream_context& ctx, const http::request_head& head, bool head_only, bool keep);
    answer serve_file(serve::stream_context& ctx, const http::request_head& head, bool head_only, bool keep,
                      std::shared_ptr<const unique_fd> file, const struct stat& st, std::string_view name);
    answer serve_listing(serve::stream_context& ctx, bool head_only, bool keep, int dirfd,
                         std::string_view url_path);
    answer simple(serve::stream_context& ctx, int status, bool head_only, bool keep,
                  std::string_view extra = {});
    /// A response whose whole body is built here: the head (extra field lines included), then the body
    /// unless head_only.
    answer send_text(serve::stream_context& ctx, int status, std::string_view type, std::string_view body,
                     bool head_only, bool keep, std::string_view extra = {});
    void log(const http::request_head* head, const answer& a);
    void arm_deadline(serve::stream_context& ctx);
    void disarm_deadline(serve::stream_context& ctx);

    std::shared_ptr<const file_server> server_;
    const file_server_options& opts_;
    http::request_parser parser_;
    byte_buffer in_;
    std::size_t in_pos_ = 0;
    phase phase_ = phase::head;
    bool eof_ = false;
    bool deadline_armed_ = false;
    const endpoint* peer_ = nullptr;
    // The last regular file served (file_server_options::open_reuse).
    std::string reuse_path_;
    std::shared_ptr<const unique_fd> reuse_fd_;
    std::chrono::steady_clock::time_point reuse_until_{};
};

}  // namespace sockit::http_server::detail
