// SPDX-License-Identifier: MIT
// Unit tests for http::request_parser: valid requests of every framing, the request-smuggling table
// (RFC 9112 §6.3, §5.2), limits, pipelining, split/byte-by-byte/truncated parses and a guard page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../fuzz/http_transcript.hpp"
#include "guarded_buffer.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/request_parser.hpp"

namespace sockit::http {
namespace {

using fuzz::byte_by_byte;
using fuzz::describe_error;
using fuzz::parse_requests;
using fuzz::random_splits;

struct valid_row {
    const char* why;
    std::string input;
    std::string method;
    std::string target;
    int minor;
    body_kind kind;
    std::uint64_t length;
    std::string body;
    bool keep_alive;
    std::size_t fields;
};

const std::vector<valid_row>& valid_requests() {
    static const std::vector<valid_row> rows = {
        // The netcat lab: typed lines end with a bare LF.
        {"netcat lab, LF line ends", "GET / HTTP/1.1\nHost: example.org\n\n", "GET", "/", 1, body_kind::none,
         0, "", true, 1},
        // A typical browser GET with CRLF everywhere.
        {"browser GET",
         "GET /index.html?q=1 HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: Mozilla/5.0 (X11; Linux "
         "x86_64)\r\n"
         "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.5\r\n"
         "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n\r\n",
         "GET", "/index.html?q=1", 1, body_kind::none, 0, "", true, 6},
        // HTTP/1.0 needs no Host and closes by default.
        {"HTTP/1.0 without Host", "GET /a HTTP/1.0\r\n\r\n", "GET", "/a", 0, body_kind::none, 0, "", false,
         0},
        // HTTP/1.0 keeps the connection only when asked.
        {"HTTP/1.0 keep-alive", "HEAD /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", "HEAD", "/a", 0,
         body_kind::none, 0, "", true, 1},
        // HTTP/1.1 with Connection: close among other tokens.
        {"HTTP/1.1 close token", "GET / HTTP/1.1\r\nHost: h\r\nConnection: te, close\r\n\r\n", "GET", "/", 1,
         body_kind::none, 0, "", false, 2},
        // A Content-Length body.
        {"POST Content-Length", "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world",
         "POST", "/form", 1, body_kind::content_length, 11, "hello world", true, 2},
        // Content-Length: 0 is a body of no bytes.
        {"Content-Length 0", "PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", "PUT", "/x", 1,
         body_kind::content_length, 0, "", true, 2},
        // A list of identical Content-Length values is one value (RFC 9110 §8.6).
        {"Content-Length list of equal values",
         "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3, 3\r\n\r\nabc", "POST", "/", 1,
         body_kind::content_length, 3, "abc", true, 2},
        // Two identical Content-Length lines likewise.
        {"two equal Content-Length lines",
         "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabc", "POST", "/", 1,
         body_kind::content_length, 3, "abc", true, 3},
        // Chunked with extensions (token and quoted values), leading zeros, a trailer.
        {"chunked with extensions and trailer",
         "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5;name=value\r\nhello\r\n0006 ; a = \"q\\\"x\" ;b\r\n world\r\n0\r\nExpires: never\r\nX-Sum: "
         "1\r\n\r\n",
         "POST", "/up", 1, body_kind::chunked, 0, "hello world", true, 2},
        // Coding names are case-insensitive; HTAB is OWS.
        {"Chunked, tab OWS",
         "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\tChunked \r\n\r\n1\r\nx\r\n0\r\n\r\n", "POST", "/",
         1, body_kind::chunked, 0, "x", true, 2},
        // Empty list elements in Transfer-Encoding are ignored.
        {"empty TE list elements",
         "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: , chunked,\r\n\r\n0\r\n\r\n", "POST", "/", 1,
         body_kind::chunked, 0, "", true, 2},
        // Chunk sizes in upper-case hex, data holding CRLF.
        {"hex sizes, CRLF inside data",
         "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123\r\n5678\r\n0\r\n\r\n",
         "POST", "/", 1, body_kind::chunked, 0, "0123\r\n5678", true, 2},
        // Empty lines before the request-line are skipped (RFC 9112 §2.2).
        {"leading empty lines", "\r\n\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", "GET", "/", 1, body_kind::none,
         0, "", true, 1},
        // OWS around values is not part of them; empty values are allowed.
        {"OWS trimmed, empty value", "GET / HTTP/1.1\r\nHost:h\r\nX-Empty:\r\nX-Pad: \t a b \t\r\n\r\n",
         "GET", "/", 1, body_kind::none, 0, "", true, 3},
        // obs-text (bytes >= 0x80) is allowed in values.
        {"obs-text value", "GET / HTTP/1.1\r\nHost: h\r\nX-Name: caf\xc3\xa9\r\n\r\n", "GET", "/", 1,
         body_kind::none, 0, "", true, 2},
        // absolute-form, asterisk-form and authority-form targets.
        {"absolute-form", "GET http://h/p?x HTTP/1.1\r\nHost: h\r\n\r\n", "GET", "http://h/p?x", 1,
         body_kind::none, 0, "", true, 1},
        {"asterisk-form", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n", "OPTIONS", "*", 1, body_kind::none, 0, "",
         true, 1},
        {"authority-form", "CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n", "CONNECT", "h:443", 1,
         body_kind::none, 0, "", true, 1},
        // A later HTTP/1.x minor version is treated as 1.1 (RFC 9110 §6.2).
        {"HTTP/1.9", "GET / HTTP/1.9\r\nHost: h\r\n\r\n", "GET", "/", 9, body_kind::none, 0, "", true, 1},
        // Extension methods are tokens.
        {"extension method", "M-SEARCH! / HTTP/1.1\r\nHost: h\r\n\r\n", "M-SEARCH!", "/", 1, body_kind::none,
         0, "", true, 1},
    };
    return rows;
}

TEST(HttpRequest, ValidRequestsOfEveryFraming) {
    for (const auto& row : valid_requests()) {
        SCOPED_TRACE(row.why);
        request_parser p;
        auto n = p.parse_head(row.input);
        ASSERT_TRUE(n) << n.error().message();
        const request_head& h = p.head();
        EXPECT_EQ(h.method, row.method);
        EXPECT_EQ(h.target, row.target);
        EXPECT_EQ(h.version.major, 1);
        EXPECT_EQ(h.version.minor, row.minor);
        EXPECT_EQ(h.body.kind, row.kind);
        EXPECT_EQ(h.body.length, row.length);
        EXPECT_EQ(h.keep_alive(), row.keep_alive);
        EXPECT_EQ(h.headers.size(), row.fields);
        std::string body;
        bytes_view rest = as_bytes(row.input).subspan(*n);
        while (!p.message_complete()) {
            auto part = p.read_body(rest);
            ASSERT_TRUE(part) << part.error().message();
            body.append(as_chars(part->data));
            rest = rest.subspan(part->consumed);
        }
        EXPECT_EQ(body, row.body);
        EXPECT_TRUE(rest.empty());  // everything consumed, nothing more
        // The transcript of the whole parse names the body and ends cleanly.
        EXPECT_EQ(parse_requests(row.input).find("error"), std::string::npos);
    }
}

TEST(HttpRequest, HeaderViewsAndLookup) {
    const std::string in = "GET / HTTP/1.1\r\nHost: a.example\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n";
    request_parser p;
    ASSERT_TRUE(p.parse_head(in));
    const auto& h = p.head().headers;
    EXPECT_EQ(h.find("HOST"), "a.example");  // case-insensitive name
    EXPECT_EQ(h.find("x-DUP"), "1");         // first of several
    EXPECT_EQ(h.count("X-Dup"), 2U);
    EXPECT_FALSE(h.find("Missing").has_value());
    EXPECT_EQ(h[0].name, "Host");  // names keep their case
    // Views point into the caller's buffer: zero-copy.
    EXPECT_GE(h[0].value.data(), in.data());
    EXPECT_LT(h[0].value.data(), in.data() + in.size());
}

struct error_row {
    const char* why;
    std::string input;
    http_errc error;
};

const std::string host = "Host: h\r\n";
// Request heads most rows start with; each row adds only what it is about.
const std::string get = "GET / HTTP/1.1\r\nHost: h\r\n";
const std::string post = "POST / HTTP/1.1\r\nHost: h\r\n";
const std::string chunked_post = post + "Transfer-Encoding: chunked\r\n\r\n";

const std::vector<error_row>& malformed_requests() {
    static const std::vector<error_row> rows = {
        // --- request smuggling: framing ---
        // CL and TE together (CL.TE / TE.CL desync).
        {"CL then TE", post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         http_errc::te_and_content_length},
        {"TE then CL", post + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
         http_errc::te_and_content_length},
        // Two Content-Length lines that differ.
        {"two different CLs", post + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
         http_errc::duplicate_content_length},
        // A list of differing values.
        {"Content-Length: 1, 2", post + "Content-Length: 1, 2\r\n\r\nab",
         http_errc::duplicate_content_length},
        // Content-Length must be 1*DIGIT.
        {"negative CL", post + "Content-Length: -1\r\n\r\n", http_errc::bad_content_length},
        {"signed CL", post + "Content-Length: +5\r\n\r\n", http_errc::bad_content_length},
        {"hex CL", post + "Content-Length: 0x10\r\n\r\n", http_errc::bad_content_length},
        {"CL with inner space", post + "Content-Length: 1 0\r\n\r\n", http_errc::bad_content_length},
        {"empty CL", post + "Content-Length:\r\n\r\n", http_errc::bad_content_length},
        {"CL list with empty element", post + "Content-Length: 1,\r\n\r\nx", http_errc::bad_content_length},
        // 2^64 and beyond overflow.
        {"CL 2^64", post + "Content-Length: 18446744073709551616\r\n\r\n", http_errc::bad_content_length},
        {"CL 30 digits", post + "Content-Length: 999999999999999999999999999999\r\n\r\n",
         http_errc::bad_content_length},
        // A CL that fits but exceeds max_body (8 MiB by default): 413 before any body byte.
        {"CL over max_body", post + "Content-Length: 8388609\r\n\r\n", http_errc::body_too_large},
        // Transfer codings other than a single final chunked.
        {"gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n",
         http_errc::unsupported_transfer_coding},
        {"chunked not final", post + "Transfer-Encoding: chunked, gzip\r\n\r\n",
         http_errc::bad_transfer_encoding},
        {"only gzip", post + "Transfer-Encoding: gzip\r\n\r\n", http_errc::bad_transfer_encoding},
        {"chunked twice in a list", post + "Transfer-Encoding: chunked, chunked\r\n\r\n",
         http_errc::bad_transfer_encoding},
        {"chunked on two lines", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
         http_errc::bad_transfer_encoding},
        {"xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n", http_errc::bad_transfer_encoding},
        {"chunked with a parameter", post + "Transfer-Encoding: chunked;q=1\r\n\r\n",
         http_errc::bad_transfer_encoding},
        {"empty TE", post + "Transfer-Encoding: \r\n\r\n", http_errc::bad_transfer_encoding},
        {"TE value not a token", post + "Transfer-Encoding: \"chunked\"\r\n\r\n",
         http_errc::bad_transfer_encoding},
        // TE in an HTTP/1.0 request: the framing is faulty (RFC 9112 §6.1).
        {"TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         http_errc::bad_transfer_encoding},
        // --- request smuggling: field syntax ---
        {"space before colon", post + "Transfer-Encoding : chunked\r\n\r\n", http_errc::space_before_colon},
        {"tab before colon", "GET / HTTP/1.1\r\nHost\t: h\r\n\r\n", http_errc::space_before_colon},
        {"obs-fold", get + "X-A: a\r\n b\r\n\r\n", http_errc::obs_fold},
        {"obs-fold hiding TE", post + "Transfer-Encoding:\r\n chunked\r\n\r\n", http_errc::obs_fold},
        {"whitespace before the first field", "GET / HTTP/1.1\r\n Host: h\r\n\r\n", http_errc::obs_fold},
        {"bare CR in a value", get + "X-A: a\rb\r\n\r\n", http_errc::bare_cr},
        {"CR CR LF", get + "X-A: a\r\r\n\r\n", http_errc::bare_cr},
        {"bare CR in request-line", "GET /\r HTTP/1.1\r\n" + host + "\r\n", http_errc::bare_cr},
        {"NUL in a value", std::string("GET / HTTP/1.1\r\nHost: h\r\nX-A: a") + '\0' + "b\r\n\r\n",
         http_errc::bad_header},
        {"DEL in a value", get + "X-A: a\x7f\r\n\r\n", http_errc::bad_header},
        {"no colon", get + "X-A\r\n\r\n", http_errc::bad_header},
        {"empty name", get + ": x\r\n\r\n", http_errc::bad_header},
        {"invalid token char in name", get + "X@Y: 1\r\n\r\n", http_errc::bad_header},
        {"non-ASCII name", get + "X\xc3\xa9: 1\r\n\r\n", http_errc::bad_header},
        // --- request smuggling: chunk framing ---
        {"chunk size 0x10", post + "Transfer-Encoding: chunked\r\n\r\n0x10\r\n", http_errc::bad_chunk},
        {"chunk size -1", post + "Transfer-Encoding: chunked\r\n\r\n-1\r\n", http_errc::bad_chunk},
        {"chunk size 1 0", post + "Transfer-Encoding: chunked\r\n\r\n1 0\r\n", http_errc::bad_chunk},
        {"chunk size with trailing space", post + "Transfer-Encoding: chunked\r\n\r\n1 \r\nx",
         http_errc::bad_chunk},
        {"chunk size over 64 bits", post + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\n",
         http_errc::bad_chunk},
        {"chunk size over max_body", post + "Transfer-Encoding: chunked\r\n\r\nfffffffff\r\n",
         http_errc::body_too_large},
        {"empty chunk-size line", post + "Transfer-Encoding: chunked\r\n\r\n\r\n", http_errc::bad_chunk},
        {"missing CRLF after chunk data", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
         http_errc::bad_chunk},
        {"LF only after chunk data", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n",
         http_errc::bad_chunk},
        {"bare LF after chunk size", post + "Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n",
         http_errc::bad_chunk},
        {"bare LF in chunk extension", post + "Transfer-Encoding: chunked\r\n\r\n3;a\nabc\r\n0\r\n\r\n",
         http_errc::bad_chunk},
        {"unterminated quoted extension", post + "Transfer-Encoding: chunked\r\n\r\n3;a=\"x\r\nabc\r\n",
         http_errc::bad_chunk},
        {"extension without name", post + "Transfer-Encoding: chunked\r\n\r\n3;=x\r\nabc\r\n",
         http_errc::bad_chunk},
        {"BWS before CRLF in extension", post + "Transfer-Encoding: chunked\r\n\r\n3;a \r\nabc\r\n",
         http_errc::bad_chunk},
        {"obs-fold in trailer", post + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n",
         http_errc::obs_fold},
        {"space before colon in trailer", post + "Transfer-Encoding: chunked\r\n\r\n0\r\nX : a\r\n\r\n",
         http_errc::space_before_colon},
        {"bare LF ends trailers", post + "Transfer-Encoding: chunked\r\n\r\n0\r\n\n", http_errc::bad_chunk},
        {"bare CR in trailer", post + "Transfer-Encoding: chunked\r\n\r\n0\r\nX: a\rb\r\n\r\n",
         http_errc::bare_cr},
        // --- request-line ---
        {"double space", "GET  / HTTP/1.1\r\n" + host + "\r\n", http_errc::bad_request_line},
        {"trailing space", "GET / HTTP/1.1 \r\n" + host + "\r\n", http_errc::bad_request_line},
        {"tab separator", "GET\t/ HTTP/1.1\r\n" + host + "\r\n", http_errc::bad_request_line},
        {"HTTP/0.9 simple request", "GET /\r\n\r\n", http_errc::bad_request_line},
        {"lower-case version", "GET / http/1.1\r\n" + host + "\r\n", http_errc::bad_request_line},
        {"two-digit minor", "GET / HTTP/1.10\r\n" + host + "\r\n", http_errc::bad_request_line},
        {"non-token method", "G(T / HTTP/1.1\r\n" + host + "\r\n", http_errc::bad_request_line},
        {"non-ASCII target", "GET /caf\xc3\xa9 HTTP/1.1\r\n" + host + "\r\n", http_errc::bad_request_line},
        {"HTTP/2.0", "GET / HTTP/2.0\r\n" + host + "\r\n", http_errc::bad_version},
        {"HTTP/0.9 versioned", "GET / HTTP/0.9\r\n" + host + "\r\n", http_errc::bad_version},
        {"binary garbage", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n", 12),
         http_errc::bad_request_line},
        // --- Host (RFC 9112 §3.2) ---
        {"HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", http_errc::missing_host},
        {"two Host lines", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", http_errc::duplicate_host},
    };
    return rows;
}

// Checks that `input`, parsed whole under `limits`, ends with `error`, and that it parses to the same
// transcript byte by byte and split at random with `seeds` seeds.
void expect_error_however_split(const std::string& input, http_errc error, const http_limits& limits,
                                std::uint32_t seeds) {
    const std::string expected = describe_error(make_error_code(error));
    const std::string whole = parse_requests(input, {}, limits);
    ASSERT_GE(whole.size(), expected.size()) << whole;
    EXPECT_EQ(whole.substr(whole.size() - expected.size()), expected) << whole;
    EXPECT_EQ(parse_requests(input, byte_by_byte(), limits), whole);
    for (std::uint32_t seed = 1; seed <= seeds; ++seed) {
        EXPECT_EQ(parse_requests(input, random_splits(seed), limits), whole);
    }
}

TEST(HttpRequest, SmugglingAndMalformedTableRejectedWithTheRightError) {
    for (const auto& row : malformed_requests()) {
        SCOPED_TRACE(row.why);
        expect_error_however_split(row.input, row.error, {}, 8);
        // Errors are sticky: the parser does not resynchronize on the rest of the stream.
        request_parser p;
        auto first = p.parse_head(row.input);
        if (!first) {
            EXPECT_EQ(p.parse_head(std::string_view("GET / HTTP/1.1\r\nHost: h\r\n\r\n")).error(),
                      first.error());
        }
    }
}

struct limit_row {
    const char* why;
    http_limits limits;
    std::string input;
    http_errc error;
};

http_limits with(std::size_t http_limits::*field, std::size_t value) {
    http_limits l;
    l.*field = value;
    return l;
}

TEST(HttpRequest, LimitsAreEnforcedWithTheirStatus) {
    http_limits small_body;
    small_body.max_body = 4;
    http_limits no_host;
    no_host.require_host = false;
    const std::vector<limit_row> rows = {
        // A request-line over max_start_line: 414, even before its LF arrives.
        {"long request-line", with(&http_limits::max_start_line, 20), "GET /" + std::string(30, 'a'),
         http_errc::uri_too_long},
        // A request-line exactly at the limit passes (20 bytes + CR counts 21: limit 21).
        {"request-line at limit", with(&http_limits::max_start_line, 21),
         "GET /aaaa HTTP/1.1\r\nHost: h\r\n\r\n\x01\r\n", http_errc::bad_request_line},
        // A field line over max_field_line: 431.
        {"long field line", with(&http_limits::max_field_line, 16),
         "GET / HTTP/1.1\r\nX-Long: " + std::string(20, 'v'), http_errc::header_too_large},
        // A head over max_head: 431.
        {"long head", with(&http_limits::max_head, 40),
         "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", http_errc::header_too_large},
        // Endless empty lines before a request-line still count against max_head.
        {"endless empty lines", with(&http_limits::max_head, 64), std::string(200, '\n'),
         http_errc::header_too_large},
        // More field lines than max_fields: 431.
        {"too many fields", with(&http_limits::max_fields, 2),
         "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", http_errc::too_many_headers},
        // A chunked body growing past max_body: 413 at the chunk-size line that crosses it.
        {"chunked over max_body", small_body,
         "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
         http_errc::body_too_large},
        // A Content-Length over max_body: 413 from the head.
        {"CL over max_body", small_body, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nabcde",
         http_errc::body_too_large},
        // A chunk-size line (extensions) over max_chunk_line.
        {"long chunk extension", with(&http_limits::max_chunk_line, 10),
         "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "
         "chunked\r\n\r\n1;aaaaaaaaaaaaaaa\r\nx\r\n0\r\n\r\n",
         http_errc::bad_chunk},
        // Trailers count against max_head too.
        {"long trailers", with(&http_limits::max_head, 70),
         "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + std::string(80, 'T') +
             ": v\r\n\r\n",
         http_errc::header_too_large},
        // Without require_host an HTTP/1.1 request without Host is fine; the next garbage is not.
        {"require_host off", no_host, "GET / HTTP/1.1\r\n\r\nBAD\r\n\r\n", http_errc::bad_request_line},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.why);
        expect_error_however_split(row.input, row.error, row.limits, 4);
    }
}

TEST(HttpRequest, WholeByteByByteAndRandomSplitsAgree) {
    for (const auto& row : valid_requests()) {
        SCOPED_TRACE(row.why);
        const std::string whole = parse_requests(row.input);
        EXPECT_EQ(whole.substr(whole.size() - 4), "end\n") << whole;
        EXPECT_EQ(parse_requests(row.input, byte_by_byte()), whole);
        for (std::uint32_t seed = 1; seed <= 20; ++seed)
            EXPECT_EQ(parse_requests(row.input, random_splits(seed)), whole);
    }
}

TEST(HttpRequest, PipelinedRequestsParseLikeSingleOnes) {
    // Every valid request back to back on one connection: the transcript is the concatenation.
    std::string stream;
    std::string expected;
    for (const auto& row : valid_requests()) {
        stream += row.input;
        std::string one = parse_requests(row.input);
        expected += one.substr(0, one.size() - 4);  // without "end\n"
    }
    expected += "end\n";
    EXPECT_EQ(parse_requests(stream), expected);
    EXPECT_EQ(parse_requests(stream, byte_by_byte()), expected);
    for (std::uint32_t seed = 1; seed <= 10; ++seed) {
        EXPECT_EQ(parse_requests(stream, random_splits(seed, 200, 300)), expected);
    }
}

TEST(HttpRequest, TruncatedAtEveryOffsetNeedsMore) {
    std::vector<std::string> inputs;
    for (const auto& row : valid_requests()) inputs.push_back(row.input);
    for (const std::string& input : inputs) {
        SCOPED_TRACE(input);
        for (std::size_t n = 1; n < input.size(); ++n) {
            const std::string t = parse_requests(std::string_view(input).substr(0, n));
            ASSERT_EQ(t.substr(t.size() - 10), "need_more\n") << "cut at " << n << ":\n" << t;
        }
        EXPECT_EQ(parse_requests(""), "end\n");
    }
}

TEST(HttpRequest, InputBeforeAGuardPage) {
    sockit::test::guarded_buffer guard;
    ASSERT_TRUE(guard.ok());
    std::vector<std::string> inputs;
    for (const auto& row : valid_requests()) inputs.push_back(row.input);
    for (const auto& row : malformed_requests()) inputs.push_back(row.input);
    std::size_t checked = 0;
    for (const std::string& input : inputs) {
        ASSERT_LE(input.size(), guard.capacity());
        // Every prefix, so that each possible last byte sits right before the guard page.
        for (std::size_t n = 0; n <= input.size(); ++n) {
            EXPECT_FALSE(fuzz::parse_in_place<request_parser>(guard.place(as_bytes(input).first(n))).empty());
            ++checked;
        }
    }
    EXPECT_GT(checked, 1000U);
}

TEST(HttpRequest, BodyEofAndReuse) {
    // read_body with nothing to read asks for more; a parser starts the next message by itself.
    request_parser p;
    const std::string a = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n";
    auto n = p.parse_head(a);
    ASSERT_TRUE(n);
    EXPECT_FALSE(p.message_complete());
    EXPECT_EQ(p.read_body(std::string_view{}).error(), codec_errc::need_more);
    auto part = p.read_body(std::string_view("xyz"));  // only 2 of these belong to the body
    ASSERT_TRUE(part);
    EXPECT_EQ(part->consumed, 2U);
    EXPECT_TRUE(part->done);
    EXPECT_TRUE(p.message_complete());
    ASSERT_TRUE(p.parse_head(std::string_view("GET /next HTTP/1.1\r\nHost: h\r\n\r\n")));
    EXPECT_EQ(p.head().target, "/next");
    EXPECT_TRUE(p.message_complete());
    // reset() clears a sticky error.
    EXPECT_FALSE(p.parse_head(std::string_view("BAD\r\n\r\n")));
    p.reset();
    EXPECT_TRUE(p.parse_head(std::string_view("GET / HTTP/1.1\r\nHost: h\r\n\r\n")));
}

TEST(HttpRequest, StatusForErrors) {
    struct row {
        http_errc e;
        int status;
    };
    const row rows[] = {
        {http_errc::uri_too_long, 414},                 // request-line limit
        {http_errc::header_too_large, 431},             // field or head limit
        {http_errc::too_many_headers, 431},             // field count limit
        {http_errc::body_too_large, 413},               // body limit
        {http_errc::unsupported_transfer_coding, 501},  // RFC 9112 §6.1
        {http_errc::bad_version, 505},                  // HTTP/2.0 on the 1.1 wire
        {http_errc::bad_chunk, 400},                    // everything else is a bad request
        {http_errc::te_and_content_length, 400},
    };
    for (const auto& r : rows) EXPECT_EQ(status_for_error(r.e), r.status) << make_error_code(r.e).message();
    EXPECT_EQ(status_for_error(codec_errc::bad_value), 400);  // other categories
    EXPECT_STREQ(http_category().name(), "sockit.http");
    EXPECT_EQ(make_error_code(http_errc::obs_fold).message(), "obsolete header line folding");
}

}  // namespace
}  // namespace sockit::http
