// SPDX-License-Identifier: MIT
// resolv.conf parsing (resolv.conf(5), glibc's limits) as a table, plus the loader on real files.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "sockit/dns_client/resolv_conf.hpp"

namespace sockit::dns_client {
namespace {

std::vector<std::string> servers(const resolv_conf& c) {
    std::vector<std::string> out;
    for (const auto& a : c.nameservers) out.push_back(a.to_string());
    return out;
}

struct server_row {
    const char* text;
    std::vector<std::string> want;
    const char* why;
};

TEST(ResolvConf, Nameservers) {
    const server_row rows[] = {
        {"", {}, "empty file"},
        {"nameserver 192.0.2.1\n", {"192.0.2.1"}, "one IPv4"},
        {"nameserver 192.0.2.1", {"192.0.2.1"}, "no final newline"},
        {"nameserver ::1\nnameserver 2001:db8::53\n", {"::1", "2001:db8::53"}, "IPv6, file order"},
        {"nameserver fe80::1%eth0\n", {"fe80::1%eth0"}, "link-local with a zone"},
        {"  nameserver\t192.0.2.1  \r\n", {"192.0.2.1"}, "blanks, tab, CRLF"},
        {"# nameserver 192.0.2.9\nnameserver 192.0.2.1\n", {"192.0.2.1"}, "# comment line"},
        {"; nameserver 192.0.2.9\n", {}, "; comment line"},
        {"nameserver 192.0.2.1 # the lab\n", {"192.0.2.1"}, "trailing comment"},
        {"nameserver 192.0.2.1;x\n", {"192.0.2.1"}, "comment glued to the address"},
        {"nameserver not-an-address\nnameserver 192.0.2.2\n", {"192.0.2.2"}, "bad address skipped"},
        {"nameserver 192.0.2.256\n", {}, "octet out of range"},
        {"nameserver\n", {}, "keyword without value"},
        {"nameservers 192.0.2.1\n", {}, "not the keyword"},
        {"NAMESERVER 192.0.2.1\n", {}, "keywords are case-sensitive (glibc)"},
        {"nameserver 192.0.2.1\nnameserver 192.0.2.2\nnameserver 192.0.2.3\nnameserver 192.0.2.4\n",
         {"192.0.2.1", "192.0.2.2", "192.0.2.3"},
         "MAXNS = 3"},
    };
    for (const auto& row : rows) EXPECT_EQ(servers(parse_resolv_conf(row.text)), row.want) << row.why;
}

struct option_row {
    const char* text;
    long timeout;
    unsigned attempts;
    unsigned ndots;
    const char* why;
};

TEST(ResolvConf, Options) {
    const option_row rows[] = {
        {"", 5, 2, 1, "glibc defaults"},
        {"options timeout:1 attempts:4\n", 1, 4, 1, "both on one line"},
        {"options timeout:2\noptions attempts:3\n", 2, 3, 1, "on two lines"},
        {"options timeout:1\noptions timeout:7\n", 7, 2, 1, "the last one wins"},
        {"options timeout:99 attempts:99 ndots:99\n", 30, 5, 15, "capped at 30, 5, 15"},
        {"options timeout:0 attempts:0\n", 1, 1, 1, "zero means at least one"},
        {"options timeout:x attempts:\n", 5, 2, 1, "bad numbers ignored"},
        {"options timeout:3x\n", 5, 2, 1, "trailing garbage ignored"},
        {"options rotate frobnicate timeout:3\n", 3, 2, 1, "unknown options skipped"},
        {"options timeout:99999999999999999999\n", 30, 2, 1, "huge number capped"},
        {"options ndots:0\n", 5, 2, 0, "ndots 0 allowed"},
        {"#options timeout:1\n", 5, 2, 1, "commented out"},
    };
    for (const auto& row : rows) {
        auto c = parse_resolv_conf(row.text);
        EXPECT_EQ(c.timeout.count(), row.timeout) << row.why;
        EXPECT_EQ(c.attempts, row.attempts) << row.why;
        EXPECT_EQ(c.ndots, row.ndots) << row.why;
    }
}

TEST(ResolvConf, FlagsAndSearch) {
    auto c = parse_resolv_conf("search a.example b.example\noptions rotate use-vc edns0\n");
    EXPECT_TRUE(c.rotate);
    EXPECT_TRUE(c.use_vc);
    EXPECT_TRUE(c.edns0);
    EXPECT_EQ(c.search, (std::vector<std::string>{"a.example", "b.example"}));
    // search and domain: the last line wins; domain keeps one name.
    EXPECT_EQ(parse_resolv_conf("search a.example\ndomain c.example\n").search,
              (std::vector<std::string>{"c.example"}));
    EXPECT_EQ(parse_resolv_conf("domain c.example\nsearch x y\n").search,
              (std::vector<std::string>{"x", "y"}));
    EXPECT_FALSE(parse_resolv_conf("").rotate);
}

TEST(ResolvConf, Loader) {
    char path[] = "/tmp/sockit-resolv-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    {
        std::ofstream out(path);
        out << "# written by the test\nnameserver 127.0.0.53\noptions timeout:2\n";
    }
    auto c = load_resolv_conf(path);
    ASSERT_TRUE(c) << c.error().message();
    EXPECT_EQ(servers(*c), (std::vector<std::string>{"127.0.0.53"}));
    EXPECT_EQ(c->timeout.count(), 2);
    std::remove(path);
    ::close(fd);
    auto missing = load_resolv_conf(path);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), std::errc::no_such_file_or_directory);
}

}  // namespace
}  // namespace sockit::dns_client
