// SPDX-License-Identifier: MIT
// ip_network: an IPv4 or IPv6 network in CIDR notation (RFC 4632, RFC 4291 2.3) and its arithmetic,
// with the conventions of Python's ipaddress (hosts, broadcast, collapse, summarize).
#pragma once

#include <compare>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sockit/core/result.hpp"
#include "sockit/ip/address_error.hpp"
#include "sockit/ip/ip_address.hpp"
#include "sockit/ip/uint128.hpp"

namespace sockit {

/// A network: an address whose bits beyond the prefix length are zero, and that prefix length.
/// A trivially copyable value; the default value is invalid. Zones are not part of networks.
class ip_network {
public:
    /// The invalid network (version() == 0).
    constexpr ip_network() noexcept = default;

    /// Parses "ADDR/LEN", "ADDR/NETMASK" or "ADDR/HOSTMASK" (dotted masks: IPv4 only, tried as a netmask
    /// first, as Python does) or a bare "ADDR" (a /32 or /128). LEN is decimal without leading zeros.
    /// Host bits set beyond the prefix are cleared ("172.17.86.75/12" is 172.16.0.0/12) unless strict,
    /// where they are an error (host_bits_set). Errors: address_error. No allocation; any thread.
    static result<ip_network, address_error> parse(std::string_view text, bool strict = false) noexcept;
    /// As parse(text, false), but also returns the address as written (host bits and all): the pair
    /// (address, network). Host bits were set when address != network.network_address().
    static result<std::pair<ip_address, ip_network>, address_error> parse_with_address(
        std::string_view text) noexcept;
    /// The network of address a with prefix length prefix (0..32 or 0..128; host bits cleared unless
    /// strict). Errors: prefix_too_large, host_bits_set, version_mismatch (invalid a), zone_in_network.
    static result<ip_network, address_error> from(const ip_address& a, int prefix,
                                                  bool strict = false) noexcept;

    [[nodiscard]] bool is_valid() const noexcept { return address_.is_valid(); }
    /// 4, 6, or 0 when invalid.
    [[nodiscard]] int version() const noexcept { return address_.version(); }
    [[nodiscard]] int prefix_length() const noexcept { return prefix_; }
    /// 32 or 128.
    [[nodiscard]] int max_prefix_length() const noexcept { return address_.max_prefix_length(); }

    /// The first address (all host bits zero).
    [[nodiscard]] ip_address network_address() const noexcept { return address_; }
    /// The prefix as an address: 255.240.0.0 for /12.
    [[nodiscard]] ip_address netmask() const noexcept;
    /// The host bits as an address: 0.15.255.255 for /12.
    [[nodiscard]] ip_address hostmask() const noexcept;
    /// The last address (all host bits one); for IPv6 too, as Python names it.
    [[nodiscard]] ip_address broadcast_address() const noexcept;
    /// The first address of Python's hosts(): IPv4 skips the network address except in a /31 and /32;
    /// IPv6 skips only the Subnet-Router anycast address (RFC 4291 2.6.1), except in a /127 and /128.
    [[nodiscard]] ip_address first_host() const noexcept;
    /// The last address of Python's hosts(): IPv4 skips the broadcast address except in a /31 and /32;
    /// IPv6 skips nothing at the end.
    [[nodiscard]] ip_address last_host() const noexcept;
    /// The number of addresses minus one (exact: ::/0 holds 2^128, one more than uint128 holds).
    [[nodiscard]] uint128 size_minus_one() const noexcept;
    /// The exact number of addresses in decimal ("340282366920938463463374607431768211456" for ::/0).
    /// Allocates.
    [[nodiscard]] std::string num_addresses_decimal() const;

    /// True when a (same version; its zone ignored) lies inside. An IPv4-mapped address is not inside
    /// an IPv4 network (unmap() it first).
    [[nodiscard]] bool contains(const ip_address& a) const noexcept;
    /// True when n (same version) lies entirely inside (Python's subnet_of, reversed).
    [[nodiscard]] bool contains(const ip_network& n) const noexcept;
    /// True when the two networks (same version) share an address.
    [[nodiscard]] bool overlaps(const ip_network& n) const noexcept;

    /// The subnets of prefix length new_prefix, in order; at most limit of them. Errors: bad_prefix
    /// (new_prefix below this prefix), prefix_too_large (beyond 32/128), too_many_results (more than
    /// limit). Allocates; any thread.
    [[nodiscard]] result<std::vector<ip_network>, address_error> subnets(int new_prefix,
                                                                         std::size_t limit) const;
    /// The network of prefix length new_prefix that contains this one. Errors: bad_prefix (new_prefix
    /// negative or above this prefix). No allocation.
    [[nodiscard]] result<ip_network, address_error> supernet(int new_prefix) const noexcept;
    /// supernet(prefix_length() - 1); errors: bad_prefix for a /0.
    [[nodiscard]] result<ip_network, address_error> supernet() const noexcept {
        return supernet(prefix_ - 1);
    }

    /// Python's collapse_addresses: the fewest networks covering exactly the union of nets (duplicates
    /// and nested ones dropped, adjacent siblings merged), sorted; IPv4 and IPv6 are collapsed
    /// separately, IPv4 first (Python refuses a mix). Invalid entries are ignored. Allocates.
    static std::vector<ip_network> collapse(std::span<const ip_network> nets);
    /// Python's summarize_address_range: the fewest networks covering exactly first..last, in order.
    /// Errors: version_mismatch (different versions or invalid), bad_range (first > last). Allocates.
    static result<std::vector<ip_network>, address_error> summarize(const ip_address& first,
                                                                    const ip_address& last);

    /// "a/len", e.g. "172.16.0.0/12" (the address in RFC 5952 form). Allocates.
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const ip_network&, const ip_network&) noexcept = default;
    /// Orders by version, then network address, then prefix length (Python's order).
    friend std::strong_ordering operator<=>(const ip_network& a, const ip_network& b) noexcept;

private:
    ip_address address_;
    int prefix_ = 0;
};

}  // namespace sockit
