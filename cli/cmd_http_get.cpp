// SPDX-License-Identifier: MIT
// `sockit http get`: the seeds' netcat HTTP lab as an HTTP/1.1 client (RFC 9112, RFC 9110): one request,
// the body streamed to stdout or a file, -i/-v heads, -L redirects, --json summary.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/http/field_text.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/url.hpp"
#include "sockit/http/url_errc.hpp"
#include "sockit/http_client/client_errc.hpp"
#include "sockit/http_client/fetch.hpp"
#include "sockit/http_client/output_sink.hpp"
#include "sockit/http_client/request_body.hpp"

namespace sockit::cli {
namespace {

constexpr std::string_view cmd_name = "http get";

std::string version_text(http::http_version v) { return fmt::format("HTTP/{}.{}", v.major, v.minor); }

/// Prints each line of a head on stderr behind a prefix, as curl -v does ("> " request, "< " response).
void print_head_lines(std::string_view raw, std::string_view prefix) {
    std::string out;
    while (!raw.empty()) {
        std::size_t lf = raw.find('\n');
        std::string_view line = raw.substr(0, lf);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        out += fmt::format("{}{}\n", line.empty() ? prefix.substr(0, 1) : prefix, line);
        if (lf == std::string_view::npos) break;
        raw.remove_prefix(lf + 1);
    }
    std::fflush(stdout);
    std::fwrite(out.data(), 1, out.size(), stderr);
}

/// What the CLI shows: heads on stderr (-v); heads and body go to stdout or -o FILE through output_sink.
class cli_sink final : public http_client::output_sink {
public:
    cli_sink(http_client::output_options options, bool verbose)
        : output_sink(std::move(options)), verbose_(verbose) {}

    void on_connected(const http::url& target, const endpoint& peer) override {
        if (verbose_)
            fmt::print(stderr, "* Connected to {} ({}) port {}\n", target.host, peer.address().to_string(),
                       peer.port());
    }
    void on_redirect(const http::url& next, int status, std::string_view method) override {
        if (verbose_) fmt::print(stderr, "* Following {} to {} ({})\n", status, next.to_string(), method);
    }
    void on_request_head(std::string_view raw) override {
        if (verbose_) print_head_lines(raw, "> ");
    }
    void on_response_head(const http::response_info& head, std::string_view raw,
                          http_client::head_kind kind) override {
        if (verbose_) print_head_lines(raw, "< ");
        output_sink::on_response_head(head, raw, kind);
    }

private:
    bool verbose_ = false;
};

/// The exit code and the phrase for a failed fetch (sockit-http-get(1), EXIT STATUS).
std::pair<int, std::string> describe(const http_client::fetch_failure& f) {
    const auto& ec = f.error;
    const bool malformed = &ec.category() == &http::http_category() || ec == codec_errc::truncated;
    switch (f.stage) {
        case http_client::fetch_stage::resolve: {
            return {lookup_exit_code(ec),
                    fmt::format("cannot resolve host '{}': {}", f.detail, ec.message())};
        }
        case http_client::fetch_stage::connect:
            return {exit_code::unavailable,
                    f.detail.empty() ? std::string("cannot connect") : "cannot connect to " + f.detail};
        case http_client::fetch_stage::request:
            return {exit_code::usage, "cannot write the request (check -X and -H)"};
        case http_client::fetch_stage::send: return {exit_code::unavailable, "sending the request failed"};
        case http_client::fetch_stage::receive_head:
            if (ec == http_client::client_errc::too_many_interim)
                return {exit_code::data_error, "malformed response"};
            return malformed ? std::pair<int, std::string>{exit_code::data_error, "malformed response head"}
                             : std::pair<int, std::string>{exit_code::unavailable, "no complete response"};
        case http_client::fetch_stage::receive_body:
            return malformed
                       ? std::pair<int, std::string>{exit_code::data_error, "malformed response body"}
                       : std::pair<int, std::string>{exit_code::unavailable, "incomplete response body"};
        case http_client::fetch_stage::redirect: return {exit_code::data_error, "cannot follow the redirect"};
        case http_client::fetch_stage::output: return {exit_code::io_error, "writing the output failed"};
    }
    return {exit_code::os_error, "failed"};
}

nlohmann::ordered_json json_document(const std::string& requested, const http_client::fetch_result& r,
                                     const std::string& output) {
    nlohmann::ordered_json headers = nlohmann::ordered_json::array();
    for (const auto& [n, v] : r.response.headers)
        headers.push_back({{"name", n}, {"value", http::field_text_utf8(v)}});
    nlohmann::ordered_json redirects = nlohmann::ordered_json::array();
    for (const auto& h : r.redirects)
        redirects.push_back(
            {{"url", h.from}, {"status", h.status}, {"location", http::field_text_utf8(h.location)}});
    auto ms = [](double v) { return std::round(v * 1000.0) / 1000.0; };
    nlohmann::ordered_json doc = {
        {"url", requested},
        {"final_url", r.final_url.to_string()},
        {"peer", r.peer.to_string()},
        {"version", version_text(r.response.version)},
        {"status", r.response.status},
        {"reason", http::field_text_utf8(r.response.reason)},
        {"headers", std::move(headers)},
        {"body_bytes", r.body_bytes},
        {"output", output.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(output)},
        {"redirects", std::move(redirects)},
        {"timing",
         {{"connect_ms", ms(r.timing.connect_ms)},
          {"first_byte_ms", ms(r.timing.first_byte_ms)},
          {"total_ms", ms(r.timing.total_ms)}}},
    };
    return doc;
}

}  // namespace

int run_http_get(std::span<char*> args) {
    auto app = make_app(
        "http get",
        "Send one HTTP/1.1 request to URL (http:// only) and write the response body to stdout or -o FILE, "
        "streamed in constant memory. Exit 0 whenever a response arrived (any status; see --fail), 64 bad "
        "URL "
        "or flags, 65 malformed response (or --fail and status >= 400), 68 unknown host, 69 refused, timed "
        "out "
        "or closed early, 74 output not writable. --json prints {url, final_url, peer, version, status, "
        "reason, "
        "headers, body_bytes, output, redirects, timing}; the body then goes only to -o FILE.",
        "sockit http get -L -v http://127.0.0.1:8080/index.html -o index.html");
    std::string url_text;
    std::vector<std::string> header_args;
    std::string method;
    std::string data_arg;
    std::string output;
    bool include = false;
    bool head = false;
    bool follow = false;
    int max_redirs = 10;
    bool verbose = false;
    double timeout_s = 0;
    double read_timeout_s = 30;
    bool json = false;
    bool fail_flag = false;
    app->add_option("url", url_text, "http://host[:port][/path][?query] (IPv6 as http://[::1]:8080/)")
        ->required();
    app->add_option("-H,--header", header_args,
                    "extra header 'Name: value' (replaces a default; 'Name:' removes it)");
    app->add_option("-X,--request", method, "request method (default GET; POST with -d; HEAD with -I)");
    auto* od = app->add_option("-d,--data", data_arg,
                               "request body: DATA, @FILE (sent byte for byte) or @- (stdin)");
    app->add_option("-o,--output", output, "write the body to FILE instead of stdout");
    app->add_flag("-i,--include", include, "write the response head(s) before the body");
    app->add_flag("-I,--head", head, "send HEAD and write the response head")->excludes(od);
    app->add_flag("-L,--location", follow, "follow redirects (301, 302, 303, 307, 308)");
    app->add_option("--max-redirs", max_redirs, "most redirects followed with -L")->check(within(0, 1000));
    app->add_flag("-v,--verbose", verbose, "show the request and response heads on stderr ('> ' and '< ')");
    app->add_option("--timeout", timeout_s,
                    "overall time limit in seconds (fractions allowed), redirects included")
        ->check(at_least(0.001));
    app->add_option("--read-timeout", read_timeout_s,
                    "longest wait for the connection or for data, in seconds")
        ->check(at_least(0.001));
    app->add_flag("-f,--fail", fail_flag, "a status >= 400 is an error (exit 65, no body written)");
    app->add_flag("--json", json, "print one JSON document about the response (the body only to -o FILE)");
    if (auto done = parse(*app, args)) return *done;

    auto u = http::url::parse(url_text);
    if (!u) {
        print_error(cmd_name, url_text, u.error().message());
        return exit_code::usage;
    }
    http_client::fetch_request req;
    req.url = *u;
    for (const auto& h : header_args) {
        auto colon = h.find(':');
        if (colon == std::string::npos || colon == 0) {
            print_error(cmd_name, fmt::format("-H '{}'", h), "expected 'Name: value'");
            return exit_code::usage;
        }
        std::string value = h.substr(colon + 1);
        auto first = value.find_first_not_of(" \t");
        auto last = value.find_last_not_of(" \t");
        value = first == std::string::npos ? std::string{} : value.substr(first, last - first + 1);
        req.headers.emplace_back(h.substr(0, colon), std::move(value));
    }
    if (!data_arg.empty() || od->count() > 0) {
        auto body = http_client::load_request_body(data_arg, std::cin);
        if (!body) {
            print_error(cmd_name, fmt::format("-d {}", data_arg), body.error().message());
            return exit_code::io_error;
        }
        req.body = std::move(*body);
    }
    req.method = !method.empty() ? method : head ? "HEAD" : req.body ? "POST" : "GET";

    http_client::fetch_options opt;
    opt.user_agent = "sockit/" SOCKIT_VERSION;
    opt.follow_redirects = follow;
    opt.max_redirects = max_redirs;
    auto to_ms = [](double s) {  // clamped to a year: a larger double would not convert
        return std::chrono::milliseconds(
            static_cast<std::int64_t>(std::ceil(std::min(s, 365.0 * 86400) * 1000.0)));
    };
    opt.read_timeout = to_ms(read_timeout_s);
    opt.connect_timeout = opt.read_timeout;
    if (timeout_s > 0) opt.total_timeout = to_ms(timeout_s);

    http_client::output_options out;
    if (output != "-") out.path = output;
    out.heads = (include || head) && !json;
    out.body = !json || (!output.empty() && output != "-");  // --json: the body only to -o FILE
    out.fail_on_error = fail_flag;
    cli_sink sink(std::move(out), verbose);

    auto r = http_client::fetch(req, opt, sink);
    if (sink.open_error()) {
        print_error(cmd_name, output,
                    fmt::format("cannot open for writing: {}", sink.open_error().message()));
        return exit_code::io_error;
    }
    if (!r) {
        const auto& f = r.error();
        auto [code, phrase] = describe(f);
        std::string why = f.stage == http_client::fetch_stage::resolve
                              ? phrase
                              : fmt::format("{}: {}", phrase, f.error.message());
        if (f.stage == http_client::fetch_stage::output && sink.write_error()) {
            why = fmt::format("{}: {}", phrase, sink.write_error().message());
        }
        const bool detail_said =
            f.stage == http_client::fetch_stage::resolve || f.stage == http_client::fetch_stage::connect;
        if (!f.detail.empty() && !detail_said) why += fmt::format(" ({})", f.detail);
        print_error(cmd_name, f.url, why);
        (void)sink.close();
        return code;
    }
    // An empty body still makes the file (unless --fail discarded the answer or --json has no -o).
    const bool wants_file = sink.options().body && !sink.discarding();
    if (wants_file) {
        if (auto o = sink.open(); !o) {
            print_error(cmd_name, output, fmt::format("cannot open for writing: {}", o.error().message()));
            return exit_code::io_error;
        }
    }
    if (auto c = sink.close(); !c) {
        print_error(cmd_name, output, fmt::format("closing the output failed: {}", c.error().message()));
        return exit_code::io_error;
    }
    if (json) print_json(json_document(u->to_string(), *r, sink.options().path));
    if (fail_flag && r->response.status >= 400) {
        print_error(cmd_name, r->final_url.to_string(),
                    fmt::format("server answered {} {}", r->response.status, r->response.reason));
        return exit_code::data_error;
    }
    return exit_code::ok;
}

}  // namespace sockit::cli
