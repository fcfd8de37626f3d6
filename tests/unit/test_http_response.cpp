// SPDX-License-Identifier: MIT
// Unit tests for http::response_parser: body length per RFC 9112 §6.3 (HEAD, 1xx, 204, 304, CONNECT,
// Transfer-Encoding, Content-Length, until close), status-line errors, EOF handling, splits, guard page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../fuzz/http_transcript.hpp"
#include "guarded_buffer.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/http/http_errc.hpp"
#include "sockit/http/response_parser.hpp"

namespace sockit::http {
namespace {

using fuzz::byte_by_byte;
using fuzz::describe_error;
using fuzz::parse_responses;
using fuzz::random_splits;

struct valid_row {
    const char* why;
    std::string input;
    std::string method;
    int status;
    std::string reason;
    body_kind kind;
    std::uint64_t length;
    std::string body;
    bool keep_alive;
    bool self_delimited;  // ends without the connection closing (can be pipelined)
};

const std::vector<valid_row>& valid_responses() {
    static const std::vector<valid_row> rows = {
        // Content-Length body.
        {"200 with Content-Length",
         "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello", "GET", 200, "OK",
         body_kind::content_length, 5, "hello", true, true},
        // Chunked body with an extension and a trailer.
        {"200 chunked",
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", "GET",
         200, "OK", body_kind::chunked, 0, "abc", true, true},
        // No framing: the body runs until the server closes.
        {"200 until close", "HTTP/1.1 200 OK\r\nServer: x\r\n\r\nall of this\r\nuntil close", "GET", 200,
         "OK", body_kind::until_close, 0, "all of this\r\nuntil close", false, false},
        // HTTP/1.0 closes unless keep-alive.
        {"HTTP/1.0 with length", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi", "GET", 200, "OK",
         body_kind::content_length, 2, "hi", false, true},
        {"HTTP/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi",
         "GET", 200, "OK", body_kind::content_length, 2, "hi", true, true},
        // A HEAD response announces a length but carries no body.
        {"HEAD response", "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", "HEAD", 200, "OK",
         body_kind::none, 0, "", true, true},
        // 204 and 304 never have a body, whatever their fields say.
        {"204", "HTTP/1.1 204 No Content\r\n\r\n", "DELETE", 204, "No Content", body_kind::none, 0, "", true,
         true},
        {"304 with Content-Length", "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n", "GET", 304,
         "Not Modified", body_kind::none, 0, "", true, true},
        // 2xx to CONNECT: the connection becomes a tunnel, no body.
        {"CONNECT 200", "HTTP/1.1 200 Connection established\r\n\r\n", "CONNECT", 200,
         "Connection established", body_kind::none, 0, "", true, true},
        // 101: no body.
        {"101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
         "GET", 101, "Switching Protocols", body_kind::none, 0, "", true, true},
        // No reason phrase at all (some servers omit the SP too); reasons with HTAB and obs-text.
        {"no reason", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", "GET", 200, "", body_kind::content_length,
         0, "", true, true},
        {"empty reason", "HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n", "GET", 404, "",
         body_kind::content_length, 0, "", true, true},
        {"odd reason", "HTTP/1.1 200 Tr\tes bien \xc3\xa9\r\nContent-Length: 0\r\n\r\n", "GET", 200,
         "Tr\tes bien \xc3\xa9", body_kind::content_length, 0, "", true, true},
        // A final coding other than chunked: until close (RFC 9112 §6.3 rule 4).
        {"TE gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n\x1f\x8b", "GET", 200, "OK",
         body_kind::until_close, 0, "\x1f\x8b", false, false},
        {"TE chunked, gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nzz", "GET", 200,
         "OK", body_kind::until_close, 0, "zz", false, false},
        // gzip then chunked: chunked framing (the client sees gzip data).
        {"TE gzip, chunked",
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\nzz\r\n0\r\n\r\n", "GET", 200, "OK",
         body_kind::chunked, 0, "zz", true, true},
        // HTTP/1.0 with Transfer-Encoding: faulty framing, read until close.
        {"HTTP/1.0 with TE", "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "GET", 200,
         "OK", body_kind::until_close, 0, "0\r\n\r\n", false, false},
        // LF-only line ends (netcat-style servers).
        {"LF line ends", "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc", "GET", 200, "OK",
         body_kind::content_length, 3, "abc", true, true},
        // The highest valid status; Connection: close.
        {"599 close", "HTTP/1.1 599 Whatever\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx", "POST", 599,
         "Whatever", body_kind::content_length, 1, "x", false, true},
    };
    return rows;
}

TEST(HttpResponse, BodyLengthPerStatusMethodAndFields) {
    for (const auto& row : valid_responses()) {
        SCOPED_TRACE(row.why);
        response_parser p;
        auto n = p.parse_head(row.input, row.method);
        ASSERT_TRUE(n) << n.error().message();
        const response_head& h = p.head();
        EXPECT_EQ(h.status, row.status);
        EXPECT_EQ(h.reason, row.reason);
        EXPECT_EQ(h.body.kind, row.kind);
        EXPECT_EQ(h.body.length, row.length);
        EXPECT_EQ(h.keep_alive(), row.keep_alive);
        std::string body;
        bytes_view rest = as_bytes(row.input).subspan(*n);
        while (!p.message_complete()) {
            auto part = p.read_body(rest);
            if (!part && part.error() == codec_errc::need_more) {
                ASSERT_TRUE(p.finish());  // the server closes
                break;
            }
            ASSERT_TRUE(part) << part.error().message();
            body.append(as_chars(part->data));
            rest = rest.subspan(part->consumed);
        }
        EXPECT_TRUE(p.message_complete());
        EXPECT_EQ(body, row.body);
        const std::string t = parse_responses(row.input, {}, {row.method});
        EXPECT_EQ(t.substr(t.size() - (row.self_delimited ? 4 : 7)),
                  row.self_delimited ? "end\n" : "closed\n")
            << t;
    }
}

TEST(HttpResponse, InterimResponsesPrecedeTheFinalOne) {
    const std::string in =
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
        "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
    response_parser p;
    auto n = p.parse_head(in, "POST");
    ASSERT_TRUE(n);
    EXPECT_TRUE(p.head().is_interim());
    EXPECT_TRUE(p.message_complete());
    std::string_view rest = std::string_view(in).substr(*n);
    n = p.parse_head(rest, "POST");
    ASSERT_TRUE(n);
    EXPECT_EQ(p.head().status, 103);
    EXPECT_EQ(p.head().headers.find("link"), "</s.css>");
    rest = rest.substr(*n);
    n = p.parse_head(rest, "POST");
    ASSERT_TRUE(n);
    EXPECT_EQ(p.head().status, 201);
    EXPECT_FALSE(p.head().is_interim());
    auto part = p.read_body(rest.substr(*n));
    ASSERT_TRUE(part);
    EXPECT_EQ(as_chars(part->data), "ok");
    EXPECT_TRUE(part->done);
    EXPECT_EQ(parse_responses(in, byte_by_byte(), {"POST"}), parse_responses(in, {}, {"POST"}));
}

struct error_row {
    const char* why;
    std::string input;
    std::string expected_tail;  // the transcript's last line
};

std::string err(http_errc e) { return describe_error(make_error_code(e)); }
std::string eof(std::error_code e) { return "eof " + describe_error(e); }

const std::vector<error_row>& malformed_responses() {
    static const std::vector<error_row> rows = {
        // Status-line shape.
        {"two-digit code", "HTTP/1.1 20 OK\r\n\r\n", err(http_errc::bad_status_line)},
        {"four-digit code", "HTTP/1.1 2000 OK\r\n\r\n", err(http_errc::bad_status_line)},
        {"code below 100", "HTTP/1.1 099 Low\r\n\r\n", err(http_errc::bad_status_line)},
        {"code above 599", "HTTP/1.1 600 High\r\n\r\n", err(http_errc::bad_status_line)},
        {"double space", "HTTP/1.1  200 OK\r\n\r\n", err(http_errc::bad_status_line)},
        {"HTTP/2 without minor", "HTTP/2 200\r\n\r\n", err(http_errc::bad_status_line)},
        {"HTTP/2.0", "HTTP/2.0 200 OK\r\n\r\n", err(http_errc::bad_version)},
        {"not HTTP", "ICY 200 OK\r\n\r\n", err(http_errc::bad_status_line)},
        {"empty line first", "\r\nHTTP/1.1 200 OK\r\n\r\n", err(http_errc::bad_status_line)},
        {"control byte in reason", "HTTP/1.1 200 O\x01K\r\n\r\n", err(http_errc::bad_status_line)},
        {"bare CR in status line", "HTTP/1.1 200 O\rK\r\n\r\n", err(http_errc::bare_cr)},
        // Framing conflicts are refused on the client side too.
        {"CL and TE", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
         err(http_errc::te_and_content_length)},
        {"different CLs", "HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\nab",
         err(http_errc::duplicate_content_length)},
        {"bad CL", "HTTP/1.1 200 OK\r\nContent-Length: 1e3\r\n\r\n", err(http_errc::bad_content_length)},
        {"chunked twice", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
         err(http_errc::bad_transfer_encoding)},
        {"empty TE", "HTTP/1.1 200 OK\r\nTransfer-Encoding: ,\r\n\r\n",
         err(http_errc::bad_transfer_encoding)},
        {"obs-fold", "HTTP/1.1 200 OK\r\nX: a\r\n\tb\r\n\r\n", err(http_errc::obs_fold)},
        {"CL over max_body", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n",
         err(http_errc::body_too_large)},
        {"bad chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n",
         err(http_errc::bad_chunk)},
        // The server closes early.
        {"CL body cut short", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
         eof(http_errc::truncated_body)},
        {"chunked body cut short", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
         eof(http_errc::truncated_body)},
        {"head cut short", "HTTP/1.1 200 OK\r\nContent-Len", eof(codec_errc::truncated)},
    };
    return rows;
}

TEST(HttpResponse, MalformedTableRejectedWithTheRightError) {
    for (const auto& row : malformed_responses()) {
        SCOPED_TRACE(row.why);
        const std::string whole = parse_responses(row.input);
        ASSERT_GE(whole.size(), row.expected_tail.size()) << whole;
        EXPECT_EQ(whole.substr(whole.size() - row.expected_tail.size()), row.expected_tail) << whole;
        EXPECT_EQ(parse_responses(row.input, byte_by_byte()), whole);
        for (std::uint32_t seed = 1; seed <= 8; ++seed)
            EXPECT_EQ(parse_responses(row.input, random_splits(seed)), whole);
    }
}

TEST(HttpResponse, UntilCloseBodyLimit) {
    http_limits limits;
    limits.max_body = 10;
    const std::string in = "HTTP/1.1 200 OK\r\n\r\n0123456789X";
    const std::string whole = parse_responses(in, {}, {}, limits);
    // The first 10 bytes are delivered, the 11th is refused: the same for every split.
    EXPECT_EQ(whole.substr(whole.size() - err(http_errc::body_too_large).size()),
              err(http_errc::body_too_large));
    EXPECT_NE(whole.find("body [0123456789]"), std::string::npos) << whole;
    EXPECT_EQ(parse_responses(in, byte_by_byte(), {}, limits), whole);
    // Exactly at the limit is fine.
    EXPECT_EQ(parse_responses("HTTP/1.1 200 OK\r\n\r\n0123456789", {}, {}, limits).substr(0, 8), "response");
}

TEST(HttpResponse, WholeByteByByteAndRandomSplitsAgree) {
    for (const auto& row : valid_responses()) {
        SCOPED_TRACE(row.why);
        const std::string whole = parse_responses(row.input, {}, {row.method});
        EXPECT_EQ(parse_responses(row.input, byte_by_byte(), {row.method}), whole);
        for (std::uint32_t seed = 1; seed <= 20; ++seed) {
            EXPECT_EQ(parse_responses(row.input, random_splits(seed), {row.method}), whole);
        }
    }
}

TEST(HttpResponse, PipelinedResponsesParseLikeSingleOnes) {
    std::string stream;
    std::string expected;
    std::vector<std::string> methods;
    for (const auto& row : valid_responses()) {
        if (!row.self_delimited) continue;
        stream += row.input;
        methods.push_back(row.method);
        std::string one = parse_responses(row.input, {}, {row.method});
        expected += one.substr(0, one.size() - 4);  // without "end\n"
    }
    expected += "end\n";
    EXPECT_EQ(parse_responses(stream, {}, methods), expected);
    EXPECT_EQ(parse_responses(stream, byte_by_byte(), methods), expected);
    for (std::uint32_t seed = 1; seed <= 10; ++seed) {
        EXPECT_EQ(parse_responses(stream, random_splits(seed, 100, 200), methods), expected);
    }
}

TEST(HttpResponse, TruncatedAtEveryOffsetIsNeverMalformed) {
    for (const auto& row : valid_responses()) {
        SCOPED_TRACE(row.why);
        for (std::size_t n = 1; n < row.input.size(); ++n) {
            const std::string t = parse_responses(std::string_view(row.input).substr(0, n), {}, {row.method});
            // A cut can only show up as the connection closing early, never as malformed input.
            EXPECT_TRUE(t.find("\nerror") == std::string::npos && t.rfind("error", 0) != 0)
                << "cut at " << n << "\n"
                << t;
            const bool clean_end = t.ends_with("closed\n") || t.find("eof error") != std::string::npos;
            EXPECT_TRUE(clean_end) << "cut at " << n << "\n" << t;
        }
    }
}

TEST(HttpResponse, InputBeforeAGuardPage) {
    sockit::test::guarded_buffer guard;
    ASSERT_TRUE(guard.ok());
    std::size_t checked = 0;
    auto check = [&](const std::string& input, const std::string& method) {
        ASSERT_LE(input.size(), guard.capacity());
        // Every prefix, so that each possible last byte sits right before the guard page.
        for (std::size_t n = 0; n <= input.size(); ++n) {
            bytes_view at_guard = guard.place(as_bytes(input).first(n));
            EXPECT_FALSE(fuzz::parse_in_place<response_parser>(at_guard, method).empty());
            ++checked;
        }
    };
    for (const auto& row : valid_responses()) check(row.input, row.method);
    for (const auto& row : malformed_responses()) check(row.input, "GET");
    EXPECT_GT(checked, 1000U);
}

}  // namespace
}  // namespace sockit::http
