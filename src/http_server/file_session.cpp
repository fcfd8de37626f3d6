// SPDX-License-Identifier: MIT
// file_session: one connection of the static file server (RFC 9110 §9.3.1-2, §13 conditionals, §14 ranges;
// RFC 9112 §9 persistence).
#include "file_session.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <iterator>
#include <system_error>

#include "sockit/core/codec_errc.hpp"
#include "sockit/http/byte_range.hpp"
#include "sockit/http/directory_listing.hpp"
#include "sockit/http/http_date.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/mime_types.hpp"
#include "sockit/http/preconditions.hpp"
#include "sockit/http/status_code.hpp"
#include "sockit/http/target_path.hpp"
#include "sockit/http_server/read_directory.hpp"

namespace sockit::http_server::detail {

using http::byte_range;
using http::format_http_date;
using http::http_date_size;
using http::http_version;
using http::if_range_holds;
using http::mime_type_for;
using http::none_match_hits;
using http::parse_http_date;
using http::percent_encode_path;
using http::reason_phrase;
using http::render_directory_listing;
using http::request_head;
using http::status_for_error;
using http::target_path;

namespace {

// The Date field, formatted once per second per thread.
std::string_view current_date() noexcept {
    thread_local std::time_t cached = -1;
    thread_local char text[http_date_size];
    const std::time_t now = std::time(nullptr);
    if (now != cached) {
        format_http_date(now, text);
        cached = now;
    }
    return {text, http_date_size};
}

// A response head under construction. Every value written here is produced by this file (numbers,
// dates, registered types, percent-encoded paths), never copied from the request unchecked.
class head_builder {
public:
    head_builder(int status, std::string_view server, bool keep, http_version v) {
        fmt::format_to(std::back_inserter(b_), "HTTP/1.1 {} {}\r\nDate: {}\r\nServer: {}\r\n", status,
                       reason_phrase(status), current_date(), server);
        if (!keep)
            field("Connection", "close");
        else if (!v.at_least_1_1())
            field("Connection", "keep-alive");
    }
    void field(std::string_view name, std::string_view value) {
        fmt::format_to(std::back_inserter(b_), "{}: {}\r\n", name, value);
    }
    void length(std::uint64_t n) { fmt::format_to(std::back_inserter(b_), "Content-Length: {}\r\n", n); }
    void raw(std::string_view lines) { b_.append(lines); }
    bytes_view finish() {
        b_.append(std::string_view("\r\n"));
        return as_bytes(std::string_view(b_.data(), b_.size()));
    }

private:
    fmt::memory_buffer b_;
};

int status_for_open_error(const std::error_code& ec) noexcept {
    switch (ec.value()) {
        case ENOENT:
        case ENOTDIR:
        case ENAMETOOLONG:
        case EINVAL: return 404;
        case EXDEV:  // would leave the root
        case ELOOP:
        case EACCES:
        case EPERM: return 403;
        case EMFILE:
        case ENFILE:
        case ENOMEM: return 503;
        default: return 500;
    }
}

// Reads exactly out.size() bytes from `offset`, or fewer when the file ends first.
std::size_t read_at(int fd, std::span<std::uint8_t> out, std::uint64_t offset) noexcept {
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::pread(fd, out.data() + got, out.size() - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    return got;
}

constexpr std::size_t sniff_size = 512;

}  // namespace

file_session::file_session(std::shared_ptr<const file_server> server)
    : server_(std::move(server)), opts_(server_->options()), parser_(opts_.limits) {}

void file_session::on_connect(serve::stream_context& ctx) {
    peer_ = &ctx.peer();
    // A connection that says nothing is bounded like one that trickles a head.
    arm_deadline(ctx);
}

void file_session::on_data(serve::stream_context& ctx, bytes_view data) {
    if (phase_ == phase::done) return;  // closing: the rest of the input is not ours to answer
    in_.insert(in_.end(), data.begin(), data.end());
    process(ctx);
}

void file_session::on_writable(serve::stream_context& ctx) { process(ctx); }

void file_session::on_close(serve::stream_context& ctx) {
    eof_ = true;
    process(ctx);
}

void file_session::arm_deadline(serve::stream_context& ctx) {
    if (deadline_armed_ || opts_.header_timeout.count() <= 0) return;
    ctx.set_deadline(opts_.header_timeout);
    deadline_armed_ = true;
}

void file_session::disarm_deadline(serve::stream_context& ctx) {
    if (!deadline_armed_) return;
    ctx.clear_deadline();
    deadline_armed_ = false;
}

void file_session::process(serve::stream_context& ctx) {
    ctx.want_writable(false);
    bool paused = false;
    while (phase_ != phase::done) {
        const bytes_view avail(in_.data() + in_pos_, in_.size() - in_pos_);
        if (phase_ == phase::head) {
            if (avail.empty()) break;
            if (ctx.room() == 0) {
                // Answers wait to be sent: parse the next request once the output drained.
                ctx.want_writable(true);
                paused = true;
                break;
            }
            arm_deadline(ctx);  // bytes of a request are here: its head must complete in time
            auto n = parser_.parse_head(avail);
            if (!n) {
                if (n.error() == codec_errc::need_more) break;
                refuse(ctx, n.error());
                break;
            }
            respond(ctx, parser_.head());
            in_pos_ += *n;
            if (phase_ != phase::done) phase_ = phase::body;
            continue;
        }
        // phase::body: discard what the request carries, then the next request may start.
        if (parser_.message_complete()) {
            phase_ = phase::head;
            disarm_deadline(ctx);
            continue;
        }
        if (avail.empty()) break;
        auto part = parser_.read_body(avail);
        if (!part) {
            if (part.error() == codec_errc::need_more) break;
            // The answer is queued; a body we cannot delimit leaves the stream unusable.
            phase_ = phase::done;
            ctx.close();
            break;
        }
        in_pos_ += part->consumed;
    }
    if (in_pos_ == in_.size()) {
        in_.clear();
        in_pos_ = 0;
        if (in_.capacity() > 64 * 1024) byte_buffer().swap(in_);
    } else if (in_pos_ > 0) {
        in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(in_pos_));
        in_pos_ = 0;
    }
    // The peer closed its side: answer what is complete, then end (an incomplete request is dropped).
    if (eof_ && phase_ != phase::done && !paused) {
        phase_ = phase::done;
        ctx.close();
    }
}

void file_session::refuse(serve::stream_context& ctx, std::error_code parse_error) {
    const answer a = simple(ctx, status_for_error(parse_error), false, false);
    log(nullptr, a);
    phase_ = phase::done;
    ctx.close();
}

void file_session::respond(serve::stream_context& ctx, const request_head& head) {
    const bool keep = head.keep_alive();
    const bool is_get = head.method == "GET";
    const bool is_head = head.method == "HEAD";
    answer a;
    if (!is_get && !is_head)
        a = simple(ctx, 405, false, keep, "Allow: GET, HEAD\r\n");
    else
        a = serve_path(ctx, head, is_head, keep);
    log(&head, a);
    if (!keep || a.status == 0) {
        phase_ = phase::done;
        ctx.close();
    }
}

file_session::answer file_session::simple(serve::stream_context& ctx, int status, bool head_only, bool keep,
                                          std::string_view extra) {
    const std::string body = fmt::format("{} {}\n", status, reason_phrase(status));
    return send_text(ctx, status, "text/plain; charset=utf-8", body, head_only, keep, extra);
}

file_session::answer file_session::send_text(serve::stream_context& ctx, int status, std::string_view type,
                                             std::string_view body, bool head_only, bool keep,
                                             std::string_view extra) {
    head_builder h(status, opts_.server_name, keep, parser_.head().version);
    h.field("Content-Type", type);
    h.length(body.size());
    h.raw(extra);
    ctx.write(h.finish());
    if (head_only) return {status, 0};
    ctx.write(as_bytes(body));
    return {status, body.size()};
}

file_session::answer file_session::serve_path(serve::stream_context& ctx, const request_head& head,
                                              bool head_only, bool keep) {
    auto target = target_path::parse(head.target);
    if (!target) return simple(ctx, 400, head_only, keep);
    const std::string& path = target->path;
    // Refused rather than resolved: a client has no business climbing out of a directory, and an encoded
    // slash or a backslash would make segment boundaries mean something else to someone else.
    if (target->dot_segment || target->encoded_slash || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos)
        return simple(ctx, 403, head_only, keep);
    const std::string_view rel = std::string_view(path).substr(1);
    if (reuse_fd_) {
        if (rel == reuse_path_ && std::chrono::steady_clock::now() < reuse_until_) {
            struct stat st {};
            if (::fstat(reuse_fd_->get(), &st) == 0 && S_ISREG(st.st_mode)) {
                const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
                return serve_file(ctx, head, head_only, keep, reuse_fd_, st, name);
            }
        }
        reuse_fd_.reset();
    }
    auto opened = server_->root().open_beneath(rel);
    if (!opened) return simple(ctx, status_for_open_error(opened.error()), head_only, keep);
    struct stat st {};
    if (::fstat(opened->get(), &st) != 0) return simple(ctx, 500, head_only, keep);

    if (S_ISDIR(st.st_mode)) {
        if (path.back() != '/') {
            std::string location = percent_encode_path(path) + "/";
            if (!target->query.empty()) location += "?" + std::string(target->query);
            return simple(ctx, 301, head_only, keep, fmt::format("Location: {}\r\n", location));
        }
        auto index = server_->root().open_beneath(std::string(rel) + "index.html");
        if (index) {
            struct stat ist {};
            if (::fstat(index->get(), &ist) == 0 && S_ISREG(ist.st_mode))
                return serve_file(ctx, head, head_only, keep,
                                  std::make_shared<const unique_fd>(std::move(*index)), ist, "index.html");
        }
        if (!opts_.list_directories) return simple(ctx, 403, head_only, keep);
        return serve_listing(ctx, head_only, keep, opened->get(), path);
    }
    if (!S_ISREG(st.st_mode)) return simple(ctx, 403, head_only, keep);  // devices, FIFOs, sockets
    if (path.back() == '/') return simple(ctx, 404, head_only, keep);    // "file/" names no directory
    const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
    auto file = std::make_shared<const unique_fd>(std::move(*opened));
    if (opts_.open_reuse.count() > 0) {
        reuse_path_.assign(rel);
        reuse_fd_ = file;
        reuse_until_ = std::chrono::steady_clock::now() + opts_.open_reuse;
    }
    return serve_file(ctx, head, head_only, keep, std::move(file), st, name);
}

file_session::answer file_session::serve_file(serve::stream_context& ctx, const request_head& head,
                                              bool head_only, bool keep,
                                              std::shared_ptr<const unique_fd> file, const struct stat& st,
                                              std::string_view name) {
    const auto size = static_cast<std::uint64_t>(st.st_size);
    const auto mtime_ns = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1'000'000'000u +
                          static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
    char etag_buf[48];
    const auto etag_end = fmt::format_to_n(etag_buf, sizeof etag_buf, "\"{:x}-{:x}\"", mtime_ns, size);
    const std::string_view etag(etag_buf, etag_end.size);
    char modified[http_date_size];
    format_http_date(st.st_mtime, modified);
    const std::string_view last_modified(modified, http_date_size);

    // Conditionals (RFC 9110 §13.2.2): If-None-Match wins over If-Modified-Since.
    bool not_modified = false;
    if (auto inm = head.headers.find("If-None-Match")) {
        not_modified = none_match_hits(*inm, etag);
    } else if (auto ims = head.headers.find("If-Modified-Since")) {
        auto t = parse_http_date(*ims);
        not_modified = t && st.st_mtime <= *t;
    }
    if (not_modified) {
        head_builder h(304, opts_.server_name, keep, head.version);
        h.field("ETag", etag);
        h.field("Last-Modified", last_modified);
        ctx.write(h.finish());
        return {304, 0};
    }

    // Range applies to GET only (RFC 9110 §14.2); If-Range must name this very representation.
    byte_range range;
    if (!head_only) {
        if (auto r = head.headers.find("Range")) {
            bool use = true;
            if (auto ir = head.headers.find("If-Range")) use = if_range_holds(*ir, etag, st.st_mtime);
            if (use) range = byte_range::evaluate(*r, size);
        }
    }
    if (range.result == byte_range::outcome::unsatisfiable) {
        head_builder h(416, opts_.server_name, keep, head.version);
        h.field("Content-Range", fmt::format("bytes */{}", size));
        h.length(0);
        ctx.write(h.finish());
        return {416, 0};
    }
    const bool partial = range.result == byte_range::outcome::partial;
    const std::uint64_t first = partial ? range.first : 0;
    const std::uint64_t length = partial ? range.size() : size;
    const int status = partial ? 206 : 200;

    auto make_head = [&](std::string_view type) {
        head_builder h(status, opts_.server_name, keep, head.version);
        h.field("Content-Type", type);
        h.length(length);
        h.field("Last-Modified", last_modified);
        h.field("ETag", etag);
        h.field("Accept-Ranges", "bytes");
        if (partial) h.field("Content-Range", fmt::format("bytes {}-{}/{}", first, first + length - 1, size));
        return h;
    };
    std::string_view type = mime_type_for(name);
    const bool sniff = type == "application/octet-stream" && size > 0;

    if (!head_only && length <= opts_.inline_max) {
        // Small: head and body leave in one send. Read first, so that a file that shrank since fstat
        // ends the connection instead of sending a short body under a longer Content-Length.
        thread_local byte_buffer data;
        data.resize(static_cast<std::size_t>(length));
        if (read_at(file->get(), data, first) != length) return {0, 0};
        if (sniff)
            type =
                mime_type_for(name, bytes_view(data).first(std::min<std::size_t>(data.size(), sniff_size)));
        auto h = make_head(type);
        const bytes_view hb = h.finish();
        auto out = ctx.prepare(hb.size() + data.size());
        std::memcpy(out.data(), hb.data(), hb.size());
        if (!data.empty()) std::memcpy(out.data() + hb.size(), data.data(), data.size());
        ctx.commit(hb.size() + data.size());
        return {status, length};
    }
    if (sniff) {
        std::uint8_t sample[sniff_size];
        const std::size_t got = read_at(file->get(), std::span<std::uint8_t>(sample), 0);
        type = mime_type_for(name, bytes_view(sample, got));
    }
    auto h = make_head(type);
    ctx.write(h.finish());
    if (head_only) return {status, 0};
    ctx.send_file(std::move(file), first, length);
    return {status, length};
}

file_session::answer file_session::serve_listing(serve::stream_context& ctx, bool head_only, bool keep,
                                                 int dirfd, std::string_view url_path) {
    auto entries = read_directory(dirfd);
    if (!entries) return simple(ctx, status_for_open_error(entries.error()), head_only, keep);
    const std::string body = render_directory_listing(url_path, *entries);
    return send_text(ctx, 200, "text/html; charset=utf-8", body, head_only, keep);
}

void file_session::log(const request_head* head, const answer& a) {
    if (!opts_.access_log) return;
    access_record r;
    if (peer_ != nullptr) r.peer = *peer_;
    r.time = std::chrono::system_clock::now();
    r.status = a.status == 0 ? 500 : a.status;
    r.body_bytes = a.body_bytes;
    if (head != nullptr) {
        r.method = head->method;
        r.target = head->target;
        r.version = head->version;
        r.referer = head->headers.find("Referer").value_or(std::string_view{});
        r.user_agent = head->headers.find("User-Agent").value_or(std::string_view{});
    }
    opts_.access_log(r);
}

}  // namespace sockit::http_server::detail
