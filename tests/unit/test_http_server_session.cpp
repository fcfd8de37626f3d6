// SPDX-License-Identifier: MIT
// Tests of the static file server's handler on bytes (RFC 9110 §9.3, §13, §14; RFC 9112 §9): requests fed
// through a fake stream_context whole, byte by byte and pipelined; traversal tables (the pure parts:
// test_http_validators.cpp).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sockit/http/http_date.hpp"
#include "sockit/http_server/document_root.hpp"
#include "sockit/http_server/file_server.hpp"
#include "sockit/http_server/read_directory.hpp"

namespace sockit::http_server {
namespace {

using http::format_http_date;
using http::parse_http_date;

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The engine's side of one connection, in memory: file regions are read with pread as the engine would
// send them, so the transcript holds exactly the bytes a client would get.
class fake_context final : public serve::stream_context {
public:
    std::string out;
    bool closed = false;
    bool want = false;
    std::optional<std::chrono::milliseconds> deadline;
    int file_regions = 0;
    std::size_t room_left = 1 << 30;

    void write(bytes_view d) override { out.append(as_chars(d)); }
    std::span<std::uint8_t> prepare(std::size_t n) override {
        tmp_.resize(n);
        return tmp_;
    }
    void commit(std::size_t n) noexcept override {
        out.append(reinterpret_cast<const char*>(tmp_.data()), n);
    }
    void send_file(std::shared_ptr<const unique_fd> f, std::uint64_t off, std::uint64_t len) override {
        ++file_regions;
        std::string buf(len, '\0');
        const ssize_t n = ::pread(f->get(), buf.data(), len, static_cast<off_t>(off));
        out.append(buf.data(), n < 0 ? 0 : static_cast<std::size_t>(n));
    }
    std::size_t room() const noexcept override { return room_left; }
    std::uint64_t queued() const noexcept override { return 0; }
    void set_deadline(std::chrono::milliseconds after) noexcept override { deadline = after; }
    void clear_deadline() noexcept override { deadline.reset(); }
    void want_writable(bool on) noexcept override { want = on; }
    void close() noexcept override { closed = true; }
    const endpoint& peer() const noexcept override { return peer_; }
    const endpoint& local() const noexcept override { return peer_; }

private:
    byte_buffer tmp_;
    endpoint peer_ = endpoint(*ip_address::parse("127.0.0.1"), 40000);
};

struct response {
    int status = 0;
    std::map<std::string, std::string> fields;  // lower-case names
    std::string body;
    bool has(const std::string& n) const { return fields.count(n) != 0; }
    std::string get(const std::string& n) const {
        auto it = fields.find(n);
        return it == fields.end() ? std::string() : it->second;
    }
};

// Splits a transcript into responses; `bodiless[i]` marks answers to HEAD (no body despite Content-Length).
std::vector<response> parse_responses(std::string_view s, const std::vector<bool>& bodiless = {}) {
    std::vector<response> out;
    while (!s.empty()) {
        const auto end = s.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            ADD_FAILURE() << "incomplete head: " << s;
            break;
        }
        std::string_view head = s.substr(0, end);
        s.remove_prefix(end + 4);
        response r;
        const auto eol = head.find("\r\n");
        const std::string_view status_line = head.substr(0, eol);
        EXPECT_EQ(status_line.substr(0, 9), "HTTP/1.1 ");
        r.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
        head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
        while (!head.empty()) {
            const auto e = head.find("\r\n");
            const std::string_view line = head.substr(0, e);
            const auto colon = line.find(':');
            std::string name(line.substr(0, colon));
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            EXPECT_EQ(r.fields.count(name), 0u) << "field twice: " << name;
            r.fields[name] = std::string(line.substr(colon + 2));
            if (e == std::string_view::npos) break;
            head.remove_prefix(e + 2);
        }
        const bool no_body = (out.size() < bodiless.size() && bodiless[out.size()]) || r.status == 304;
        if (!no_body && r.has("content-length")) {
            const auto n = std::stoull(r.get("content-length"));
            if (n > s.size()) ADD_FAILURE() << "short body";
            r.body = std::string(s.substr(0, std::min<std::size_t>(n, s.size())));
            s.remove_prefix(std::min<std::size_t>(n, s.size()));
        }
        out.push_back(std::move(r));
    }
    return out;
}

void write_file(const fs::path& p, std::string_view content) {
    std::ofstream f(p, std::ios::binary);
    f << content;
}

// A document root with a secret next to it (outside), and symlinks that try to reach it.
class http_server_test : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        char tmpl[] = "/tmp/sockit_http_server_XXXXXX";
        base_ = ::mkdtemp(tmpl);
        root_ = base_ / "root";
        fs::create_directories(root_ / "sub");
        fs::create_directories(root_ / "withindex");
        write_file(base_ / "secret.txt", secret_);
        write_file(root_ / "hello.txt", "hello, world\n");
        write_file(root_ / "empty.txt", "");
        write_file(root_ / "page.html", "<p>hi</p>\n");
        write_file(root_ / "sub" / "inner.txt", "inner\n");
        write_file(root_ / "sub" / "a<b>&\"c.txt", "x");
        write_file(root_ / "sub" / "sp ace.txt", "y");
        write_file(root_ / "withindex" / "index.html", "<h1>index</h1>\n");
        big_.resize(100 * 1024);
        for (std::size_t i = 0; i < big_.size(); ++i) big_[i] = static_cast<char>('A' + i % 23);
        write_file(root_ / "big.bin", big_);
        fs::create_symlink(base_ / "secret.txt", root_ / "link_out");
        fs::create_symlink("../secret.txt", root_ / "link_rel_out");
        fs::create_symlink(base_, root_ / "link_dir_out");
        fs::create_symlink("hello.txt", root_ / "link_in");
        ::mkfifo((root_ / "fifo").c_str(), 0600);
    }
    static void TearDownTestSuite() { fs::remove_all(base_); }

    static file_server_options options() {
        file_server_options o;
        o.root = root_;
        o.header_timeout = 5s;
        return o;
    }

    // Feeds `input` (in pieces of `piece` bytes; 0: at once), then drains like the engine would.
    static fake_context run(std::string_view input, std::size_t piece = 0,
                            file_server_options o = options()) {
        auto srv = file_server::create(std::move(o));
        EXPECT_TRUE(srv) << srv.error().message();
        auto session = (*srv)->make_session();
        fake_context ctx;
        session->on_connect(ctx);
        const std::size_t step = piece == 0 ? input.size() : piece;
        for (std::size_t i = 0; i < input.size() && !ctx.closed; i += step) {
            const auto part = input.substr(i, step);
            session->on_data(ctx, as_bytes(part));
            for (int guard = 0; ctx.want && !ctx.closed && guard < 1000; ++guard) session->on_writable(ctx);
        }
        return ctx;
    }
    static std::string get(std::string_view target, std::string_view extra = "") {
        return "GET " + std::string(target) + " HTTP/1.1\r\nHost: t\r\n" + std::string(extra) + "\r\n";
    }

    static inline fs::path base_;
    static inline fs::path root_;
    static inline std::string big_;
    static inline const std::string secret_ = "TOP-SECRET-7f3a9c";
};

TEST_F(http_server_test, get_and_head_of_a_small_file_whole_and_byte_by_byte) {
    for (std::size_t piece : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) {
        auto ctx = run(get("/hello.txt") + "HEAD /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", piece);
        auto rs = parse_responses(ctx.out, {false, true});
        ASSERT_EQ(rs.size(), 2u) << "piece " << piece;
        EXPECT_EQ(rs[0].status, 200);
        EXPECT_EQ(rs[0].body, "hello, world\n");
        EXPECT_EQ(rs[0].get("content-type"), "text/plain; charset=utf-8");
        EXPECT_EQ(rs[0].get("content-length"), "13");
        EXPECT_EQ(rs[0].get("server"), "sockit");
        EXPECT_EQ(rs[0].get("accept-ranges"), "bytes");
        EXPECT_TRUE(parse_http_date(rs[0].get("date"))) << rs[0].get("date");
        EXPECT_TRUE(parse_http_date(rs[0].get("last-modified")));
        EXPECT_EQ(rs[0].get("etag").front(), '"');
        EXPECT_FALSE(rs[0].has("connection"));
        EXPECT_EQ(rs[1].status, 200);
        EXPECT_EQ(rs[1].get("content-length"), "13");
        EXPECT_EQ(rs[1].get("etag"), rs[0].get("etag"));
        EXPECT_FALSE(ctx.closed) << "HTTP/1.1 keeps the connection";
        EXPECT_FALSE(ctx.deadline) << "no header deadline between requests";
    }
}

TEST_F(http_server_test, pipelined_requests_are_answered_in_order) {
    const std::string input = get("/hello.txt") + get("/empty.txt") + get("/nope") + get("/page.html") +
                              get("/big.bin") + get("/hello.txt", "Connection: close\r\n") +
                              get("/page.html");
    for (std::size_t piece : {std::size_t{0}, std::size_t{1}, std::size_t{100}}) {
        auto ctx = run(input, piece);
        auto rs = parse_responses(ctx.out);
        ASSERT_EQ(rs.size(), 6u) << "nothing after Connection: close is answered";
        EXPECT_EQ(rs[0].body, "hello, world\n");
        EXPECT_EQ(rs[1].status, 200);
        EXPECT_EQ(rs[1].body, "");
        EXPECT_EQ(rs[2].status, 404);
        EXPECT_EQ(rs[3].get("content-type"), "text/html; charset=utf-8");
        EXPECT_EQ(rs[4].body, big_) << "a large file goes out as a file region";
        EXPECT_EQ(rs[5].get("connection"), "close");
        EXPECT_TRUE(ctx.closed);
        EXPECT_EQ(ctx.file_regions, 1);
    }
}

TEST_F(http_server_test, output_backpressure_pauses_parsing_until_writable) {
    auto srv = file_server::create(options());
    ASSERT_TRUE(srv);
    auto session = (*srv)->make_session();
    fake_context ctx;
    session->on_connect(ctx);
    ctx.room_left = 0;  // the output is full: nothing may be answered yet
    session->on_data(ctx, as_bytes(get("/hello.txt") + get("/page.html")));
    EXPECT_TRUE(ctx.out.empty());
    EXPECT_TRUE(ctx.want) << "the handler must ask to be called when the output drains";
    ctx.room_left = 1 << 20;
    session->on_writable(ctx);
    auto rs = parse_responses(ctx.out);
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_FALSE(ctx.want) << "nothing left to do: no busy on_writable";
}

TEST_F(http_server_test, traversal_is_impossible) {
    struct row {
        const char* target;
        const char* why;
    };
    const row rows[] = {
        {"/../secret.txt", "dot-dot"},
        {"/sub/../../secret.txt", "dot-dot inside"},
        {"/%2e%2e/secret.txt", "encoded dot-dot"},
        {"/%2E%2e/secret.txt", "mixed-case encoded dot-dot"},
        {"/.%2e/secret.txt", "half-encoded dot-dot"},
        {"/..%2fsecret.txt", "encoded slash after dot-dot"},
        {"/%2e%2e%2fsecret.txt", "all encoded"},
        {"/sub%2f..%2f..%2fsecret.txt", "encoded slashes"},
        {"/..%5csecret.txt", "encoded backslash"},
        {"/..\\secret.txt", "raw backslash"},
        {"/%00/../secret.txt", "encoded NUL"},
        {"/link_out", "absolute symlink to outside"},
        {"/link_rel_out", "relative symlink to outside"},
        {"/link_dir_out/secret.txt", "symlinked directory outside"},
        {"/link_dir_out/", "listing a directory outside"},
        {"//tmp/secret.txt", "absolute path"},
        {"http://t/../secret.txt", "absolute-form with dot-dot"},
        {"/./../secret.txt", "dot then dot-dot"},
        {"/fifo", "not a regular file"},
        {"/sub/inner.txt/", "a file as a directory"},
        {"*", "asterisk-form"},
    };
    for (const auto& r : rows) {
        auto ctx = run(get(r.target));
        EXPECT_EQ(ctx.out.find(secret_), std::string::npos) << r.why << ": the secret leaked";
        auto rs = parse_responses(ctx.out);
        ASSERT_EQ(rs.size(), 1u) << r.why;
        EXPECT_TRUE(rs[0].status == 400 || rs[0].status == 403 || rs[0].status == 404)
            << r.why << " (" << r.target << "): " << rs[0].status;
    }
    // And a symlink inside the root is followed.
    auto ok = parse_responses(run(get("/link_in")).out);
    ASSERT_EQ(ok.size(), 1u);
    EXPECT_EQ(ok[0].body, "hello, world\n");
}

TEST_F(http_server_test, ranges) {
    const std::string body = "hello, world\n";  // 13 bytes
    struct row {
        const char* range;
        int status;
        const char* content_range;  // "" when none
        const char* want;           // body (for 206/200)
    };
    const row rows[] = {
        {"bytes=0-3", 206, "bytes 0-3/13", "hell"},
        {"bytes=7-", 206, "bytes 7-12/13", "world\n"},
        {"bytes=-6", 206, "bytes 7-12/13", "world\n"},
        {"bytes=-100", 206, "bytes 0-12/13", "hello, world\n"},  // suffix longer than the file: all of it
        {"bytes=5-1000", 206, "bytes 5-12/13", ", world\n"},     // last clamped
        {"bytes=12-12", 206, "bytes 12-12/13", "\n"},
        {"BYTES = 0-0", 206, "bytes 0-0/13", "h"},     // unit case-insensitive, OWS
        {"bytes=13-", 416, "bytes */13", ""},          // starts at the end
        {"bytes=-0", 416, "bytes */13", ""},           // empty suffix
        {"bytes=0-1,3-4", 200, "", "hello, world\n"},  // multi-range: full
        {"bytes=3-1", 200, "", "hello, world\n"},      // invalid: ignored
        {"items=0-1", 200, "", "hello, world\n"},      // unknown unit: ignored
        {"bytes=x-1", 200, "", "hello, world\n"},
        {"bytes=", 200, "", "hello, world\n"},
        {"bytes=99999999999999999999-", 200, "", "hello, world\n"},  // overflow: invalid
    };
    for (const auto& r : rows) {
        auto rs = parse_responses(run(get("/hello.txt", "Range: " + std::string(r.range) + "\r\n")).out);
        ASSERT_EQ(rs.size(), 1u) << r.range;
        EXPECT_EQ(rs[0].status, r.status) << r.range;
        EXPECT_EQ(rs[0].get("content-range"), r.content_range) << r.range;
        EXPECT_EQ(rs[0].body, r.want) << r.range;
    }
    // A range of a large file goes out as a region of it.
    auto big = run(get("/big.bin", "Range: bytes=1000-50999\r\n"));
    auto rs = parse_responses(big.out);
    ASSERT_EQ(rs.size(), 1u);
    EXPECT_EQ(rs[0].status, 206);
    EXPECT_EQ(rs[0].body, big_.substr(1000, 50000));
    // If-Range with another validator: the whole file; HEAD ignores Range.
    rs = parse_responses(run(get("/hello.txt", "Range: bytes=0-3\r\nIf-Range: \"other\"\r\n")).out);
    EXPECT_EQ(rs.at(0).status, 200);
    rs = parse_responses(run("HEAD /hello.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=0-3\r\n\r\n").out, {true});
    EXPECT_EQ(rs.at(0).status, 200);
}

TEST_F(http_server_test, conditional_requests) {
    auto first = parse_responses(run(get("/hello.txt")).out);
    const std::string etag = first.at(0).get("etag");
    const std::string lm = first.at(0).get("last-modified");
    const std::string later = format_http_date(std::time(nullptr) + 3600);
    struct row {
        std::string fields;
        int status;
    };
    const row rows[] = {
        {"If-Modified-Since: " + lm + "\r\n", 304},
        {"If-Modified-Since: " + later + "\r\n", 304},
        {"If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT\r\n", 200},
        {"If-Modified-Since: yesterday\r\n", 200},  // invalid dates are ignored
        {"If-None-Match: " + etag + "\r\n", 304},
        {"If-None-Match: \"x\", W/" + etag + "\r\n", 304},  // weak comparison
        {"If-None-Match: *\r\n", 304},
        {"If-None-Match: \"x\"\r\nIf-Modified-Since: " + later + "\r\n", 200},  // INM wins
    };
    for (const auto& r : rows) {
        auto rs = parse_responses(run(get("/hello.txt", r.fields)).out);
        ASSERT_EQ(rs.size(), 1u) << r.fields;
        EXPECT_EQ(rs[0].status, r.status) << r.fields;
        if (r.status == 304) {
            EXPECT_EQ(rs[0].get("etag"), etag);
            EXPECT_FALSE(rs[0].has("content-length"));
        }
    }
}

TEST_F(http_server_test, methods_and_discarded_bodies) {
    const std::string input =
        "POST /hello.txt HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde" +
        std::string(
            "DELETE /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n") +
        get("/hello.txt", "Content-Length: 3\r\n") + "xyz" + get("/hello.txt");
    for (std::size_t piece : {std::size_t{0}, std::size_t{1}}) {
        auto ctx = run(input, piece);
        auto rs = parse_responses(ctx.out);
        ASSERT_EQ(rs.size(), 4u);
        EXPECT_EQ(rs[0].status, 405);
        EXPECT_EQ(rs[0].get("allow"), "GET, HEAD");
        EXPECT_EQ(rs[1].status, 405);
        EXPECT_EQ(rs[2].status, 200) << "a GET body is read and discarded";
        EXPECT_EQ(rs[3].body, "hello, world\n");
        EXPECT_FALSE(ctx.closed);
    }
}

TEST_F(http_server_test, refused_requests_close_the_connection) {
    struct row {
        std::string input;
        int status;
    };
    const row rows[] = {
        {"GARBAGE\r\n\r\n", 400},
        {"GET / HTTP/1.1\r\n\r\n", 400},  // no Host
        {"GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n", 414},
        {"GET / HTTP/1.1\r\nHost: t\r\nX: " + std::string(9000, 'b') + "\r\n\r\n", 431},
        {"GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999\r\n\r\n", 413},
        {"GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
        {"GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505},
    };
    for (const auto& r : rows) {
        auto ctx = run(r.input + get("/hello.txt"));
        auto rs = parse_responses(ctx.out);
        ASSERT_EQ(rs.size(), 1u) << r.input.substr(0, 40);
        EXPECT_EQ(rs[0].status, r.status) << r.input.substr(0, 40);
        EXPECT_EQ(rs[0].get("connection"), "close");
        EXPECT_TRUE(ctx.closed);
    }
}

TEST_F(http_server_test, persistence_by_version) {
    auto ctx = run("GET /hello.txt HTTP/1.0\r\n\r\n");
    EXPECT_TRUE(ctx.closed);
    EXPECT_EQ(parse_responses(ctx.out).at(0).get("connection"), "close");
    ctx = run("GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    EXPECT_FALSE(ctx.closed);
    EXPECT_EQ(parse_responses(ctx.out).at(0).get("connection"), "keep-alive");
    ctx = run(get("/hello.txt", "Connection: close\r\n"));
    EXPECT_TRUE(ctx.closed);
}

TEST_F(http_server_test, directories) {
    auto rs = parse_responses(run(get("/sub?x=1")).out);
    EXPECT_EQ(rs.at(0).status, 301);
    EXPECT_EQ(rs.at(0).get("location"), "/sub/?x=1");
    rs = parse_responses(run(get("/withindex/")).out);
    EXPECT_EQ(rs.at(0).body, "<h1>index</h1>\n");
    rs = parse_responses(run(get("/sub/")).out);
    ASSERT_EQ(rs.at(0).status, 200);
    const std::string& page = rs[0].body;
    EXPECT_EQ(rs[0].get("content-type"), "text/html; charset=utf-8");
    // Names escaped, links percent-encoded, sorted by name, a parent link.
    EXPECT_NE(page.find("href=\"./a%3Cb%3E%26%22c.txt\">a&lt;b&gt;&amp;&quot;c.txt</a>"), std::string::npos)
        << page;
    EXPECT_NE(page.find("href=\"./sp%20ace.txt\""), std::string::npos);
    EXPECT_NE(page.find("href=\"../\""), std::string::npos);
    EXPECT_LT(page.find("a&lt;b"), page.find("inner.txt"));
    EXPECT_LT(page.find("inner.txt"), page.find("sp ace.txt"));
    EXPECT_EQ(page.find("<b>"), std::string::npos);
    auto o = options();
    o.list_directories = false;
    rs = parse_responses(run(get("/sub/"), 0, o).out);
    EXPECT_EQ(rs.at(0).status, 403);
}

TEST_F(http_server_test, header_deadline_follows_the_request_head) {
    auto srv = file_server::create(options());
    ASSERT_TRUE(srv);
    auto session = (*srv)->make_session();
    fake_context ctx;
    session->on_connect(ctx);
    EXPECT_EQ(ctx.deadline, 5000ms) << "a silent connection is bounded too";
    session->on_data(ctx, as_bytes(get("/hello.txt")));
    EXPECT_FALSE(ctx.deadline)
        << "cleared once the request is complete (idle keep-alive is the idle timeout's)";
    session->on_data(ctx, as_bytes("GET /hel"));
    EXPECT_EQ(ctx.deadline, 5000ms) << "armed by the first byte of the next head";
    session->on_data(ctx, as_bytes("lo.txt HTTP/1.1\r\nHost: t\r\n\r\n"));
    EXPECT_FALSE(ctx.deadline);
    EXPECT_EQ(parse_responses(ctx.out).size(), 2u);
    // End of input in the middle of a head: the connection ends without an answer.
    session->on_data(ctx, as_bytes("GET /x"));
    session->on_close(ctx);
    EXPECT_TRUE(ctx.closed);
    EXPECT_EQ(parse_responses(ctx.out).size(), 2u);
}

TEST_F(http_server_test, access_log_records_each_request) {
    std::vector<std::string> lines;
    auto o = options();
    o.access_log = [&](const access_record& r) {
        lines.push_back(std::string(r.method) + " " + std::string(r.target) + " " + std::to_string(r.status) +
                        " " + std::to_string(r.body_bytes) + " " + std::string(r.user_agent));
    };
    (void)run(get("/hello.txt", "User-Agent: t/1\r\n") + "HEAD /nope HTTP/1.1\r\nHost: t\r\n\r\nBAD\r\n\r\n",
              0, o);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "GET /hello.txt 200 13 t/1");
    EXPECT_EQ(lines[1], "HEAD /nope 404 0 ");
    EXPECT_EQ(lines[2], "  400 16 ");  // "400 Bad Request\n"
}

TEST_F(http_server_test, a_reused_descriptor_still_sees_changes_in_place) {
    write_file(root_ / "changing.txt", "one\n");
    auto srv = file_server::create(options());
    ASSERT_TRUE(srv);
    auto session = (*srv)->make_session();
    fake_context ctx;
    session->on_connect(ctx);
    session->on_data(ctx, as_bytes(get("/changing.txt")));
    write_file(root_ / "changing.txt", "second version\n");  // same inode, truncated and rewritten
    session->on_data(ctx, as_bytes(get("/changing.txt")));
    fs::remove(root_ / "changing.txt");
    auto rs = parse_responses(ctx.out);
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[0].body, "one\n");
    EXPECT_EQ(rs[1].body, "second version\n") << "size and content are read afresh on every request";
    // Without reuse, a deleted file is gone at once.
    auto o = options();
    o.open_reuse = 0ms;
    write_file(root_ / "gone.txt", "x");
    auto srv2 = file_server::create(o);
    ASSERT_TRUE(srv2);
    auto s2 = (*srv2)->make_session();
    fake_context c2;
    s2->on_connect(c2);
    s2->on_data(c2, as_bytes(get("/gone.txt")));
    fs::remove(root_ / "gone.txt");
    s2->on_data(c2, as_bytes(get("/gone.txt")));
    rs = parse_responses(c2.out);
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[1].status, 404);
}

TEST_F(http_server_test, document_root_confines_in_both_modes) {
    using c = document_root::confinement;
    for (auto mode : {c::best, c::proc_check}) {
        auto root = document_root::open(root_, mode);
        ASSERT_TRUE(root) << root.error().message();
        if (mode == c::proc_check) {
            EXPECT_FALSE(root->kernel_confined());
        }
        // Inside: opened.
        for (const char* ok : {".", "hello.txt", "sub/inner.txt", "link_in", "sub/../hello.txt"})
            EXPECT_TRUE(root->open_beneath(ok)) << ok;
        // Outside, however reached: refused (EXDEV), or not found.
        for (const char* bad : {"..", "../secret.txt", "sub/../../secret.txt", "link_out", "link_rel_out",
                                "link_dir_out/secret.txt", "/etc/passwd", "link_dir_out"}) {
            auto f = root->open_beneath(bad);
            EXPECT_FALSE(f) << bad << " (mode " << static_cast<int>(mode) << ")";
            if (!f) {
                EXPECT_TRUE(f.error() == std::errc::cross_device_link ||
                            f.error() == std::errc::too_many_symbolic_link_levels)
                    << bad << ": " << f.error().message();
            }
        }
        auto missing = root->open_beneath("nope.txt");
        ASSERT_FALSE(missing);
        EXPECT_EQ(missing.error(), std::errc::no_such_file_or_directory);
    }
}

TEST_F(http_server_test, read_directory_lists_sorted_entries_without_following_links) {
    auto root = document_root::open(root_);
    ASSERT_TRUE(root) << root.error().message();
    auto sub = root->open_beneath("sub");
    ASSERT_TRUE(sub) << sub.error().message();
    for (int pass = 0; pass < 2; ++pass) {  // the descriptor's offset is not consumed: a second read sees all
        auto entries = read_directory(sub->get());
        ASSERT_TRUE(entries) << entries.error().message();
        ASSERT_EQ(entries->size(), 3u);
        EXPECT_EQ((*entries)[0].name, "a<b>&\"c.txt");
        EXPECT_EQ((*entries)[1].name, "inner.txt");
        EXPECT_EQ((*entries)[1].size, 6u);
        EXPECT_FALSE((*entries)[1].is_directory);
        EXPECT_GT((*entries)[1].modified, 0);
        EXPECT_EQ((*entries)[2].name, "sp ace.txt");
    }
    auto top = read_directory(root->fd());
    ASSERT_TRUE(top);
    bool saw_sub = false;
    for (const auto& e : *top) {
        EXPECT_NE(e.name, ".");
        EXPECT_NE(e.name, "..");
        if (e.name == "sub") saw_sub = e.is_directory;
        if (e.name == "link_dir_out") {
            EXPECT_FALSE(e.is_directory);  // the link itself, not its target
        }
    }
    EXPECT_TRUE(saw_sub);
    EXPECT_FALSE(read_directory(-1));  // EBADF
}

}  // namespace
}  // namespace sockit::http_server
