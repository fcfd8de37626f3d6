// SPDX-License-Identifier: MIT
// Tests of the pure parts of a file server's answers: byte ranges (RFC 9110 §14), HTTP-dates (§5.6.7),
// If-None-Match and If-Range (§13.1.2, §13.1.5) and the HTML of a directory listing (RFC 3986 §2.1).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sockit/http/byte_range.hpp"
#include "sockit/http/directory_listing.hpp"
#include "sockit/http/http_date.hpp"
#include "sockit/http/preconditions.hpp"

namespace sockit::http {
namespace {

TEST(byte_range, evaluate_table) {
    using o = byte_range::outcome;
    struct row {
        const char* header;
        std::uint64_t length;
        o want;
        std::uint64_t first, last;
    };
    const row rows[] = {
        {"bytes=0-0", 1, o::partial, 0, 0},
        {"bytes=0-", 0, o::unsatisfiable, 0, 0},  // nothing to give from an empty file
        {"bytes=-1", 0, o::unsatisfiable, 0, 0},
        {"bytes=, 2-3 ,", 10, o::partial, 2, 3},  // empty list elements
        {"bytes=20-30, 40-", 10, o::unsatisfiable, 0, 0},
        {"bytes=20-30, 1-2", 10, o::full, 0, 0},
        {"bytes 0-1", 10, o::full, 0, 0},
    };
    for (const auto& r : rows) {
        const auto got = byte_range::evaluate(r.header, r.length);
        EXPECT_EQ(got.result, r.want) << r.header;
        if (r.want == o::partial) {
            EXPECT_EQ(got.first, r.first) << r.header;
            EXPECT_EQ(got.last, r.last) << r.header;
        }
    }
}

TEST(http_date, formats_and_parses_the_three_forms) {
    EXPECT_EQ(format_http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
    EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
    EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
    EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), 784111777);
    for (const char* bad : {"", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT",
                            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
                            "Xyz, 06 Nov 1994 08:49:37 GMT", "1994-11-06"})
        EXPECT_FALSE(parse_http_date(bad)) << bad;
}

TEST(preconditions, if_none_match_compares_weakly) {
    const std::string_view etag = "\"5f-a\"";
    EXPECT_TRUE(none_match_hits("*", etag));
    EXPECT_TRUE(none_match_hits(" * ", etag));
    EXPECT_TRUE(none_match_hits("\"5f-a\"", etag));
    EXPECT_TRUE(none_match_hits("W/\"5f-a\"", etag));  // weak comparison: the W/ prefix does not matter
    EXPECT_TRUE(none_match_hits("\"x\", \t W/\"5f-a\" ", etag));
    EXPECT_TRUE(none_match_hits(",,\"5f-a\",", etag));  // empty list elements
    EXPECT_FALSE(none_match_hits("", etag));
    EXPECT_FALSE(none_match_hits("\"5f-b\", \"x\"", etag));
    EXPECT_FALSE(none_match_hits("5f-a", etag));  // not quoted: not this tag
}

TEST(preconditions, if_range_needs_the_strong_tag_or_the_exact_date) {
    const std::string_view etag = "\"5f-a\"";
    const std::time_t modified = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT
    EXPECT_TRUE(if_range_holds("\"5f-a\"", etag, modified));
    EXPECT_TRUE(if_range_holds(" \"5f-a\"\t", etag, modified));
    EXPECT_FALSE(if_range_holds("W/\"5f-a\"", etag, modified));  // a weak tag never matches
    EXPECT_FALSE(if_range_holds("\"5f-b\"", etag, modified));
    EXPECT_TRUE(if_range_holds("Sun, 06 Nov 1994 08:49:37 GMT", etag, modified));
    EXPECT_FALSE(if_range_holds("Sun, 06 Nov 1994 08:49:38 GMT", etag, modified));
    EXPECT_FALSE(if_range_holds("yesterday", etag, modified));
    EXPECT_FALSE(if_range_holds("", etag, modified));
}

TEST(directory_listing, escapes_names_and_encodes_links) {
    EXPECT_EQ(percent_encode_path("/a b/c~d_e-f.g"), "/a%20b/c~d_e-f.g");
    EXPECT_EQ(percent_encode_path("/a b/c", false), "%2Fa%20b%2Fc");
    EXPECT_EQ(percent_encode_path("\xC3\xA9"), "%C3%A9");
    EXPECT_EQ(html_escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");

    std::vector<directory_entry> entries;
    entries.push_back({"a:b<c>", false, 12, 784111777});
    entries.push_back({"sub dir", true, 0, 784111777});
    const std::string page = render_directory_listing("/x&y/", entries);
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(page.find("<title>Index of /x&amp;y/</title>"), std::string::npos) << page;
    EXPECT_NE(page.find("<a href=\"../\">../</a>"), std::string::npos);
    // "./" first: "a:b" must not read as a URI scheme.
    EXPECT_NE(
        page.find(
            "<a href=\"./a%3Ab%3Cc%3E\">a:b&lt;c&gt;</a></td><td>12</td><td>Sun, 06 Nov 1994 08:49:37 GMT"),
        std::string::npos)
        << page;
    EXPECT_NE(page.find("<a href=\"./sub%20dir/\">sub dir/</a></td><td>-</td>"), std::string::npos) << page;
    EXPECT_LT(page.find("a:b"), page.find("sub dir"));                            // the given order
    EXPECT_EQ(render_directory_listing("/", {}).find("../"), std::string::npos);  // no parent above the root
}

}  // namespace
}  // namespace sockit::http
