// SPDX-License-Identifier: MIT
// Unit tests for http::url: absolute http URLs (RFC 3986 §3, RFC 6874 zones, RFC 9110 §4.2.1), the errors for
// everything else, and reference resolution against the examples of RFC 3986 §5.4.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "sockit/http/url.hpp"
#include "sockit/http/url_errc.hpp"

namespace sockit::http {
namespace {

struct good_row {
    const char* why;
    std::string text;
    std::string host;
    std::uint16_t port;
    std::string target;
    std::string authority;  // the Host header
    std::string canonical;  // to_string()
};

TEST(HttpUrl, ParsesValidUrls) {
    const std::vector<good_row> rows = {
        {"bare host gets path /", "http://example.org", "example.org", 80, "/", "example.org",
         "http://example.org/"},
        {"port kept in Host", "http://127.0.0.1:8080/a/b", "127.0.0.1", 8080, "/a/b", "127.0.0.1:8080",
         "http://127.0.0.1:8080/a/b"},
        {"explicit :80 dropped from Host", "http://h:80/x", "h", 80, "/x", "h", "http://h/x"},
        {"empty port is the default (RFC 3986 §3.2.3)", "http://h:/x", "h", 80, "/x", "h", "http://h/x"},
        {"scheme and host are case-insensitive", "HTTP://ExAmple.ORG/Path", "example.org", 80, "/Path",
         "example.org", "http://example.org/Path"},
        {"query without path", "http://h?q=1", "h", 80, "/?q=1", "h", "http://h/?q=1"},
        {"fragment dropped", "http://h/p?q#frag", "h", 80, "/p?q", "h", "http://h/p?q"},
        {"percent-encoding kept as is", "http://h/a%20b%2Fc?x=%41", "h", 80, "/a%20b%2Fc?x=%41", "h",
         "http://h/a%20b%2Fc?x=%41"},
        {"IPv6 literal", "http://[::1]:8080/", "::1", 8080, "/", "[::1]:8080", "http://[::1]:8080/"},
        {"IPv6 literal default port", "http://[2001:db8::1]/x", "2001:db8::1", 80, "/x", "[2001:db8::1]",
         "http://[2001:db8::1]/x"},
        {"IPv6 zone (RFC 6874) not sent in Host", "http://[fe80::1%25lo]:81/", "fe80::1%lo", 81, "/",
         "[fe80::1]:81", "http://[fe80::1%25lo]:81/"},
        {"UTF-8 in the path is percent-encoded", "http://h/\xc3\xa9", "h", 80, "/%C3%A9", "h",
         "http://h/%C3%A9"},
        {"highest port", "http://h:65535/", "h", 65535, "/", "h:65535", "http://h:65535/"},
        {"dot segments kept (the server decides)", "http://h/a/../b", "h", 80, "/a/../b", "h",
         "http://h/a/../b"},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.why);
        auto u = url::parse(row.text);
        ASSERT_TRUE(u) << u.error().message();
        EXPECT_EQ(u->host, row.host);
        EXPECT_EQ(u->port, row.port);
        EXPECT_EQ(u->target, row.target);
        EXPECT_EQ(u->authority(), row.authority);
        EXPECT_EQ(u->to_string(), row.canonical);
        auto again = url::parse(u->to_string());  // to_string round-trips
        ASSERT_TRUE(again);
        EXPECT_EQ(*again, *u);
    }
}

struct bad_row {
    const char* why;
    std::string text;
    url_errc error;
};

TEST(HttpUrl, RefusesWithPreciseErrors) {
    const std::vector<bad_row> rows = {
        {"empty", "", url_errc::empty},
        {"no scheme", "example.org/x", url_errc::no_scheme},
        {"scheme without //", "http:/x", url_errc::no_scheme},
        {"https: no TLS", "https://example.org/", url_errc::https_unsupported},
        {"HTTPS in capitals too", "HTTPS://h/", url_errc::https_unsupported},
        {"ftp", "ftp://h/", url_errc::unsupported_scheme},
        {"userinfo", "http://user:pw@h/", url_errc::userinfo},
        {"user only", "http://user@h/", url_errc::userinfo},
        {"no host", "http:///x", url_errc::empty_host},
        {"port without host", "http://:80/", url_errc::empty_host},
        {"bad host char", "http://h$t/", url_errc::bad_host},
        {"unclosed bracket", "http://[::1/", url_errc::bad_ipv6_literal},
        {"not IPv6 in brackets", "http://[1.2.3.4]/", url_errc::bad_ipv6_literal},
        {"junk after bracket", "http://[::1]x/", url_errc::bad_ipv6_literal},
        {"zone without %25", "http://[fe80::1%lo]/", url_errc::bad_ipv6_literal},
        {"port 0", "http://h:0/", url_errc::bad_port},
        {"port too big", "http://h:65536/", url_errc::bad_port},
        {"port not a number", "http://h:8o/", url_errc::bad_port},
        {"signed port", "http://h:+80/", url_errc::bad_port},
        {"space", "http://h/a b", url_errc::bad_character},
        {"control byte", std::string("http://h/a\x01"), url_errc::bad_character},
        {"DEL", "http://h/\x7f", url_errc::bad_character},
        {"lone %", "http://h/50%", url_errc::bad_percent_encoding},
        {"% with non-hex", "http://h/%zz", url_errc::bad_percent_encoding},
        {"% at the end with one digit", "http://h/?%4", url_errc::bad_percent_encoding},
    };
    for (const auto& row : rows) {
        SCOPED_TRACE(row.why);
        auto u = url::parse(row.text);
        ASSERT_FALSE(u) << u->to_string();
        EXPECT_EQ(u.error(), row.error) << u.error().message();
    }
}

TEST(HttpUrl, HttpsMessageSaysTls) {
    auto u = url::parse("https://h/");
    ASSERT_FALSE(u);
    EXPECT_NE(u.error().message().find("TLS"), std::string::npos);
    EXPECT_STREQ(u.error().category().name(), "sockit.url");
}

// RFC 3986 §5.4.1 and §5.4.2, with the base "http://a/b/c/d;p?q" (fragments are dropped here, so "g#s"
// resolves to "http://a/b/c/g").
TEST(HttpUrl, ResolvesRfc3986Examples) {
    auto base = url::parse("http://a/b/c/d;p?q");
    ASSERT_TRUE(base);
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g/"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q"},
        {"g#s", "http://a/b/c/g"},
        {"g?y#s", "http://a/b/c/g?y"},
        {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"},
        {"g;x?y#s", "http://a/b/c/g;x?y"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../", "http://a/"},
        {"../../g", "http://a/g"},
        // §5.4.2 abnormal examples
        {"../../../g", "http://a/g"},
        {"../../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
        {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},
        {"g?y/../x", "http://a/b/c/g?y/../x"},
        // absolute references and ports
        {"http://other:8080/z", "http://other:8080/z"},
        {"HTTP://Other/", "http://other/"},
        // a space in a Location is encoded, as browsers do
        {"a b", "http://a/b/c/a%20b"},
    };
    for (const auto& [ref, want] : rows) {
        SCOPED_TRACE(ref);
        auto r = base->resolve(ref);
        ASSERT_TRUE(r) << r.error().message();
        EXPECT_EQ(r->to_string(), want);
    }
}

TEST(HttpUrl, ResolveKeepsPortAndRefusesOtherSchemes) {
    auto base = url::parse("http://[::1]:8080/dir/page");
    ASSERT_TRUE(base);
    auto rel = base->resolve("next");
    ASSERT_TRUE(rel);
    EXPECT_EQ(rel->to_string(), "http://[::1]:8080/dir/next");
    auto https = base->resolve("https://[::1]/");
    ASSERT_FALSE(https);
    EXPECT_EQ(https.error(), url_errc::https_unsupported);
    auto ftp = base->resolve("ftp://h/");
    ASSERT_FALSE(ftp);
    EXPECT_EQ(ftp.error(), url_errc::unsupported_scheme);
    auto bad = base->resolve("/a\x01");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), url_errc::bad_character);
}

// Random strings over the characters URLs are made of (plus a few hostile ones): parse and resolve never
// crash, every accepted URL round-trips through to_string(), and a resolved URL re-parses to itself.
TEST(HttpUrl, RandomInputsRoundTrip) {
    const std::string alphabet = "http:/[]@?#%.-_~!$&'()*+,;=09afAFzZ: \x01\x7f\xc3\xa9";
    const std::vector<std::string> seeds = {
        "http://", "http://h", "http://[::1]", "http://h:8080", "/",  "../",
        "?",       "#",        "%2",           "%41",           "//", "https://"};
    std::mt19937 rng(20260601);
    auto base = url::parse("http://example.org:8080/a/b/c?q=1");
    ASSERT_TRUE(base);
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        if (rng() % 2 == 0) text = seeds[rng() % seeds.size()];
        const std::size_t n = rng() % 24;
        for (std::size_t k = 0; k < n; ++k) {
            if (rng() % 5 == 0) {
                text += seeds[rng() % seeds.size()];
            } else {
                text.push_back(alphabet[rng() % alphabet.size()]);
            }
        }
        SCOPED_TRACE(text);
        if (auto u = url::parse(text)) {
            ++accepted;
            auto again = url::parse(u->to_string());
            ASSERT_TRUE(again) << u->to_string();
            EXPECT_EQ(*again, *u);
            EXPECT_EQ(u->target.front(), '/');
        }
        if (auto r = base->resolve(text)) {
            auto again = url::parse(r->to_string());
            ASSERT_TRUE(again) << r->to_string();
            EXPECT_EQ(*again, *r);
        }
    }
    EXPECT_GT(accepted, 100);  // the generator does reach valid URLs
}

}  // namespace
}  // namespace sockit::http
