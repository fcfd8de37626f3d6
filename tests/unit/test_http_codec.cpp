// SPDX-License-Identifier: MIT
// Unit tests for the HTTP/1.1 helpers: chunked_decoder on its own, header_list tokens, target_path
// percent-decoding, message_writer (and its round trip through the parsers), reason phrases, MIME types.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sockit/core/codec_errc.hpp"
#include "sockit/http/chunked_decoder.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/message_writer.hpp"
#include "sockit/http/mime_types.hpp"
#include "sockit/http/request_parser.hpp"
#include "sockit/http/response_parser.hpp"
#include "sockit/http/status_code.hpp"
#include "sockit/http/target_path.hpp"

namespace sockit::http {
namespace {

// Decodes `in` fed in pieces of `piece` bytes; returns the data, or the error's message.
std::string decode_chunked(std::string_view in, std::size_t piece, const http_limits& limits = {}) {
    chunked_decoder d(limits);
    std::string out;
    std::size_t fed = 0;
    std::string window;  // unconsumed bytes, as a socket buffer would hold them
    while (!d.done()) {
        auto part = d.decode(as_bytes(window));
        if (!part) {
            if (part.error() != codec_errc::need_more) return "error: " + part.error().message();
            if (fed == in.size()) return out + " <need_more>";
            std::size_t n = std::min(piece, in.size() - fed);
            window.append(in.substr(fed, n));
            fed += n;
            continue;
        }
        out.append(as_chars(part->data));
        window.erase(0, part->consumed);
    }
    if (fed < in.size() || !window.empty())
        out += " <left " + std::to_string(in.size() - fed + window.size()) + ">";
    return out;
}

TEST(HttpChunked, DecoderTable) {
    http_limits small;
    small.max_body = 5;
    http_limits few_trailers;
    few_trailers.max_fields = 1;
    struct row {
        const char* why;
        std::string in;
        std::string out;
        http_limits limits;
    };
    const std::vector<row> rows = {
        // Plain chunks, then the last chunk and an empty trailer section.
        {"two chunks", "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", "abcde", {}},
        // Only the last chunk: an empty body.
        {"empty body", "0\r\n\r\n", "", {}},
        // Leading zeros and both hex cases.
        {"hex sizes", "00a\r\n0123456789\r\n0B\r\nabcdefghijk\r\n000\r\n\r\n", "0123456789abcdefghijk", {}},
        // Extensions, BWS before ';' and around '=', quoted strings with escapes.
        {"extensions", "1 ;a;b=c ; d = \"x\\\"y\"\r\nZ\r\n0;last\r\n\r\n", "Z", {}},
        // Trailer fields are validated and dropped.
        {"trailers", "1\r\nx\r\n0\r\nA: 1\r\nB:\r\n\r\n", "x", {}},
        // Bytes after the body are left for the next message.
        {"bytes after", "1\r\nx\r\n0\r\n\r\nGET", "x <left 3>", {}},
        // Cut short: need more.
        {"cut in data", "5\r\nab", "ab <need_more>", {}},
        {"cut in trailer", "0\r\nA: 1\r\n", " <need_more>", {}},
        // Malformed sizes.
        {"0x prefix", "0x1\r\nz\r\n", "error: malformed chunked encoding", {}},
        {"sign", "+1\r\nz\r\n", "error: malformed chunked encoding", {}},
        {"17 hex digits", "10000000000000000\r\n", "error: malformed chunked encoding", {}},
        {"leading space", " 1\r\nz\r\n", "error: malformed chunked encoding", {}},
        {"data too long", "1\r\nzz\r\n", "error: malformed chunked encoding", {}},
        {"CR without LF", "1\rz", "error: malformed chunked encoding", {}},
        {"ext value missing", "1;a=\r\nz\r\n", "error: malformed chunked encoding", {}},
        {"control in quoted ext", "1;a=\"\x01\"\r\nz\r\n", "error: malformed chunked encoding", {}},
        // Limits: the body (data delivered before the crossing chunk stays delivered), trailer count.
        {"over max_body", "3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n", "error: body too large", small},
        {"at max_body", "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", "abcde", small},
        {"too many trailers", "0\r\nA: 1\r\nB: 2\r\n\r\n", "error: too many header fields", few_trailers},
        // Trailer syntax.
        {"trailer without colon", "0\r\nAB\r\n\r\n", "error: malformed header field", {}},
        {"trailer NUL", std::string("0\r\nA: \0\r\n\r\n", 11), "error: malformed header field", {}},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.why);
        const std::string whole = decode_chunked(r.in, r.in.size() + 1, r.limits);
        EXPECT_EQ(whole, r.out);
        for (std::size_t piece : {1U, 2U, 3U, 7U})
            EXPECT_EQ(decode_chunked(r.in, piece, r.limits), whole) << piece;
    }
}

TEST(HttpChunked, DataIsAViewAndErrorsStick) {
    const std::string in = "4\r\nwxyz\r\n0\r\n\r\n";
    chunked_decoder d;
    auto part = d.decode(as_bytes(in));
    ASSERT_TRUE(part);
    EXPECT_EQ(part->data.data(), as_bytes(in).data() + 3);  // zero-copy
    EXPECT_EQ(part->consumed, 7U);
    EXPECT_EQ(d.decoded(), 4U);
    part = d.decode(as_bytes(in).subspan(7));
    ASSERT_TRUE(part);
    EXPECT_TRUE(part->done);
    EXPECT_EQ(part->consumed, in.size() - 7);
    EXPECT_TRUE(d.decode(bytes_view{})->done);  // done stays done
    d.reset();
    EXPECT_EQ(d.decode(as_bytes(std::string_view("x"))).error(), http_errc::bad_chunk);
    EXPECT_EQ(d.decode(as_bytes(std::string_view("0\r\n\r\n"))).error(), http_errc::bad_chunk);  // sticky
}

TEST(HttpHeaderList, TokensAndLookup) {
    const std::vector<header_field> fields = {
        {"Connection", "keep-alive, Upgrade"},
        {"connection", " ,\tTE ,"},
        {"X", "closed"},
    };
    header_list h(fields);
    struct row {
        const char* why;
        std::string_view name;
        std::string_view token;
        bool has;
    };
    const row rows[] = {
        {"first element", "Connection", "keep-alive", true},
        {"case-insensitive token", "Connection", "upgrade", true},
        {"second field line, OWS and empty elements", "CONNECTION", "te", true},
        {"absent token", "Connection", "close", false},
        {"prefix is not a token match", "X", "close", false},
        {"absent field", "Y", "closed", false},
    };
    for (const auto& r : rows) EXPECT_EQ(h.has_token(r.name, r.token), r.has) << r.why;
    EXPECT_EQ(h.count("connection"), 2U);
    EXPECT_TRUE(h.contains("x"));
    EXPECT_TRUE(ascii_iequals("Content-Length", "content-LENGTH"));
    EXPECT_FALSE(ascii_iequals("Content-Length", "Content-Lengt"));
    EXPECT_FALSE(ascii_iequals("[", "{"));  // only letters fold
}

TEST(HttpTargetPath, DecodingTable) {
    struct row {
        const char* why;
        std::string_view target;
        std::string path;  // or the error message
        std::string_view query;
        bool encoded_slash;
        bool dot_segment;
    };
    const row rows[] = {
        {"plain", "/index.html", "/index.html", "", false, false},
        {"query", "/a?b=c&d", "/a", "b=c&d", false, false},
        {"fragment dropped", "/a?q#frag", "/a", "q", false, false},
        {"percent space, mixed case hex", "/a%20b%2a%2A", "/a b**", "", false, false},
        {"UTF-8", "/caf%C3%A9", "/caf\xc3\xa9", "", false, false},
        {"plus is not a space", "/a+b", "/a+b", "", false, false},
        {"encoded slash reported", "/a%2Fb", "/a/b", "", true, false},
        {"encoded slash lower-case", "/a%2fb", "/a/b", "", true, false},
        {"dot-dot", "/a/../b", "/a/../b", "", false, true},
        {"encoded dot-dot", "/%2e%2e/etc/passwd", "/../etc/passwd", "", false, true},
        {"trailing dot", "/a/.", "/a/.", "", false, true},
        {"dots inside a name are fine", "/a..b/.c", "/a..b/.c", "", false, false},
        {"encoded dot-dot-slash", "/a%2e%2e%2fb", "/a../b", "", true, false},
        {"dot-dot via encoded slash", "/a%2f..%2fb", "/a/../b", "", true, true},
        {"absolute-form", "http://example.org/x?y", "/x", "y", false, false},
        {"absolute-form, no path", "HTTP://example.org", "/", "", false, false},
        {"absolute-form, query only", "http://h?q=1", "/", "q=1", false, false},
        {"encoded NUL", "/a%00b", "encoded NUL in path", "", false, false},
        {"truncated escape", "/a%2", "malformed percent-encoding", "", false, false},
        {"escape at end", "/a%", "malformed percent-encoding", "", false, false},
        {"non-hex escape", "/a%zz", "malformed percent-encoding", "", false, false},
        {"asterisk-form", "*", "request target is not a path", "", false, false},
        {"authority-form", "example.org:443", "request target is not a path", "", false, false},
        {"other scheme", "ftp://h/x", "request target is not a path", "", false, false},
        {"empty", "", "request target is not a path", "", false, false},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(r.why);
        auto p = target_path::parse(r.target);
        if (!p) {
            EXPECT_EQ(p.error().message(), r.path);
            continue;
        }
        EXPECT_EQ(p->path, r.path);
        EXPECT_EQ(p->query, r.query);
        EXPECT_EQ(p->encoded_slash, r.encoded_slash);
        EXPECT_EQ(p->dot_segment, r.dot_segment);
    }
    EXPECT_EQ(target_path::parse("/%00").error(), http_errc::encoded_nul);
}

TEST(HttpWriter, RequestAndResponseRoundTrip) {
    byte_buffer out;
    message_writer w(out);
    ASSERT_TRUE(w.request_line("POST", "/up?x=1"));
    ASSERT_TRUE(w.header("Host", "localhost"));
    ASSERT_TRUE(w.header("X-Empty", ""));
    w.content_length(5);
    w.end_head();
    w.body(as_bytes(std::string_view("hello")));
    EXPECT_EQ(as_chars(out),
              "POST /up?x=1 HTTP/1.1\r\nHost: localhost\r\nX-Empty: \r\nContent-Length: 5\r\n\r\nhello");
    request_parser rp;
    auto n = rp.parse_head(bytes_view(out));
    ASSERT_TRUE(n);
    EXPECT_EQ(rp.head().method, "POST");
    EXPECT_EQ(rp.head().target, "/up?x=1");
    EXPECT_EQ(rp.head().body.length, 5U);

    byte_buffer resp;
    message_writer rw(resp);
    ASSERT_TRUE(rw.status_line(404));
    ASSERT_TRUE(rw.header("Transfer-Encoding", "chunked"));
    rw.end_head();
    rw.chunk(as_bytes(std::string_view("0123456789abcdefg")));
    rw.chunk({});  // writes nothing
    rw.last_chunk();
    EXPECT_EQ(
        as_chars(resp),
        "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n0123456789abcdefg\r\n0\r\n\r\n");
    response_parser pp;
    auto h = pp.parse_head(bytes_view(resp));
    ASSERT_TRUE(h);
    EXPECT_EQ(pp.head().status, 404);
    EXPECT_EQ(pp.head().reason, "Not Found");
    std::string body;
    bytes_view rest = bytes_view(resp).subspan(*h);
    while (!pp.message_complete()) {
        auto part = pp.read_body(rest);
        ASSERT_TRUE(part);
        body.append(as_chars(part->data));
        rest = rest.subspan(part->consumed);
    }
    EXPECT_EQ(body, "0123456789abcdefg");

    byte_buffer other;
    message_writer ow(other);
    ASSERT_TRUE(ow.status_line(299, "", {1, 0}));  // unregistered code, no phrase
    ASSERT_TRUE(ow.status_line(200, "Fine", {1, 0}));
    EXPECT_EQ(as_chars(other), "HTTP/1.0 299 \r\nHTTP/1.0 200 Fine\r\n");
}

TEST(HttpWriter, RefusesWhatCouldSplitOrSmuggle) {
    struct row {
        const char* why;
        std::string_view name;
        std::string_view value;
    };
    const row bad_headers[] = {
        {"CRLF injection in value", "X", "a\r\nInjected: 1"},
        {"LF in value", "X", "a\nb"},
        {"NUL in value", "X", std::string_view("a\0b", 3)},
        {"leading space lost by parsers", "X", " a"},
        {"trailing tab lost by parsers", "X", "a\t"},
        {"space in name", "X Y", "1"},
        {"colon in name", "X:", "1"},
        {"empty name", "", "1"},
    };
    byte_buffer out;
    message_writer w(out);
    for (const auto& r : bad_headers)
        EXPECT_EQ(w.header(r.name, r.value).error(), http_errc::bad_field_value) << r.why;
    EXPECT_FALSE(w.request_line("GET", "/a b"));        // space in target
    EXPECT_FALSE(w.request_line("GET", ""));            // empty target
    EXPECT_FALSE(w.request_line("G T", "/"));           // method not a token
    EXPECT_FALSE(w.request_line("GET", "/", {10, 1}));  // version digits
    EXPECT_FALSE(w.status_line(99));                    // below 100
    EXPECT_FALSE(w.status_line(600));                   // above 599
    EXPECT_FALSE(w.status_line(200, "OK\r\nX: y"));     // reason injection
    EXPECT_TRUE(out.empty());                           // nothing written on refusal
    EXPECT_TRUE(w.header("X", "a \t b"));               // inner whitespace is fine
}

TEST(HttpStatus, ReasonPhrases) {
    struct row {
        int code;
        std::string_view reason;
    };
    const row rows[] = {
        {100, "Continue"},           // first entry
        {200, "OK"},                 // the common one
        {206, "Partial Content"},    // Range
        {304, "Not Modified"},       // If-Modified-Since
        {413, "Content Too Large"},  // RFC 9110 name (was Payload Too Large)
        {416, "Range Not Satisfiable"},
        {431, "Request Header Fields Too Large"},  // RFC 6585
        {511, "Network Authentication Required"},  // last entry
        {299, ""},                                 // unregistered
        {0, ""},                                   // out of range
        {-1, ""},
    };
    for (const auto& r : rows) EXPECT_EQ(reason_phrase(r.code), r.reason) << r.code;
    EXPECT_EQ(status_class(404), 4);
    EXPECT_EQ(status_class(600), 0);
}

TEST(HttpMime, TypesByExtension) {
    struct row {
        const char* why;
        std::string_view name;
        std::string_view sample;
        std::string_view type;
    };
    const row rows[] = {
        {"html", "index.html", "", "text/html; charset=utf-8"},
        {"upper-case extension", "INDEX.HTM", "", "text/html; charset=utf-8"},
        {"path with dots in directories", "/srv/v1.2/app.js", "", "text/javascript; charset=utf-8"},
        {"last extension wins", "a.tar.gz", "", "application/gzip"},
        {"png", "x.png", "", "image/png"},
        {"first table entry", "a.7z", "", "application/x-7z-compressed"},
        {"last table entry", "a.zst", "", "application/zstd"},
        {"unknown extension, text sample", "notes.weird", "plain words\n", "text/plain; charset=utf-8"},
        {"no extension, UTF-8 sample", "README", "caf\xc3\xa9\tok\r\n", "text/plain; charset=utf-8"},
        {"no extension, binary sample", "a.out",
         std::string_view("\x7f"
                          "ELF\0\0",
                          6),
         "application/octet-stream"},
        {"no extension, no sample", "LICENSE", "", "application/octet-stream"},
        {"hidden file is not an extension", ".html", "", "application/octet-stream"},
        {"trailing dot", "file.", "", "application/octet-stream"},
        {"overlong extension", "a.abcdefghijklmnopqrstuvwxyz", "", "application/octet-stream"},
        {"invalid UTF-8 sample", "x", "\xc3\x28", "application/octet-stream"},
        {"UTF-8 cut at the end of the sample", "x", "ab\xe2\x82", "text/plain; charset=utf-8"},
        {"overlong UTF-8 encoding", "x", "\xc0\xaf", "application/octet-stream"},
        {"UTF-16 surrogate in UTF-8", "x", "\xed\xa0\x80", "application/octet-stream"},
    };
    for (const auto& r : rows) EXPECT_EQ(mime_type_for(r.name, as_bytes(r.sample)), r.type) << r.why;
}

}  // namespace
}  // namespace sockit::http
