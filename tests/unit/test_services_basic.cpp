// SPDX-License-Identifier: MIT
// Unit tests for the pure handlers of echo (RFC 862), discard (863), chargen (864), qotd (865), daytime
// (867), time (868).
#include <gtest/gtest.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "sockit/core/codec_errc.hpp"
#include "sockit/services/chargen_service.hpp"
#include "sockit/services/daytime_service.hpp"
#include "sockit/services/discard_service.hpp"
#include "sockit/services/echo_service.hpp"
#include "sockit/services/qotd_service.hpp"
#include "sockit/services/time_service.hpp"

namespace sockit::services {
namespace {

using sys_clock = std::chrono::system_clock;

std::string str(const byte_buffer& b) { return std::string(b.begin(), b.end()); }

sys_clock::time_point at_unix(std::int64_t secs) { return sys_clock::time_point(std::chrono::seconds(secs)); }

// RFC 864's pattern written out independently of the implementation: line n is 72 characters of the ring
// ' '..'~' starting at n mod 95, then CR LF.
std::string reference_line(std::size_t n) {
    std::string line;
    for (std::size_t i = 0; i < 72; ++i) line.push_back(static_cast<char>(' ' + (n + i) % 95));
    return line + "\r\n";
}

TEST(Echo, StreamAndDatagram) {
    echo_service echo;
    EXPECT_EQ(echo.name(), "echo");
    EXPECT_EQ(echo.standard_port(), 7);
    auto s = echo.open_stream();
    byte_buffer out;
    EXPECT_EQ(s->on_connect(out), stream_action::keep_open);
    EXPECT_TRUE(out.empty());  // echo says nothing first
    EXPECT_EQ(s->on_data(as_bytes("hello\r\n"), out), stream_action::keep_open);
    const std::string binary("\0\xff\x01 x", 5);
    EXPECT_EQ(s->on_data(as_bytes(binary), out), stream_action::keep_open);
    EXPECT_EQ(str(out), "hello\r\n" + binary);  // every byte back, binary included, in order
    EXPECT_EQ(s->on_eof(out), stream_action::close);
    byte_buffer reply;
    ASSERT_TRUE(echo.on_datagram(as_bytes(binary), reply));
    EXPECT_EQ(str(reply), binary);
    reply.clear();
    ASSERT_TRUE(echo.on_datagram({}, reply));  // an empty datagram is echoed as an empty one
    EXPECT_TRUE(reply.empty());
}

TEST(Discard, NeverAnswers) {
    discard_service discard;
    EXPECT_EQ(discard.standard_port(), 9);
    auto s = discard.open_stream();
    byte_buffer out;
    EXPECT_EQ(s->on_connect(out), stream_action::keep_open);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(s->on_data(as_bytes("junk junk junk"), out), stream_action::keep_open);
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(discard.on_datagram(as_bytes("x"), out));
    EXPECT_TRUE(out.empty());
}

TEST(Chargen, PatternMatchesRfc864) {
    // RFC 864's sample output begins with this line (the ring position 1): 72 characters from '!' to 'h'.
    EXPECT_EQ(reference_line(1),
              "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh\r\n");
    struct row {
        const char* why;
        std::size_t line;
        std::string expected;
    };
    const row rows[] = {
        {"line 0 starts with space", 0, reference_line(0)},
        {"line 1 is RFC 864's first sample line", 1, reference_line(1)},
        {"line 23 ends at '~' exactly", 23, reference_line(23)},
        {"line 24 wraps from '~' to ' '", 24, reference_line(24)},
        {"line 94 starts with '~'", 94, reference_line(94)},
        {"line 95 is line 0 again", 95, reference_line(0)},
        {"line 1000 = line 1000 mod 95", 1000, reference_line(1000 % 95)},
    };
    EXPECT_EQ(reference_line(23).substr(71, 1), "~");
    EXPECT_EQ(reference_line(24).substr(70, 2), "~ ");
    for (const auto& r : rows) {
        byte_buffer out;
        chargen_pattern::append(out, r.line * chargen_pattern::line_bytes, chargen_pattern::line_bytes);
        EXPECT_EQ(str(out), r.expected) << r.why;
        EXPECT_EQ(chargen_pattern::at(r.line * chargen_pattern::line_bytes),
                  static_cast<std::uint8_t>(r.expected[0]))
            << r.why;
    }
}

TEST(Chargen, StreamIsTheRingWhateverTheWriteSizes) {
    chargen_service chargen;
    EXPECT_EQ(chargen.standard_port(), 19);
    std::string expected;
    for (std::size_t n = 0; n < 300; ++n) expected += reference_line(n);  // past three wrap-arounds
    struct row {
        const char* why;
        std::size_t budget;
    };
    const row rows[] = {
        {"one byte at a time", 1},
        {"odd chunks cutting lines", 7},
        {"exactly one line per call", 74},
        {"socket-buffer sized chunks", 4096},
        {"larger than the 7,030-byte period", 10000},
    };
    for (const auto& r : rows) {
        auto s = chargen.open_stream();
        ASSERT_TRUE(s->is_generator());
        byte_buffer out;
        EXPECT_EQ(s->on_connect(out), stream_action::keep_open);
        EXPECT_EQ(s->on_data(as_bytes("ignored input"), out), stream_action::keep_open);
        EXPECT_TRUE(out.empty()) << r.why;  // input is discarded, output only on generate()
        while (out.size() < expected.size()) {
            const std::size_t before = out.size();
            s->generate(out, std::min(r.budget, expected.size() - out.size()));
            ASSERT_GT(out.size(), before) << r.why;
        }
        EXPECT_EQ(str(out), expected) << r.why;
    }
}

TEST(Chargen, DatagramRepliesAreBoundedRotatingLines) {
    chargen_service fixed(chargen_service::options{100});
    for (std::size_t k = 0; k < 200; ++k) {
        byte_buffer reply;
        ASSERT_TRUE(fixed.on_datagram(as_bytes("any"), reply));
        // Each reply starts at the next line of the ring: 100 characters = one line and 26 of the next.
        const std::string want = (reference_line(k % 95) + reference_line((k + 1) % 95)).substr(0, 100);
        ASSERT_EQ(str(reply), want) << k;
    }
    chargen_service huge(chargen_service::options{100000});
    byte_buffer reply;
    ASSERT_TRUE(huge.on_datagram({}, reply));
    EXPECT_EQ(reply.size(), 512u);  // clamped to RFC 864's 512
    chargen_service random_length;
    std::size_t shortest = 1000, longest = 0;
    for (int i = 0; i < 500; ++i) {
        reply.clear();
        ASSERT_TRUE(random_length.on_datagram({}, reply));
        shortest = std::min(shortest, reply.size());
        longest = std::max(longest, reply.size());
    }
    EXPECT_LE(longest, 512u);
    EXPECT_LT(shortest, longest);  // the length varies (500 draws in [0, 512] are not all equal)
}

TEST(Time, EpochOffsetAndRfc868Examples) {
    struct row {
        const char* why;
        std::int64_t unix_seconds;
        std::uint32_t expected;
    };
    const row rows[] = {
        {"RFC 868: 00:00 1 Jan 1970 GMT", 0, 2208988800u},
        {"RFC 868: 00:00 1 Jan 1976 GMT", 189302400, 2398291200u},
        {"RFC 868: 00:00 1 Jan 1980 GMT", 315532800, 2524521600u},
        {"RFC 868: 00:00 1 May 1983 GMT", 420595200, 2629584000u},
        {"RFC 868: 00:00 17 Nov 1858 GMT is -1,297,728,000 (mod 2^32)", -3506716800, 2997239296u},
        {"the 1900 epoch itself", -2208988800, 0u},
        {"last second of era 0: 2036-02-07 06:28:15 UTC", 2085978495, 0xffffffffu},
        {"era 1 begins: 2036-02-07 06:28:16 UTC", 2085978496, 0u},
        {"today's era", 1795000000, static_cast<std::uint32_t>(1795000000 + 2208988800LL)},
    };
    for (const auto& r : rows) EXPECT_EQ(rfc868_time(at_unix(r.unix_seconds)), r.expected) << r.why;
    // Fractions of a second are dropped, not rounded.
    EXPECT_EQ(rfc868_time(at_unix(0) + std::chrono::milliseconds(999)), 2208988800u);
}

TEST(Time, SendsFourBigEndianBytes) {
    time_service svc([] { return at_unix(420595200); });  // 1 May 1983: 2,629,584,000
    const std::uint32_t v = 2629584000u;
    const std::string want{static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xff),
                           static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
    auto s = svc.open_stream();
    byte_buffer out;
    EXPECT_EQ(s->on_connect(out), stream_action::close);  // answer, then close
    EXPECT_EQ(str(out), want);
    byte_buffer reply;
    ASSERT_TRUE(svc.on_datagram({}, reply));  // UDP: any datagram, even empty, gets the time
    EXPECT_EQ(str(reply), want);
    time_service real;
    reply.clear();
    ASSERT_TRUE(real.on_datagram(as_bytes("x"), reply));
    ASSERT_EQ(reply.size(), 4u);
    const std::uint32_t got = (std::uint32_t{reply[0]} << 24) | (std::uint32_t{reply[1]} << 16) |
                              (std::uint32_t{reply[2]} << 8) | std::uint32_t{reply[3]};
    const auto now = static_cast<std::uint32_t>(::time(nullptr) + 2208988800LL);
    EXPECT_LE(now - got, 2u);  // the system clock, within two seconds
}

TEST(Daytime, FormatsLikeRfc867Example) {
    struct row {
        const char* why;
        std::int64_t unix_seconds;
        const char* expected;
    };
    const row rows[] = {
        {"the Unix epoch was a Thursday", 0, "Thursday, January 1, 1970 00:00:00-UTC"},
        {"leap day 2000", 951782400 + 3723, "Tuesday, February 29, 2000 01:02:03-UTC"},
        {"a Monday in November", 1795431903, "Monday, November 23, 2026 11:05:03-UTC"},
        {"single-digit day is not padded", 1796083199, "Monday, November 30, 2026 23:59:59-UTC"},
    };
    for (const auto& r : rows) EXPECT_EQ(format_daytime(at_unix(r.unix_seconds), true), r.expected) << r.why;
    // Differential against the C library's strftime in the "C" locale for a spread of times.
    for (std::int64_t t = -86400LL * 365 * 30; t < 86400LL * 365 * 80; t += 86400LL * 37 + 3607) {
        const time_t tt = static_cast<time_t>(t);
        tm parts{};
        ASSERT_NE(::gmtime_r(&tt, &parts), nullptr);
        char buf[128];
        ASSERT_GT(::strftime(buf, sizeof buf, "%A, %B %e, %Y %H:%M:%S-UTC", &parts), 0u);
        std::string ref = buf;
        if (auto pos = ref.find("  "); pos != std::string::npos) ref.erase(pos, 1);  // %e pads with a space
        ASSERT_EQ(format_daytime(at_unix(t), true), ref) << t;
    }
}

TEST(Daytime, LocalTimeUsesTheZoneAndServiceSendsOneLine) {
    const char* old = std::getenv("TZ");
    const std::string saved = old != nullptr ? old : "";
    ::setenv("TZ", "EST5", 1);
    ::tzset();
    EXPECT_EQ(format_daytime(at_unix(0), false), "Wednesday, December 31, 1969 19:00:00-EST");
    if (old != nullptr) {
        ::setenv("TZ", saved.c_str(), 1);
    } else {
        ::unsetenv("TZ");
    }
    ::tzset();

    daytime_service svc(daytime_service::options{true, [] { return at_unix(0); }});
    EXPECT_EQ(svc.standard_port(), 13);
    auto s = svc.open_stream();
    byte_buffer out;
    EXPECT_EQ(s->on_connect(out), stream_action::close);
    EXPECT_EQ(str(out), "Thursday, January 1, 1970 00:00:00-UTC\r\n");  // one line, CRLF
    byte_buffer reply;
    ASSERT_TRUE(svc.on_datagram(as_bytes("anything"), reply));
    EXPECT_EQ(str(reply), str(out));
}

TEST(Qotd, ParseQuotesTable) {
    struct row {
        const char* why;
        std::string text;
        std::vector<std::string> expected;  // empty: an error is expected
        std::error_code error;
        std::size_t line;
    };
    const std::string long_line(520, 'x');
    const row rows[] = {
        {"one quote, no separator", "Hello.\n", {"Hello.\r\n"}, {}, 0},
        {"two quotes, fortune separator", "A\n%\nB\nb2\n", {"A\r\n", "B\r\nb2\r\n"}, {}, 0},
        {"CRLF input and blank lines around", "\r\nA\r\n\r\n%\r\n\r\nB\r\n", {"A\r\n", "B\r\n"}, {}, 0},
        {"empty quotes between separators are skipped", "%\n%\nA\n%\n%\n", {"A\r\n"}, {}, 0},
        {"tabs expand to 8-column stops", "ab\tc\n", {"ab      c\r\n"}, {}, 0},
        {"no final newline", "A", {"A\r\n"}, {}, 0},
        {"non-ASCII byte refused with its line", "ok\n%\nfine\ncaf\xc3\xa9\n", {}, codec_errc::bad_value, 4},
        {"control byte refused", "bell\x07\n", {}, codec_errc::bad_value, 1},
        {"quote of 512+ bytes refused", "A\n%\n" + long_line + "\n", {}, codec_errc::too_large, 3},
        {"nothing but separators", "%\n%\n", {}, codec_errc::truncated, 0},
        {"empty text", "", {}, codec_errc::truncated, 0},
    };
    for (const auto& r : rows) {
        auto got = parse_quotes(r.text);
        if (r.expected.empty()) {
            ASSERT_FALSE(got) << r.why;
            EXPECT_EQ(got.error().code, r.error) << r.why;
            EXPECT_EQ(got.error().line, r.line) << r.why;
            EXPECT_FALSE(got.error().detail.empty()) << r.why;
        } else {
            ASSERT_TRUE(got) << r.why << ": " << got.error().detail;
            EXPECT_EQ(*got, r.expected) << r.why;
        }
    }
    // The boundary: 509 characters + CRLF = 511 bytes is accepted, 510 + CRLF = 512 is not.
    EXPECT_TRUE(parse_quotes(std::string(509, 'y')));
    EXPECT_FALSE(parse_quotes(std::string(510, 'y')));
}

TEST(Qotd, BuiltinsRotateAndStayUnder512) {
    qotd_service svc;
    EXPECT_EQ(svc.standard_port(), 17);
    const auto& quotes = builtin_quotes();
    ASSERT_GE(quotes.size(), 5u);
    for (const auto& q : quotes) {
        EXPECT_LT(q.size(), 512u);
        EXPECT_EQ(q.substr(q.size() - 2), "\r\n");
        EXPECT_TRUE(parse_quotes(q)) << q;  // already in canonical form
    }
    for (std::size_t i = 0; i < 2 * quotes.size(); ++i) {
        auto s = svc.open_stream();
        byte_buffer out;
        EXPECT_EQ(s->on_connect(out), stream_action::close);
        EXPECT_EQ(str(out), quotes[i % quotes.size()]);  // served in rotation
    }
    byte_buffer reply;
    ASSERT_TRUE(svc.on_datagram(as_bytes("?"), reply));
    EXPECT_LE(reply.size(), max_datagram_reply);
}

}  // namespace
}  // namespace sockit::services
