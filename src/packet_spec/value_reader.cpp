// SPDX-License-Identifier: MIT
// value_reader: the typed values of layer fields (numbers, flags, MAC, IPv4/IPv6 addresses, hex bytes)
// with errors that point at the value.
#include "value_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "sockit/ip/ip_address.hpp"

namespace sockit::packet_spec {

namespace {

// The value as the N bytes of an address that parse reads; family ("IPv4") names it in the error.
template <std::size_t N, class Parse>
result<std::array<std::uint8_t, N>, spec_error> address_bytes(const value_reader& r, Parse parse,
                                                              const char* family) {
    auto t = r.text();
    if (!t) return fail(t.error());
    auto ip = parse(*t);
    if (!ip)
        return fail(r.bad(
            fmt::format("{}.{} wants an {} address: {}", r.layer, r.a.key, family, ip.error().message())));
    std::array<std::uint8_t, N> out{};
    std::copy(ip->bytes().begin(), ip->bytes().end(), out.begin());
    return out;
}

}  // namespace

spec_error value_reader::bad(std::string why) const {
    return make_error(a.value ? a.value_offset : a.key_offset, a.value ? *a.value : a.key, std::move(why));
}
result<std::string, spec_error> value_reader::text() const {
    if (!a.value)
        return fail(make_error(a.key_offset, a.key,
                               fmt::format("{}.{} needs a value ({}=...)", layer, a.key, a.key)));
    return *a.value;
}
result<std::uint64_t, spec_error> value_reader::number(std::uint64_t max) const {
    auto t = text();
    if (!t) return fail(t.error());
    std::string_view s = *t;
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    }
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
    if (ec == std::errc::result_out_of_range && end == s.data() + s.size())
        return fail(bad(fmt::format("{}.{} is at most {}", layer, a.key, max)));
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty())
        return fail(bad(fmt::format("{}.{} wants a number (decimal or 0x hex)", layer, a.key)));
    if (v > max) return fail(bad(fmt::format("{}.{} is at most {}", layer, a.key, max)));
    return v;
}
result<bool, spec_error> value_reader::flag() const {
    if (!a.value) return true;  // a bare name sets the flag
    const std::string v = lower(*a.value);
    if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off") return false;
    return fail(bad(fmt::format("{}.{} wants 1 or 0", layer, a.key)));
}
result<wire::mac_address, spec_error> value_reader::mac() const {
    auto t = text();
    if (!t) return fail(t.error());
    auto m = wire::mac_address::parse(*t);
    if (!m) return fail(bad(fmt::format("{}.{} wants a MAC address like 02:00:00:00:00:01", layer, a.key)));
    return *m;
}
result<std::array<std::uint8_t, 4>, spec_error> value_reader::ipv4() const {
    return address_bytes<4>(
        *this, [](const std::string& t) { return ip_address::parse_v4(t); }, "IPv4");
}
result<std::array<std::uint8_t, 16>, spec_error> value_reader::ipv6() const {
    return address_bytes<16>(
        *this, [](const std::string& t) { return ip_address::parse_v6(t); }, "IPv6");
}
result<byte_buffer, spec_error> value_reader::hex() const {
    auto t = text();
    if (!t) return fail(t.error());
    byte_buffer out;
    int hi = -1;
    for (char c : *t) {
        int v = -1;
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'a' && c <= 'f')
            v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v = c - 'A' + 10;
        else if (c == ':' || c == ' ' || c == '.')
            continue;
        else
            return fail(bad(fmt::format("{}.{} wants hex digits", layer, a.key)));
        if (hi < 0) {
            hi = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
            hi = -1;
        }
    }
    if (hi >= 0) return fail(bad(fmt::format("{}.{} has an odd number of hex digits", layer, a.key)));
    return out;
}

}  // namespace sockit::packet_spec
