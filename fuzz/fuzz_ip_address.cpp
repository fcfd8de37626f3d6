// SPDX-License-Identifier: MIT
// Fuzz target: ip_address::parse (RFC 791 / RFC 4291 / RFC 4007 text). Properties: no crash; an accepted
// address formats (RFC 5952) and explodes to text that parses back to itself; acceptance and value agree
// with glibc's inet_pton for inputs without a zone.
#include <arpa/inet.h>

#include <cstdint>
#include <cstring>
#include <string_view>

#include "fuzz_check.hpp"
#include "sockit/ip/ip_address.hpp"

namespace {

using sockit::fuzz::check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto r = sockit::ip_address::parse(text);
    if (!r) check(r.error().offset <= size && !r.error().message().empty());

    // inet_pton on the same text (as a C string, so only when there is no NUL; no zones there).
    if (text.find('\0') == std::string_view::npos && text.find('%') == std::string_view::npos && size < 256) {
        char buf[256];
        std::memcpy(buf, data, size);
        buf[size] = '\0';
        const bool v6 = text.find(':') != std::string_view::npos;
        std::uint8_t out[16];
        const bool glibc_ok = inet_pton(v6 ? AF_INET6 : AF_INET, buf, out) == 1;
        check(glibc_ok == r.has_value());
        if (glibc_ok) check(std::memcmp(out, r->bytes().data(), r->bytes().size()) == 0);
    }
    if (!r) return 0;

    const sockit::ip_address a = *r;
    char text_buf[sockit::ip_address::max_string_length + 8];
    const char* end = a.format_to(text_buf);
    check(static_cast<std::size_t>(end - text_buf) <= sockit::ip_address::max_string_length);
    auto back =
        sockit::ip_address::parse(std::string_view(text_buf, static_cast<std::size_t>(end - text_buf)));
    check(back.has_value() && *back == a);
    check(a.to_string() == std::string_view(text_buf, static_cast<std::size_t>(end - text_buf)));
    auto exploded = sockit::ip_address::parse(a.exploded());
    check(exploded.has_value() && *exploded == a);
    check(sockit::ip_address::from_uint(a.version(), a.to_uint()) == a.with_zone({}));
    check(a.unmap().to_v4_mapped().with_zone({}) == a.to_v4_mapped().with_zone({}));
    check(a.is_private() != a.is_global() || a.is_shared());
    check(!a.reverse_pointer().empty());
    return 0;
}
