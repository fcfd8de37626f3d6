// SPDX-License-Identifier: MIT
// subnet_range: subnets computed from their index (first + index * step), one at a time.
#include "sockit/ip/subnet_range.hpp"

namespace sockit {

result<subnet_range, address_error> subnet_range::of(const ip_network& net, int new_prefix) noexcept {
    if (!net.is_valid()) return fail(make_address_error(address_errc::version_mismatch, 0));
    if (new_prefix < net.prefix_length()) return fail(make_address_error(address_errc::bad_prefix, 0));
    if (new_prefix > net.max_prefix_length())
        return fail(
            make_address_error(address_errc::prefix_too_large, 0, static_cast<std::uint32_t>(new_prefix)));
    const int diff = new_prefix - net.prefix_length();
    subnet_range r;
    r.parent_ = net;
    r.prefix_ = new_prefix;
    r.last_ = diff == 128 ? ~uint128{0} : (uint128{1} << diff) - 1;
    return r;
}

namespace {

// The network of `prefix` bits at address number `value` (no bits set beyond the prefix).
ip_network network_at(int version, uint128 value, int prefix) noexcept {
    // value has no host bits: from() cannot fail here.
    return ip_network::from(ip_address::from_uint(version, value), prefix).value_or(ip_network{});
}

// The distance between two subnets of `prefix` bits among `bits` (0 for a /0: there is only one).
uint128 step_of(int bits, int prefix) noexcept { return prefix == 0 ? 0 : uint128{1} << (bits - prefix); }

}  // namespace

ip_network subnet_range::operator[](uint128 i) const noexcept {
    const uint128 base = parent_.network_address().to_uint();
    return network_at(parent_.version(), base + (i & last_) * step_of(parent_.max_prefix_length(), prefix_),
                      prefix_);
}

subnet_range::iterator subnet_range::begin() const noexcept {
    iterator it;
    it.value_ = parent_.network_address().to_uint();
    it.step_ = step_of(parent_.max_prefix_length(), prefix_);
    it.left_ = last_;
    it.version_ = parent_.version();
    it.prefix_ = prefix_;
    it.done_ = false;
    return it;
}

ip_network subnet_range::iterator::operator*() const noexcept {
    return network_at(version_, value_, prefix_);
}

subnet_range::iterator& subnet_range::iterator::operator++() noexcept {
    if (left_ == 0) {
        done_ = true;
    } else {
        --left_;
        value_ += step_;
    }
    return *this;
}

}  // namespace sockit
