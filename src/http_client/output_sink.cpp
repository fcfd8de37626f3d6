// SPDX-License-Identifier: MIT
// output_sink: a fetch's response written whole to a descriptor or to a file created at its first byte.
#include "sockit/http_client/output_sink.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "sockit/sys/sys_error.hpp"

namespace sockit::http_client {
namespace {

// Writes every byte to fd, retrying short writes and EINTR.
result<void> write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(last_error());
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

}  // namespace

result<void> output_sink::open() {
    if (options_.path.empty() || file_.is_open()) return {};
    if (open_error_) return fail(open_error_);
    file_.reset(::open(options_.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
    if (!file_.is_open()) {
        open_error_ = last_error();
        return fail(open_error_);
    }
    return {};
}

result<void> output_sink::close() {
    if (!file_.is_open()) return {};
    if (::close(file_.release()) != 0) return fail(last_error());
    return {};
}

void output_sink::on_response_head(const http::response_info& head, std::string_view raw, head_kind kind) {
    if (kind == head_kind::final) discard_ = options_.fail_on_error && head.status >= 400;
    if (options_.heads && !discard_ && !write_error_) (void)write(raw);
}

result<void> output_sink::on_body(bytes_view data) {
    if (discard_ || !options_.body) return {};
    return write(as_chars(data));
}

result<void> output_sink::write(std::string_view data) {
    if (write_error_) return fail(write_error_);
    if (auto r = open(); !r) {
        write_error_ = r.error();
        return r;
    }
    if (auto r = write_all(file_.is_open() ? file_.get() : options_.fd, data); !r) {
        write_error_ = r.error();
        return r;
    }
    return {};
}

}  // namespace sockit::http_client
