// SPDX-License-Identifier: MIT
// subnet_range: the subnets of a network one at a time (Python ipaddress's subnets(new_prefix=N) order),
// any count in constant memory: ::/0 into /128, the last subnet by index, iterators that outlive the range.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parse_or_fail.hpp"
#include "sockit/ip/subnet_range.hpp"

using sockit::address_errc;
using sockit::ip_network;
using sockit::subnet_range;
using sockit::uint128;

namespace {

ip_network net(std::string_view s) { return sockit::test::parse_or_fail<ip_network>(s); }

subnet_range range(std::string_view s, int new_prefix) {
    auto r = subnet_range::of(net(s), new_prefix);
    EXPECT_TRUE(r.has_value()) << s << " /" << new_prefix;
    return r ? *r : subnet_range{};
}

// The first `most` subnets as text.
std::vector<std::string> first(const subnet_range& r, std::size_t most) {
    std::vector<std::string> out;
    for (auto it = r.begin(); it != r.end() && out.size() < most; ++it) out.push_back((*it).to_string());
    return out;
}

}  // namespace

TEST(SubnetRange, ListsInAddressOrder) {
    EXPECT_EQ(
        first(range("192.0.2.0/24", 26), 10),
        (std::vector<std::string>{"192.0.2.0/26", "192.0.2.64/26", "192.0.2.128/26", "192.0.2.192/26"}));
    EXPECT_EQ(first(range("2001:db8::/32", 34), 10),
              (std::vector<std::string>{"2001:db8::/34", "2001:db8:4000::/34", "2001:db8:8000::/34",
                                        "2001:db8:c000::/34"}));
    EXPECT_EQ(first(range("10.0.0.0/8", 8), 10), (std::vector<std::string>{"10.0.0.0/8"}));
    EXPECT_EQ(first(range("0.0.0.0/0", 0), 10), (std::vector<std::string>{"0.0.0.0/0"}));
    EXPECT_EQ(first(range("::/0", 0), 10), (std::vector<std::string>{"::/0"}));
    EXPECT_EQ(first(range("0.0.0.0/0", 1), 10), (std::vector<std::string>{"0.0.0.0/1", "128.0.0.0/1"}));
    EXPECT_EQ(
        first(range("255.255.255.254/31", 32), 10),
        (std::vector<std::string>{"255.255.255.254/32", "255.255.255.255/32"}));  // no wrap past the end
}

TEST(SubnetRange, CountsExactlyWithoutOverflow) {
    EXPECT_EQ(range("10.0.0.0/8", 32).size_minus_one(), uint128{(1U << 24) - 1});
    EXPECT_EQ(range("0.0.0.0/0", 32).size_minus_one(), uint128{0xffffffffU});
    EXPECT_EQ(range("::/0", 128).size_minus_one(), ~uint128{0});  // 2^128 subnets
    EXPECT_TRUE(range("10.0.0.0/8", 32).size_at_most(1U << 24));
    EXPECT_FALSE(range("10.0.0.0/8", 32).size_at_most((1U << 24) - 1));
    EXPECT_FALSE(range("10.0.0.0/8", 8).size_at_most(0));
    EXPECT_FALSE(range("::/0", 128).size_at_most(~uint128{0}));  // one more than that
}

TEST(SubnetRange, IndexesAnySubnet) {
    const auto r = range("::/0", 128);
    EXPECT_EQ(r[0].to_string(), "::/128");
    EXPECT_EQ(r[~uint128{0}].to_string(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
    EXPECT_EQ(range("10.0.0.0/8", 32)[(1U << 24) - 1].to_string(), "10.255.255.255/32");
    EXPECT_EQ(range("2001:db8::/32", 64)[0x10000].to_string(), "2001:db8:1::/64");
}

TEST(SubnetRange, EndsAfterTheLastSubnet) {
    auto it = range("192.0.2.0/24", 25).begin();  // the range is gone; the iterator holds its own state
    ASSERT_FALSE(it == std::default_sentinel);
    EXPECT_EQ((*it++).to_string(), "192.0.2.0/25");
    EXPECT_EQ((*it++).to_string(), "192.0.2.128/25");
    EXPECT_TRUE(it == std::default_sentinel);
    std::size_t n = 0;
    for (const auto& s : range("10.0.0.0/8", 20)) {
        EXPECT_EQ(s.prefix_length(), 20);
        ++n;
    }
    EXPECT_EQ(n, std::size_t{1} << 12);
}

TEST(SubnetRange, RefusesPrefixesOutsideTheNetwork) {
    EXPECT_EQ(subnet_range::of(net("10.0.0.0/8"), 7).error().code, address_errc::bad_prefix);
    EXPECT_EQ(subnet_range::of(net("10.0.0.0/8"), 33).error().code, address_errc::prefix_too_large);
    EXPECT_EQ(subnet_range::of(net("::/0"), 129).error().code, address_errc::prefix_too_large);
    EXPECT_EQ(subnet_range::of(ip_network{}, 8).error().code, address_errc::version_mismatch);
}
