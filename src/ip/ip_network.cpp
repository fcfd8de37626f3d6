// SPDX-License-Identifier: MIT
// ip_network: CIDR parsing (RFC 4632, RFC 4291 2.3), masks, host ranges, subnetting, collapse and
// summarize, following Python's ipaddress conventions.
#include "sockit/ip/ip_network.hpp"

#include <algorithm>
#include <bit>

#include "sockit/ip/subnet_range.hpp"

namespace sockit {

namespace {

inline uint128 all_ones(int bits) noexcept { return bits == 128 ? ~uint128{0} : (uint128{1} << bits) - 1; }

// The netmask of a prefix as an integer of `bits` bits.
inline uint128 mask_of(int bits, int prefix) noexcept {
    if (prefix <= 0) return 0;
    return (all_ones(bits) << (bits - prefix)) & all_ones(bits);
}

// The prefix length of a contiguous netmask of 32 bits, or -1.
inline int prefix_of_netmask(std::uint32_t m) noexcept {
    const int ones = std::countl_one(m);
    return ones == 32 || (m << ones) == 0 ? ones : -1;
}

// The number of trailing zero bits of v among `bits` bits (bits when v is 0).
inline int trailing_zeros(uint128 v, int bits) noexcept {
    if (v == 0) return bits;
    const auto lo = static_cast<std::uint64_t>(v);
    if (lo != 0) return std::countr_zero(lo);
    return 64 + std::countr_zero(static_cast<std::uint64_t>(v >> 64));
}

// floor(log2(v + 1)): the largest n with 2^n - 1 <= v (v = 2^128 - 1 gives 128).
inline int log2_of_count(uint128 v) noexcept {
    if (v == ~uint128{0}) return 128;
    const uint128 c = v + 1;
    const auto hi = static_cast<std::uint64_t>(c >> 64);
    if (hi != 0) return 127 - std::countl_zero(hi);
    return 63 - std::countl_zero(static_cast<std::uint64_t>(c));
}

inline ip_network make(int version, uint128 value, int prefix) noexcept {
    // value has no host bits set; from() cannot fail here.
    return ip_network::from(ip_address::from_uint(version, value), prefix).value_or(ip_network{});
}

}  // namespace

result<ip_network, address_error> ip_network::from(const ip_address& a, int prefix, bool strict) noexcept {
    if (!a.is_valid()) return fail(make_address_error(address_errc::version_mismatch, 0));
    if (!a.zone().empty()) return fail(make_address_error(address_errc::zone_in_network, 0));
    const int bits = a.max_prefix_length();
    if (prefix < 0) return fail(make_address_error(address_errc::bad_prefix, 0));
    if (prefix > bits)
        return fail(
            make_address_error(address_errc::prefix_too_large, 0, static_cast<std::uint32_t>(prefix)));
    const uint128 v = a.to_uint();
    const uint128 masked = v & mask_of(bits, prefix);
    if (strict && masked != v) return fail(make_address_error(address_errc::host_bits_set, 0));
    ip_network n;
    n.address_ = ip_address::from_uint(a.version(), masked);
    n.prefix_ = prefix;
    return n;
}

result<std::pair<ip_address, ip_network>, address_error> ip_network::parse_with_address(
    std::string_view text) noexcept {
    const auto slash = text.find('/');
    const auto addr_text = text.substr(0, slash);
    auto a = ip_address::parse(addr_text);
    if (!a) return fail(a.error());
    if (!a->zone().empty()) {
        return fail(make_address_error(address_errc::zone_in_network, addr_text.find('%')));
    }
    const int bits = a->max_prefix_length();
    int prefix = bits;
    if (slash != std::string_view::npos) {
        const auto suffix = text.substr(slash + 1);
        const std::size_t base = slash + 1;
        if (suffix.empty()) return fail(make_address_error(address_errc::bad_prefix, base));
        const bool all_digits =
            std::all_of(suffix.begin(), suffix.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (all_digits) {
            if (suffix.size() > 1 && suffix[0] == '0')
                return fail(make_address_error(address_errc::bad_prefix, base));
            std::uint32_t v = 0;
            for (char c : suffix)
                v = v < 100000000u ? v * 10 + static_cast<std::uint32_t>(c - '0') : UINT32_MAX;
            if (v > static_cast<std::uint32_t>(bits))
                return fail(make_address_error(address_errc::prefix_too_large, base, v));
            prefix = static_cast<int>(v);
        } else if (a->is_v4() && suffix.find('.') != std::string_view::npos) {
            auto m = ip_address::parse_v4(suffix);
            if (!m) {
                auto e = m.error();
                e.offset += base;
                return fail(e);
            }
            const std::uint32_t mv = m->to_v4_uint();
            prefix = prefix_of_netmask(mv);
            if (prefix < 0) prefix = prefix_of_netmask(~mv);  // a hostmask (Cisco wildcard)
            if (prefix < 0) return fail(make_address_error(address_errc::bad_netmask, base));
        } else {
            std::size_t i = 0;
            while (i < suffix.size() && suffix[i] >= '0' && suffix[i] <= '9') ++i;
            return fail(make_address_error(address_errc::bad_prefix, base + i));
        }
    }
    auto n = from(*a, prefix);
    if (!n) return fail(n.error());
    return std::pair{*a, *n};
}

result<ip_network, address_error> ip_network::parse(std::string_view text, bool strict) noexcept {
    auto r = parse_with_address(text);
    if (!r) return fail(r.error());
    if (strict && r->first != r->second.network_address()) {
        return fail(make_address_error(address_errc::host_bits_set, 0));
    }
    return r->second;
}

ip_address ip_network::netmask() const noexcept {
    return ip_address::from_uint(version(), mask_of(max_prefix_length(), prefix_));
}

ip_address ip_network::hostmask() const noexcept {
    const int bits = max_prefix_length();
    return ip_address::from_uint(version(), ~mask_of(bits, prefix_) & all_ones(bits));
}

ip_address ip_network::broadcast_address() const noexcept {
    return ip_address::from_uint(version(), address_.to_uint() | size_minus_one());
}

ip_address ip_network::first_host() const noexcept {
    const int bits = max_prefix_length();
    if (prefix_ >= bits - 1) return address_;
    return ip_address::from_uint(version(), address_.to_uint() + 1);
}

ip_address ip_network::last_host() const noexcept {
    const int bits = max_prefix_length();
    const uint128 last = address_.to_uint() | size_minus_one();
    if (version() == 4 && prefix_ < bits - 1) return ip_address::from_uint(4, last - 1);
    return ip_address::from_uint(version(), last);
}

uint128 ip_network::size_minus_one() const noexcept {
    const int bits = max_prefix_length();
    return ~mask_of(bits, prefix_) & all_ones(bits);
}

std::string ip_network::num_addresses_decimal() const {
    if (!is_valid()) return "0";
    if (version() == 6 && prefix_ == 0) return "340282366920938463463374607431768211456";
    return to_decimal(size_minus_one() + 1);
}

bool ip_network::contains(const ip_address& a) const noexcept {
    if (!is_valid() || a.version() != version()) return false;
    return (a.to_uint() & mask_of(max_prefix_length(), prefix_)) == address_.to_uint();
}

bool ip_network::contains(const ip_network& n) const noexcept {
    return n.is_valid() && n.prefix_ >= prefix_ && contains(n.address_);
}

bool ip_network::overlaps(const ip_network& n) const noexcept { return contains(n) || n.contains(*this); }

result<std::vector<ip_network>, address_error> ip_network::subnets(int new_prefix, std::size_t limit) const {
    auto range = subnet_range::of(*this, new_prefix);
    if (!range) return fail(range.error());
    if (!range->size_at_most(limit)) {
        const auto lim32 = static_cast<std::uint32_t>(std::min<std::size_t>(limit, UINT32_MAX));
        return fail(make_address_error(address_errc::too_many_results, 0, lim32));
    }
    std::vector<ip_network> out;
    out.reserve(static_cast<std::size_t>(range->size_minus_one()) + 1);
    for (const auto& s : *range) out.push_back(s);
    return out;
}

result<ip_network, address_error> ip_network::supernet(int new_prefix) const noexcept {
    if (!is_valid()) return fail(make_address_error(address_errc::version_mismatch, 0));
    if (new_prefix < 0 || new_prefix > prefix_) return fail(make_address_error(address_errc::bad_prefix, 0));
    return from(address_, new_prefix);
}

std::vector<ip_network> ip_network::collapse(std::span<const ip_network> nets) {
    std::vector<ip_network> sorted;
    sorted.reserve(nets.size());
    for (const auto& n : nets)
        if (n.is_valid()) sorted.push_back(n);
    std::sort(sorted.begin(), sorted.end());
    std::vector<ip_network> out;
    out.reserve(sorted.size());
    for (const auto& n : sorted) {
        // Sorted by (version, address, prefix): a network containing n is the last one kept, if any.
        if (!out.empty() && out.back().contains(n)) continue;
        out.push_back(n);
        // Merge sibling pairs into their supernet for as long as the top two are siblings.
        while (out.size() >= 2) {
            const auto& b = out[out.size() - 1];
            const auto& a = out[out.size() - 2];
            if (a.version() != b.version() || a.prefix_ != b.prefix_ || a.prefix_ == 0) break;
            const auto up = a.supernet();
            if (!up || !up->contains(b.address_)) break;
            const ip_network merged = *up;
            out.pop_back();
            out.back() = merged;
        }
    }
    return out;
}

result<std::vector<ip_network>, address_error> ip_network::summarize(const ip_address& first,
                                                                     const ip_address& last) {
    if (!first.is_valid() || first.version() != last.version())
        return fail(make_address_error(address_errc::version_mismatch, 0));
    if (last.to_uint() < first.to_uint()) return fail(make_address_error(address_errc::bad_range, 0));
    const int bits = first.max_prefix_length();
    const int version = first.version();
    uint128 lo = first.to_uint();
    const uint128 hi = last.to_uint();
    std::vector<ip_network> out;
    for (;;) {
        const int nbits = std::min(trailing_zeros(lo, bits), log2_of_count(hi - lo));
        out.push_back(make(version, lo, bits - nbits));
        const uint128 span_minus_one = nbits == 128 ? ~uint128{0} : (uint128{1} << nbits) - 1;
        if (hi - lo == span_minus_one) break;  // this block ends exactly at hi
        lo += span_minus_one + 1;
    }
    return out;
}

std::string ip_network::to_string() const {
    std::string s = address_.to_string();
    s += '/';
    s += std::to_string(prefix_);
    return s;
}

std::strong_ordering operator<=>(const ip_network& a, const ip_network& b) noexcept {
    if (auto c = a.address_ <=> b.address_; c != 0) return c;
    return a.prefix_ <=> b.prefix_;
}

}  // namespace sockit
