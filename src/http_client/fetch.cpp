// SPDX-License-Identifier: MIT
// fetch: an HTTP/1.1 client exchange (RFC 9112 §3-§9) with redirects (RFC 9110 §15.4, RFC 3986 §5.2).
#include "sockit/http_client/fetch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "sockit/core/codec_errc.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/message_writer.hpp"
#include "sockit/http/response_parser.hpp"
#include "sockit/http_client/client_errc.hpp"
#include "sockit/sock/gai_errc.hpp"
#include "sockit/sock/happy_eyeballs.hpp"

namespace sockit::http_client {

using http::ascii_iequals;
using http::body_kind;
using http::http_errc;
using http::message_writer;
using http::response_info;
using http::response_parser;
using http::url;

namespace {

using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double ms_since(clock::time_point start) {
    return std::chrono::duration<double, std::milli>(clock::now() - start).count();
}

bool is_redirect(int status) noexcept {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool is_gai(const std::error_code& ec) noexcept { return &ec.category() == &gai_category(); }

// The state shared by the hops of one fetch.
struct context {
    const fetch_options& options;
    response_sink& sink;
    clock::time_point start;
    std::optional<clock::time_point> deadline;
    std::vector<std::uint8_t> buffer;
};

struct hop_outcome {
    response_info response;
    bool redirect = false;
    std::string location;
    std::uint64_t body_bytes = 0;
    endpoint peer;
};

class hop {
public:
    hop(context& ctx, const fetch_request& req) : ctx_(ctx), req_(req) {}

    result<hop_outcome, fetch_failure> run() {
        // The request is built first, so that a field that cannot be sent fails before any connection.
        byte_buffer head;
        if (auto r = build(head); !r) return failure_at(fetch_stage::request, r.error());
        const std::size_t head_size = head.size();
        // A small body goes in the same segment as the head.
        const bool body_apart = req_.body && req_.body->size() > 64 * 1024;
        if (req_.body && !body_apart) head.insert(head.end(), req_.body->begin(), req_.body->end());
        if (auto r = connect(); !r) return fail(r.error());
        ctx_.sink.on_request_head(std::string_view(reinterpret_cast<const char*>(head.data()), head_size));
        std::error_code send_error;
        if (auto r = send_all(head); !r) send_error = r.error();
        if (!send_error && body_apart) {
            if (auto r = send_all(as_bytes(*req_.body)); !r) send_error = r.error();
        }
        if (send_error && is_timeout(send_error)) return failure_at(fetch_stage::send, send_error);
        // A server may answer and close before reading a whole request (a 413, say): read its answer
        // anyway, and report the send error only when there is none.
        auto r = receive();
        if (!r && send_error && r.error().error == client_errc::closed_before_response) {
            return failure_at(fetch_stage::send, send_error);
        }
        return r;
    }

    /// When the connection was made and the first response byte came, in ms since the fetch began.
    [[nodiscard]] double connected_ms() const noexcept { return connected_ms_; }
    [[nodiscard]] double first_byte_ms() const noexcept { return first_byte_ms_; }

private:
    sockit::failure<fetch_failure> failure_at(fetch_stage stage, std::error_code ec,
                                              std::string detail = {}) const {
        return fail(fetch_failure{stage, ec, req_.url.to_string(), std::move(detail)});
    }

    static bool is_timeout(const std::error_code& ec) noexcept {
        return ec == client_errc::read_timeout || ec == client_errc::total_timeout;
    }

    // How long the next wait may take: the per-step limit, cut by the overall deadline. `which` tells what
    // ran out when the result is zero or the wait times out.
    std::pair<milliseconds, client_errc> budget(milliseconds step, client_errc step_error) const {
        if (!ctx_.deadline) return {step, step_error};
        auto left = std::chrono::duration_cast<milliseconds>(*ctx_.deadline - clock::now());
        if (left < milliseconds{0}) left = milliseconds{0};
        if (left < step) return {left, client_errc::total_timeout};
        return {step, step_error};
    }

    result<void, fetch_failure> connect() {
        auto [limit, which] = budget(ctx_.options.connect_timeout, client_errc::connect_timeout);
        if (limit <= milliseconds{0})
            return failure_at(fetch_stage::connect, client_errc::total_timeout, req_.url.host);
        happy_eyeballs_options he;
        he.timeout = limit;
        auto c = happy_eyeballs_connect(req_.url.host, std::to_string(req_.url.port), AF_UNSPEC, he);
        if (!c) {
            const auto& ec = c.error();
            if (is_gai(ec)) return failure_at(fetch_stage::resolve, ec, req_.url.host);
            if (ec == std::errc::timed_out) {
                return failure_at(
                    fetch_stage::connect, which,
                    fmt::format("{} port {} within {} ms", req_.url.host, req_.url.port, limit.count()));
            }
            return failure_at(fetch_stage::connect, ec,
                              fmt::format("{} port {}", req_.url.host, req_.url.port));
        }
        sock_ = std::move(c->sock);
        peer_ = c->peer;
        ctx_.sink.on_connected(req_.url, peer_);
        connected_ms_ = ms_since(ctx_.start);
        if (auto r = sock_.set_non_blocking(true); !r) return failure_at(fetch_stage::connect, r.error());
        return {};
    }

    // Default fields, each replaced by an extra field of the same name (an empty value removes it).
    result<void> build(byte_buffer& out) const {
        message_writer w(out);
        if (auto r = w.request_line(req_.method, req_.url.target); !r) return r;
        const std::pair<std::string_view, std::string> defaults[] = {
            {"Host", req_.url.authority()},
            {"User-Agent", ctx_.options.user_agent},
            {"Accept", "*/*"},
            {"Connection", "close"},
        };
        auto extra = [&](std::string_view name) -> const std::pair<std::string, std::string>* {
            for (const auto& h : req_.headers) {
                if (ascii_iequals(h.first, name)) return &h;
            }
            return nullptr;
        };
        for (const auto& [name, value] : defaults) {
            if (const auto* e = extra(name)) {
                if (!e->second.empty()) {
                    if (auto r = w.header(e->first, e->second); !r) return r;
                }
            } else if (!value.empty()) {
                if (auto r = w.header(name, value); !r) return r;
            }
        }
        for (const auto& field : req_.headers) {
            const bool is_default = std::any_of(std::begin(defaults), std::end(defaults), [&](const auto& d) {
                return ascii_iequals(d.first, field.first);
            });
            if (is_default || field.second.empty()) continue;
            if (req_.body && ascii_iequals(field.first, "Content-Length"))
                continue;  // ours is the true length
            if (auto r = w.header(field.first, field.second); !r) return r;
        }
        if (req_.body) {
            if (!extra("Content-Type")) {
                if (auto r = w.header("Content-Type", "application/x-www-form-urlencoded"); !r) return r;
            }
            w.content_length(req_.body->size());
        }
        w.end_head();
        return {};
    }

    enum class direction { read, write };

    // After a send or recv failed with `ec`: nothing when the call should be tried again (interrupted, or
    // the socket became ready in time), else the error (timeouts included).
    result<void> before_retry(const std::error_code& ec, direction d) {
        if (ec == std::errc::interrupted) return {};
        if (ec != std::errc::resource_unavailable_try_again && ec != std::errc::operation_would_block) {
            return fail(ec);
        }
        auto [limit, which] = budget(ctx_.options.read_timeout, client_errc::read_timeout);
        auto ready = d == direction::write ? sock_.wait_writable(limit) : sock_.wait_readable(limit);
        if (!ready && ready.error() != std::errc::interrupted) return fail(ready.error());
        if (ready && !*ready) return fail(make_error_code(which));
        return {};
    }

    result<void> send_all(bytes_view data) {
        while (!data.empty()) {
            auto n = sock_.send(data);
            if (n) {
                data = data.subspan(*n);
                continue;
            }
            if (auto r = before_retry(n.error(), direction::write); !r) return r;
        }
        return {};
    }

    // Reads more bytes into buffer[len..]: the count, 0 at end of stream, or an error (timeouts included).
    result<std::size_t> read_some(std::size_t len) {
        for (;;) {
            auto n = sock_.recv(std::span<std::uint8_t>(ctx_.buffer).subspan(len));
            if (n) return *n;
            if (auto r = before_retry(n.error(), direction::read); !r) return fail(r.error());
        }
    }

    std::string timeout_detail(const std::error_code& ec) const {
        if (ec == client_errc::read_timeout) {
            return fmt::format("no data for {} ms", ctx_.options.read_timeout.count());
        }
        if (ec == client_errc::total_timeout && ctx_.options.total_timeout) {
            return fmt::format("limit {} ms", ctx_.options.total_timeout->count());
        }
        return {};
    }

    result<hop_outcome, fetch_failure> receive() {
        auto& buf = ctx_.buffer;
        response_parser parser(ctx_.options.limits);
        std::size_t len = 0;
        bool got_any = false;
        hop_outcome out;
        out.peer = peer_;
        head_kind kind = head_kind::final;
        int interim = 0;
        // The head: parse what is there, read more on need_more; 1xx heads are passed on and skipped.
        for (;;) {
            if (len > 0) {
                auto n = parser.parse_head(bytes_view(buf.data(), len), req_.method);
                if (n) {
                    out.response = response_info::from(parser.head());
                    const std::string_view raw(reinterpret_cast<const char*>(buf.data()), *n);
                    const int status = out.response.status;
                    if (status >= 100 && status < 200 && status != 101) {
                        if (++interim > ctx_.options.max_interim) {
                            return failure_at(fetch_stage::receive_head, client_errc::too_many_interim,
                                              fmt::format("more than {}", ctx_.options.max_interim));
                        }
                        ctx_.sink.on_response_head(out.response, raw, head_kind::interim);
                        std::memmove(buf.data(), buf.data() + *n, len - *n);
                        len -= *n;
                        continue;
                    }
                    if (ctx_.options.follow_redirects && is_redirect(status)) {
                        if (auto loc = out.response.find("Location")) {
                            kind = head_kind::redirect;
                            out.redirect = true;
                            out.location = std::string(*loc);
                        }
                    }
                    ctx_.sink.on_response_head(out.response, raw, kind);
                    std::memmove(buf.data(), buf.data() + *n, len - *n);
                    len -= *n;
                    break;
                }
                if (n.error() != codec_errc::need_more)
                    return failure_at(fetch_stage::receive_head, n.error());
            }
            if (len == buf.size()) return failure_at(fetch_stage::receive_head, http_errc::header_too_large);
            auto r = read_some(len);
            if (!r) return failure_at(fetch_stage::receive_head, r.error(), timeout_detail(r.error()));
            if (*r == 0) {
                if (!got_any)
                    return failure_at(fetch_stage::receive_head, client_errc::closed_before_response);
                return failure_at(fetch_stage::receive_head, client_errc::closed_in_head,
                                  fmt::format("after {} bytes", len));
            }
            if (!got_any) first_byte_ms_ = ms_since(ctx_.start);
            got_any = true;
            len += *r;
        }
        if (out.redirect) return out;  // Connection: close: the body of a followed redirect is not read

        // The body: everything in the buffer is handed to the parser, then the buffer is refilled.
        std::size_t pos = 0;
        while (!parser.message_complete()) {
            if (pos < len) {
                auto part = parser.read_body(bytes_view(buf.data() + pos, len - pos));
                if (!part) {
                    if (part.error() != codec_errc::need_more) {
                        return failure_at(fetch_stage::receive_body, part.error(),
                                          fmt::format("after {} body bytes", out.body_bytes));
                    }
                } else {
                    if (!part->data.empty()) {
                        if (auto s = ctx_.sink.on_body(part->data); !s) {
                            return failure_at(fetch_stage::output, client_errc::output_failed);
                        }
                        out.body_bytes += part->data.size();
                    }
                    pos += part->consumed;
                    if (part->done) break;
                    if (part->consumed > 0) continue;
                }
            }
            // Keep what the parser did not use (nothing, in practice) and read more behind it.
            std::memmove(buf.data(), buf.data() + pos, len - pos);
            len -= pos;
            pos = 0;
            auto r = read_some(len);
            if (!r) return failure_at(fetch_stage::receive_body, r.error(), timeout_detail(r.error()));
            if (*r == 0) {
                if (auto f = parser.finish(); !f) {
                    const auto& framing = out.response.body;
                    std::string detail =
                        framing.kind == body_kind::content_length
                            ? fmt::format("after {} of {} body bytes", out.body_bytes, framing.length)
                            : fmt::format("after {} body bytes, before the last chunk", out.body_bytes);
                    const std::error_code ec = f.error() == http_errc::truncated_body
                                                   ? make_error_code(client_errc::closed_in_body)
                                                   : f.error();
                    return failure_at(fetch_stage::receive_body, ec, std::move(detail));
                }
                break;
            }
            len += *r;
        }
        return out;
    }

    context& ctx_;
    const fetch_request& req_;
    socket sock_;
    endpoint peer_;
    double connected_ms_ = 0;
    double first_byte_ms_ = 0;
};

bool same_authority(const url& a, const url& b) { return a.host == b.host && a.port == b.port; }

}  // namespace

result<fetch_result, fetch_failure> fetch(const fetch_request& request, const fetch_options& options,
                                          response_sink& sink) {
    context ctx{options, sink, clock::now(), std::nullopt, {}};
    if (options.total_timeout) ctx.deadline = ctx.start + *options.total_timeout;
    ctx.buffer.resize(std::max(options.buffer_size, options.limits.max_head + 4096));

    fetch_request req = request;
    std::vector<std::string> seen;
    fetch_result out;
    for (;;) {
        seen.push_back(req.method + " " + req.url.to_string());
        hop h(ctx, req);
        auto r = h.run();
        if (!r) return fail(std::move(r).error());
        out.peer = r->peer;
        out.timing.connect_ms = h.connected_ms();
        out.timing.first_byte_ms = h.first_byte_ms();
        if (!r->redirect) {
            out.final_url = req.url;
            out.response = std::move(r->response);
            out.body_bytes = r->body_bytes;
            out.timing.total_ms = ms_since(ctx.start);
            return out;
        }
        const std::string from = req.url.to_string();
        auto redirect_failure = [&](std::error_code ec, std::string detail) {
            return fail(fetch_failure{fetch_stage::redirect, ec, from, std::move(detail)});
        };
        if (static_cast<int>(out.redirects.size()) >= options.max_redirects) {
            return redirect_failure(
                client_errc::too_many_redirects,
                fmt::format("more than {} (last Location: {})", options.max_redirects, r->location));
        }
        auto next = req.url.resolve(r->location);
        if (!next) return redirect_failure(next.error(), fmt::format("Location: {}", r->location));
        const int status = r->response.status;
        out.redirects.push_back({from, status, r->location});
        // RFC 9110 §15.4.4: 303 turns any method but HEAD into GET; for 301 and 302 clients do so for POST.
        const bool to_get = (status == 303 && req.method != "HEAD") ||
                            ((status == 301 || status == 302) && req.method == "POST");
        auto drop = [&](std::string_view name) {
            std::erase_if(req.headers, [&](const auto& field) { return ascii_iequals(field.first, name); });
        };
        if (to_get) {
            req.method = "GET";
            req.body.reset();
            drop("Content-Type");
            drop("Content-Length");
        }
        if (!same_authority(req.url, *next)) {
            // Credentials and a hand-made Host belong to the first server only.
            drop("Host");
            drop("Authorization");
            drop("Cookie");
        }
        req.url = std::move(*next);
        const std::string key = req.method + " " + req.url.to_string();
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            return redirect_failure(client_errc::redirect_loop,
                                    fmt::format("back to {}", req.url.to_string()));
        }
        sink.on_redirect(req.url, status, req.method);
    }
}

}  // namespace sockit::http_client
