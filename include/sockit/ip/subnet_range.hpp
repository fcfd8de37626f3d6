// SPDX-License-Identifier: MIT
// subnet_range: the subnets of a network at a longer prefix (RFC 4632 subnetting), produced one at a time
// in order, so that any count (2^128 for ::/0 into /128) takes constant memory.
#pragma once

#include <iterator>

#include "sockit/core/result.hpp"
#include "sockit/ip/address_error.hpp"
#include "sockit/ip/ip_network.hpp"
#include "sockit/ip/uint128.hpp"

namespace sockit {

/// The subnets of prefix length new_prefix inside a network, in address order, as a lazy range: nothing
/// is stored but the first subnet, the step and the count. A trivially copyable value; any thread.
class subnet_range {
public:
    /// Walks the range; compares equal to std::default_sentinel after the last subnet. It holds its own
    /// copy of the state: it stays valid when the range is gone.
    class iterator {
    public:
        using value_type = ip_network;
        using difference_type = std::ptrdiff_t;

        iterator() noexcept = default;
        /// The current subnet (not past the end).
        [[nodiscard]] ip_network operator*() const noexcept;
        iterator& operator++() noexcept;
        iterator operator++(int) noexcept {
            auto old = *this;
            ++*this;
            return old;
        }
        friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept { return it.done_; }

    private:
        friend class subnet_range;
        uint128 value_ = 0;  // the current subnet's address as a number
        uint128 step_ = 0;   // the distance between two subnets
        uint128 left_ = 0;   // subnets after the current one
        int version_ = 0;
        int prefix_ = 0;
        bool done_ = true;
    };

    /// The subnets of net with prefix length new_prefix. Errors: version_mismatch (invalid net),
    /// bad_prefix (new_prefix shorter than net's), prefix_too_large (beyond 32/128). No allocation.
    static result<subnet_range, address_error> of(const ip_network& net, int new_prefix) noexcept;

    /// The number of subnets minus one (exact: ::/0 into /128 holds 2^128 subnets).
    [[nodiscard]] uint128 size_minus_one() const noexcept { return last_; }
    /// True when the range holds at most limit subnets (never overflows).
    [[nodiscard]] bool size_at_most(uint128 limit) const noexcept { return limit != 0 && last_ <= limit - 1; }
    /// The prefix length of every subnet.
    [[nodiscard]] int prefix_length() const noexcept { return prefix_; }
    /// The subnet at index i (0 .. size_minus_one()); i beyond that wraps within the parent network.
    [[nodiscard]] ip_network operator[](uint128 i) const noexcept;

    [[nodiscard]] iterator begin() const noexcept;
    [[nodiscard]] std::default_sentinel_t end() const noexcept { return {}; }

private:
    ip_network parent_;
    int prefix_ = 0;
    uint128 last_ = 0;
};

}  // namespace sockit
