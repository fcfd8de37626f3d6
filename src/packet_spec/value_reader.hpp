// SPDX-License-Identifier: MIT
// value_reader: the typed value of one layer field ("ttl=64", "src=192.0.2.1", "df"), read from its arg.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>

#include "sockit/core/bytes.hpp"
#include "sockit/core/result.hpp"
#include "sockit/packet_spec/spec_error.hpp"
#include "sockit/wire/mac_address.hpp"
#include "spec_syntax.hpp"

namespace sockit::packet_spec {

/// Reads the value of arg a of layer `layer`; every error names "layer.key" and points at the value
/// (or at the key when the value is missing). Allocates only for error texts and hex bytes.
struct value_reader {
    const arg& a;
    const std::string& layer;

    /// An error at the value (or the bare key).
    [[nodiscard]] spec_error bad(std::string why) const;
    /// The value as written; an error when the field was given bare.
    result<std::string, spec_error> text() const;
    /// A decimal or 0x-hex number no larger than max.
    result<std::uint64_t, spec_error> number(std::uint64_t max) const;
    /// A number that fits U.
    template <class U>
    result<U, spec_error> uint() const {
        return up_to<U>(std::numeric_limits<U>::max());
    }
    /// A number no larger than max (a header field narrower than U, e.g. a 13-bit offset), as U.
    template <class U>
    result<U, spec_error> up_to(std::uint64_t max) const {
        auto v = number(max);
        if (!v) return fail(v.error());
        return static_cast<U>(*v);
    }
    /// The value through parse (text -> result<T> or optional<T>); `why` when parse refuses it.
    template <class Parse>
    auto parsed(Parse parse, std::string_view why) const
        -> result<std::remove_cvref_t<decltype(*parse(std::string_view{}))>, spec_error> {
        auto t = text();
        if (!t) return fail(t.error());
        auto v = parse(*t);
        if (!v) return fail(bad(std::string(why)));
        return *v;
    }
    /// 1/0, true/false, yes/no, on/off; a bare key is true.
    result<bool, spec_error> flag() const;
    result<wire::mac_address, spec_error> mac() const;
    result<std::array<std::uint8_t, 4>, spec_error> ipv4() const;
    result<std::array<std::uint8_t, 16>, spec_error> ipv6() const;
    /// Hex digits, ':', ' ' and '.' allowed between them.
    result<byte_buffer, spec_error> hex() const;
};

}  // namespace sockit::packet_spec
