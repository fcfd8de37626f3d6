// SPDX-License-Identifier: MIT
// The dig-style argument parser of `sockit dns`: names, types and classes in any order, @server forms,
// +options, -x reverse names (RFC 1035 §3.5, RFC 3596 §2.5), and every usage error.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sockit/dns_client/dig_args.hpp"

namespace sockit::dns_client {
namespace {

using dns::rr_class;
using dns::rr_type;

result<dig_args, dig_args_error> parse(std::vector<std::string_view> words) { return parse_dig_args(words); }

std::string name_of(const dig_args& a) { return a.name ? a.name->to_string() : "(none)"; }

TEST(DigArgs, NameTypeClassAnyOrder) {
    auto a = parse({"example.org", "MX", "aaaa"});
    ASSERT_TRUE(a);
    EXPECT_EQ(name_of(*a), "example.org.");
    EXPECT_EQ(a->types, (std::vector<rr_type>{rr_type::mx, rr_type::aaaa}));
    // dig reads a type word before the name too, and a class word anywhere.
    a = parse({"TXT", "CH", "version.bind"});
    ASSERT_TRUE(a);
    EXPECT_EQ(name_of(*a), "version.bind.");
    EXPECT_EQ(a->types, (std::vector<rr_type>{rr_type::txt}));
    EXPECT_EQ(a->klass, rr_class::ch);
    a = parse({"example.org", "TYPE65"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->types, (std::vector<rr_type>{rr_type::https}));
    a = parse({"example.org", "TYPE4000"});
    ASSERT_TRUE(a);
    EXPECT_EQ(static_cast<int>(a->types.at(0)), 4000);
    // A word with a dot is a name even if it could be a type ("a." is a one-label name).
    a = parse({"mx."});
    ASSERT_TRUE(a);
    EXPECT_EQ(name_of(*a), "mx.");
    EXPECT_TRUE(a->types.empty());
    // -q forces a word that looks like a type to be the name; -t and -c take values.
    a = parse({"-q", "mx", "-t", "SRV", "-c", "IN"});
    ASSERT_TRUE(a);
    EXPECT_EQ(name_of(*a), "mx.");
    EXPECT_EQ(a->types, (std::vector<rr_type>{rr_type::srv}));
    a = parse({"-tAAAA", "host.example"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->types, (std::vector<rr_type>{rr_type::aaaa}));
}

struct server_row {
    const char* word;
    const char* host;
    int port;  // -1: none
};

TEST(DigArgs, ServerForms) {
    const server_row rows[] = {
        {"@127.0.0.1", "127.0.0.1", -1},
        {"@127.0.0.1:5353", "127.0.0.1", 5353},
        {"@::1", "::1", -1},  // several colons: an IPv6 address, no port
        {"@[::1]:5353", "::1", 5353},
        {"@[::1]", "::1", -1},
        {"@2001:db8::53", "2001:db8::53", -1},
        {"@fe80::1%eth0", "fe80::1%eth0", -1},
        {"@ns1.example", "ns1.example", -1},  // a host name: the CLI resolves it
        {"@ns1.example:53", "ns1.example", 53},
    };
    for (const auto& row : rows) {
        auto a = parse({"example.org", row.word});
        ASSERT_TRUE(a) << row.word << ": " << a.error().why;
        EXPECT_EQ(a->server.value_or("?"), row.host) << row.word;
        EXPECT_EQ(a->port ? *a->port : -1, row.port) << row.word;
    }
    auto a = parse({"example.org", "@::1", "-p", "5353"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->port.value_or(0), 5353);
    a = parse({"-p5353", "example.org"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->port.value_or(0), 5353);
    // The same port twice is fine; two different ones are not.
    EXPECT_TRUE(parse({"x.example", "@[::1]:53", "-p", "53"}));
    EXPECT_FALSE(parse({"x.example", "@[::1]:53", "-p", "54"}));
}

TEST(DigArgs, PlusOptions) {
    auto a = parse({"example.org", "+tcp", "+short", "+norecurse", "+dnssec", "+timeout=2", "+tries=5"});
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->tcp);
    EXPECT_TRUE(a->short_output);
    EXPECT_FALSE(a->recurse);
    EXPECT_TRUE(a->dnssec);
    EXPECT_EQ(a->timeout->count(), 2000);
    EXPECT_EQ(a->tries.value_or(0), 5U);
    a = parse({"example.org", "+timeout=0.25", "+retry=0", "+noedns", "+ignore", "+vc", "+notcp", "+norec"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->timeout->count(), 250);
    EXPECT_EQ(a->tries.value_or(0), 1U);
    EXPECT_FALSE(a->edns);
    EXPECT_TRUE(a->ignore_truncation);
    EXPECT_FALSE(a->tcp);  // +vc then +notcp: the last word wins
    EXPECT_FALSE(a->recurse);
    a = parse({"example.org", "+noedns", "+bufsize=512"});
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->edns);  // +bufsize turns EDNS back on, as in dig
    EXPECT_EQ(a->bufsize, 512);
    a = parse({"example.org"});
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->recurse);
    EXPECT_TRUE(a->edns);
    EXPECT_EQ(a->bufsize, 1232);
    EXPECT_FALSE(a->timeout);
    EXPECT_FALSE(a->tries);
}

TEST(DigArgs, ReverseNames) {
    auto a = parse({"-x", "192.0.2.10"});
    ASSERT_TRUE(a);
    EXPECT_EQ(name_of(*a), "10.2.0.192.in-addr.arpa.");
    EXPECT_EQ(a->types, (std::vector<rr_type>{rr_type::ptr}));
    a = parse({"-x", "2001:db8::1", "AAAA"});
    ASSERT_TRUE(a);
    EXPECT_EQ(name_of(*a), "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.");
    EXPECT_EQ(a->types, (std::vector<rr_type>{rr_type::aaaa}));  // an explicit type replaces PTR
    a = parse({"-x", "fe80::1%eth0"});                           // the zone is not part of the reverse name
    auto plain = parse({"-x", "fe80::1"});
    ASSERT_TRUE(a);
    ASSERT_TRUE(plain);
    EXPECT_EQ(name_of(*a), name_of(*plain));
    EXPECT_TRUE(name_of(*a).ends_with(".0.0.0.0.0.0.8.e.f.ip6.arpa.")) << name_of(*a);
}

TEST(DigArgs, BatchAndJson) {
    auto a = parse({"--batch", "-", "--in-flight", "7", "--json", "AAAA"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->batch_file.value_or(""), "-");
    EXPECT_EQ(a->in_flight.value_or(0), 7U);
    EXPECT_TRUE(a->json);
    EXPECT_FALSE(a->name);
    a = parse({"--batch=names.txt", "--in-flight=3"});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->batch_file.value_or(""), "names.txt");
    EXPECT_EQ(a->in_flight.value_or(0), 3U);
    a = parse({"-h"});
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->help);
}

struct error_row {
    std::vector<std::string_view> words;
    const char* at_fault;
    const char* why;
};

TEST(DigArgs, UsageErrors) {
    const error_row rows[] = {
        {{"a.example", "b.example"}, "b.example", "a second name"},
        {{"a..example"}, "a..example", "empty label"},
        {{std::string_view("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.example")},
         "",
         "label over 63"},
        {{"a.example", "+frobnicate"}, "+frobnicate", "unknown +option"},
        {{"a.example", "+tcp=1"}, "+tcp=1", "flag with a value"},
        {{"a.example", "+timeout=0"}, "+timeout=0", "zero timeout"},
        {{"a.example", "+timeout=x"}, "+timeout=x", "not a number"},
        {{"a.example", "+timeout"}, "+timeout", "missing value"},
        {{"a.example", "+tries=0"}, "+tries=0", "zero tries"},
        {{"a.example", "+tries=101"}, "+tries=101", "too many tries"},
        {{"a.example", "+bufsize=70000"}, "+bufsize=70000", "bufsize over 16 bits"},
        {{"a.example", "-p", "0"}, "0", "port 0"},
        {{"a.example", "-p", "65536"}, "65536", "port over 65535"},
        {{"a.example", "-p"}, "-p", "-p without a value"},
        {{"a.example", "-t", "BOGUS"}, "BOGUS", "unknown type"},
        {{"a.example", "-t", "TYPE65536"}, "TYPE65536", "type number too big"},
        {{"a.example", "-c", "XX"}, "XX", "unknown class"},
        {{"-x", "192.0.2"}, "192.0.2", "-x with a bad address"},
        {{"-x", "host.example"}, "host.example", "-x with a name"},
        {{"a.example", "@"}, "@", "@ alone is not a server (it is read as a name and fails)"},
        {{"a.example", "@[::1"}, "[::1", "unclosed bracket"},
        {{"a.example", "@[::1]x"}, "[::1]x", "junk after the bracket"},
        {{"a.example", "@127.0.0.1:"}, "127.0.0.1:", "empty port"},
        {{"a.example", "@127.0.0.1:99999"}, "127.0.0.1:99999", "port out of range"},
        {{"a.example", "@:53"}, ":53", "no host"},
        {{"a.example", "-z"}, "-z", "unknown dash option"},
        {{"--batch"}, "--batch", "--batch without a file"},
        {{"--in-flight", "0"}, "0", "in-flight 0"},
    };
    for (const auto& row : rows) {
        auto a = parse(row.words);
        ASSERT_FALSE(a) << row.why;
        if (*row.at_fault != '\0') {
            EXPECT_EQ(a.error().argument, row.at_fault) << row.why;
        }
        EXPECT_FALSE(a.error().why.empty()) << row.why;
    }
}

}  // namespace
}  // namespace sockit::dns_client
