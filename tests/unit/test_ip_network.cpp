// SPDX-License-Identifier: MIT
// ip_network: CIDR parsing (RFC 4632), masks, host ranges, membership, subnets, supernet, collapse and
// summarize, row by row with Python ipaddress's answers (and the seeds' examples).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parse_or_fail.hpp"
#include "sockit/ip/ip_network.hpp"

using sockit::address_errc;
using sockit::ip_address;
using sockit::ip_network;

namespace {

ip_network net(std::string_view s) { return sockit::test::parse_or_fail<ip_network>(s); }

ip_address addr(std::string_view s) {
    auto r = ip_address::parse(s);
    EXPECT_TRUE(r.has_value()) << s;
    return r ? *r : ip_address{};
}

std::vector<std::string> strings(const std::vector<ip_network>& nets) {
    std::vector<std::string> out;
    for (const auto& n : nets) out.push_back(n.to_string());
    return out;
}

struct calc_case {
    const char* input;
    const char* network;
    const char* netmask;
    const char* hostmask;
    const char* broadcast;
    const char* first;
    const char* last;
    const char* size;
    bool host_bits;
};

// ipcalc rows; the expected values are Python 3.11 ipaddress's.
const calc_case calc_cases[] = {
    {"172.17.86.75/12", "172.16.0.0/12", "255.240.0.0", "0.15.255.255", "172.31.255.255", "172.16.0.1",
     "172.31.255.254", "1048576", true},  // seed 002's example
    {"10.0.0.0/255.0.0.0", "10.0.0.0/8", "255.0.0.0", "0.255.255.255", "10.255.255.255", "10.0.0.1",
     "10.255.255.254", "16777216", false},  // dotted netmask
    {"10.0.0.0/0.0.0.255", "10.0.0.0/24", "255.255.255.0", "0.0.0.255", "10.0.0.255", "10.0.0.1",
     "10.0.0.254", "256", false},  // hostmask, as Python
    {"192.0.2.1", "192.0.2.1/32", "255.255.255.255", "0.0.0.0", "192.0.2.1", "192.0.2.1", "192.0.2.1", "1",
     false},  // bare address: /32
    {"192.0.2.0/31", "192.0.2.0/31", "255.255.255.254", "0.0.0.1", "192.0.2.1", "192.0.2.0", "192.0.2.1", "2",
     false},  // /31: both are hosts
    {"0.0.0.0/0", "0.0.0.0/0", "0.0.0.0", "255.255.255.255", "255.255.255.255", "0.0.0.1", "255.255.255.254",
     "4294967296", false},  // everything
    {"2001:db8::1/64", "2001:db8::/64", "ffff:ffff:ffff:ffff::", "::ffff:ffff:ffff:ffff",
     "2001:db8::ffff:ffff:ffff:ffff", "2001:db8::1", "2001:db8::ffff:ffff:ffff:ffff", "18446744073709551616",
     true},  // v6: no broadcast skip
    {"2001:db8::/127", "2001:db8::/127", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "::1", "2001:db8::1",
     "2001:db8::", "2001:db8::1", "2", false},  // /127: both
    {"::/0", "::/0", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
     "340282366920938463463374607431768211456", false},  // 2^128 exactly
    {"::1", "::1/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::", "::1", "::1", "::1", "1",
     false},  // /128
};

TEST(IpNetwork, Ipcalc) {
    for (const auto& c : calc_cases) {
        SCOPED_TRACE(c.input);
        auto r = ip_network::parse_with_address(c.input);
        ASSERT_TRUE(r.has_value()) << r.error().message();
        const auto& [a, n] = *r;
        EXPECT_EQ(n.to_string(), c.network);
        EXPECT_EQ(n.netmask().to_string(), c.netmask);
        EXPECT_EQ(n.hostmask().to_string(), c.hostmask);
        EXPECT_EQ(n.broadcast_address().to_string(), c.broadcast);
        EXPECT_EQ(n.first_host().to_string(), c.first);
        EXPECT_EQ(n.last_host().to_string(), c.last);
        EXPECT_EQ(n.num_addresses_decimal(), c.size);
        EXPECT_EQ(a != n.network_address(), c.host_bits);
        EXPECT_EQ(ip_network::parse(c.input, true).has_value(), !c.host_bits);  // strict refuses host bits
    }
}

struct net_error_case {
    const char* input;
    address_errc code;
    std::size_t offset;
};

// Malformed networks: the error and where.
const net_error_case net_error_cases[] = {
    {"10.0.0.0/", address_errc::bad_prefix, 9},              // empty prefix
    {"10.0.0.0/33", address_errc::prefix_too_large, 9},      // beyond 32
    {"::/129", address_errc::prefix_too_large, 3},           // beyond 128
    {"10.0.0.0/08", address_errc::bad_prefix, 9},            // leading zero (Python accepts it: documented)
    {"10.0.0.0/8x", address_errc::bad_prefix, 10},           // junk after digits
    {"10.0.0.0/-8", address_errc::bad_prefix, 9},            // sign
    {"10.0.0.0/255.0.255.0", address_errc::bad_netmask, 9},  // not contiguous
    {"10.0.0.0/255.0.0.256", address_errc::octet_too_large, 17},  // bad quad in the mask
    {"::/ffff::", address_errc::bad_prefix, 3},                   // no IPv6 masks
    {"fe80::%eth0/64", address_errc::zone_in_network, 6},         // zones do not belong in networks
    {"10.0.0.300/8", address_errc::octet_too_large, 7},           // the address's own error
    {"10.0.0.0/8/8", address_errc::bad_prefix, 10},               // two slashes
    {"[::1]/128", address_errc::bad_character, 0},                // brackets belong to endpoints and URLs
    {"[10.0.0.0/8]", address_errc::bad_character, 0},             // and do not make a list either
};

TEST(IpNetwork, RejectsWithWhatAndWhere) {
    for (const auto& c : net_error_cases) {
        SCOPED_TRACE(c.input);
        auto r = ip_network::parse(c.input);
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code, c.code) << r.error().message();
        EXPECT_EQ(r.error().offset, c.offset) << r.error().message();
    }
    auto strict = ip_network::parse("172.17.86.75/12", true);  // the seed's address is a host, not a network
    ASSERT_FALSE(strict.has_value());
    EXPECT_EQ(strict.error().code, address_errc::host_bits_set);
}

struct member_case {
    const char* network;
    const char* member;
    bool inside;
};

// Membership of addresses and networks.
const member_case member_cases[] = {
    {"172.16.0.0/12", "172.17.86.75", true},     // seed 002
    {"172.16.0.0/12", "172.32.0.0", false},      // just past the end
    {"172.16.0.0/12", "172.15.255.255", false},  // just before
    {"10.0.0.0/8", "::ffff:10.0.0.1", false},    // versions differ: unmap first
    {"fe80::/10", "fe80::1%eth0", true},         // zone ignored
    {"0.0.0.0/0", "255.255.255.255", true},      // /0 holds all
    {"2001:db8::/32", "2001:db9::", false},      // next /32
};

TEST(IpNetwork, Contains) {
    for (const auto& c : member_cases) {
        SCOPED_TRACE(std::string(c.network) + " " + c.member);
        EXPECT_EQ(net(c.network).contains(addr(c.member)), c.inside);
    }
    EXPECT_TRUE(net("10.0.0.0/8").contains(net("10.1.0.0/16")));    // subnet
    EXPECT_FALSE(net("10.1.0.0/16").contains(net("10.0.0.0/8")));   // supernet is not inside
    EXPECT_TRUE(net("10.1.0.0/16").overlaps(net("10.0.0.0/8")));    // but they overlap
    EXPECT_FALSE(net("10.0.0.0/16").overlaps(net("10.1.0.0/16")));  // siblings do not
    EXPECT_FALSE(net("10.0.0.0/8").overlaps(net("::/0")));          // versions never do
}

TEST(IpNetwork, SubnetsAndSupernet) {
    EXPECT_EQ(
        strings(*net("192.0.2.0/24").subnets(26, 100)),
        (std::vector<std::string>{"192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/26", "192.0.2.192/26"}));
    EXPECT_EQ(strings(*net("::/0").subnets(1, 100)), (std::vector<std::string>{"::/1", "8000::/1"}));
    EXPECT_EQ(strings(*net("10.0.0.0/8").subnets(8, 1)), (std::vector<std::string>{"10.0.0.0/8"}));
    EXPECT_EQ(net("10.0.0.0/8").subnets(7, 10).error().code, address_errc::bad_prefix);
    EXPECT_EQ(net("10.0.0.0/8").subnets(33, 10).error().code, address_errc::prefix_too_large);
    EXPECT_EQ(net("10.0.0.0/8").subnets(24, 65535).error().code,
              address_errc::too_many_results);                                                // 65536 > limit
    EXPECT_EQ(net("::/0").subnets(128, 65535).error().code, address_errc::too_many_results);  // 2^128
    EXPECT_EQ(net("172.16.0.0/12").supernet()->to_string(), "172.0.0.0/11");
    EXPECT_EQ(net("172.16.0.0/12").supernet(8)->to_string(), "172.0.0.0/8");
    EXPECT_EQ(net("2001:db8::/32").supernet(0)->to_string(), "::/0");
    EXPECT_EQ(net("0.0.0.0/0").supernet().error().code, address_errc::bad_prefix);
}

struct collapse_case {
    std::vector<const char*> input;
    std::vector<std::string> want;
};

// collapse rows; expected values from Python's collapse_addresses.
const collapse_case collapse_cases[] = {
    {{"192.0.2.0/25", "192.0.2.128/25"}, {"192.0.2.0/24"}},                      // two halves
    {{"192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/25"}, {"192.0.2.0/24"}},     // cascading merge
    {{"10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32"}, {"10.0.0.0/8"}},              // nested dropped
    {{"192.0.2.128/25", "192.0.2.0/25", "192.0.2.0/25"}, {"192.0.2.0/24"}},      // unsorted, duplicate
    {{"192.0.2.64/26", "192.0.2.128/26"}, {"192.0.2.64/26", "192.0.2.128/26"}},  // adjacent, not siblings
    {{"::/1", "8000::/1"}, {"::/0"}},                                            // v6 whole space
    {{"2001:db8::/33", "10.0.0.0/9", "2001:db8:8000::/33", "10.128.0.0/9"},
     {"10.0.0.0/8", "2001:db8::/32"}},  // mixed
    {{}, {}},                           // nothing
};

TEST(IpNetwork, Collapse) {
    for (const auto& c : collapse_cases) {
        std::vector<ip_network> in;
        for (auto s : c.input) in.push_back(net(s));
        EXPECT_EQ(strings(ip_network::collapse(in)), c.want);
    }
}

struct summarize_case {
    const char* first;
    const char* last;
    std::vector<std::string> want;
};

// summarize rows; expected values from Python's summarize_address_range.
const summarize_case summarize_cases[] = {
    {"192.0.2.0", "192.0.2.255", {"192.0.2.0/24"}},  // exact block
    {"192.0.2.1", "192.0.2.6", {"192.0.2.1/32", "192.0.2.2/31", "192.0.2.4/31", "192.0.2.6/32"}},  // ragged
    {"0.0.0.0", "255.255.255.255", {"0.0.0.0/0"}},                   // whole v4 space
    {"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", {"::/0"}},     // whole v6 space (2^128)
    {"255.255.255.255", "255.255.255.255", {"255.255.255.255/32"}},  // the top address
    {"::1", "::2", {"::1/128", "::2/128"}},                          // two singles
    {"10.0.0.0", "10.0.1.0", {"10.0.0.0/24", "10.0.1.0/32"}},        // block plus one
};

TEST(IpNetwork, Summarize) {
    for (const auto& c : summarize_cases) {
        SCOPED_TRACE(std::string(c.first) + " - " + c.last);
        auto r = ip_network::summarize(addr(c.first), addr(c.last));
        ASSERT_TRUE(r.has_value());
        EXPECT_EQ(strings(*r), c.want);
    }
    EXPECT_EQ(ip_network::summarize(addr("10.0.0.2"), addr("10.0.0.1")).error().code,
              address_errc::bad_range);
    EXPECT_EQ(ip_network::summarize(addr("10.0.0.1"), addr("::1")).error().code,
              address_errc::version_mismatch);
}

TEST(IpNetwork, OrdersLikePython) {
    EXPECT_LT(net("10.0.0.0/8"), net("10.0.0.0/16"));   // same address: shorter prefix first
    EXPECT_LT(net("10.0.0.0/16"), net("10.1.0.0/16"));  // then by address
    EXPECT_LT(net("255.0.0.0/8"), net("::/0"));         // IPv4 before IPv6
}

}  // namespace
