// SPDX-License-Identifier: MIT
// ip_address: strict IPv4 (RFC 791) / IPv6 (RFC 4291 2.2, zones RFC 4007) parsing, RFC 5952 formatting,
// conversions (RFC 3056 6to4, RFC 4380 Teredo, reverse pointers RFC 1035 / RFC 3596) and classification.
#include "sockit/ip/ip_address.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "sockit/core/byte_order.hpp"
#include "sockit/ip/special_ranges.hpp"

namespace sockit {

namespace {

// The value of a hex digit, or 0xff.
constexpr std::array<std::uint8_t, 256> hex_values = [] {
    std::array<std::uint8_t, 256> t{};
    for (auto& v : t) v = 0xff;
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - 'A' + 10);
    return t;
}();

// The decimal text of each octet value, padded to 4 bytes (the last one holds the length), so that
// formatting copies four bytes and advances by the length.
struct octet_text {
    char c[3];
    std::uint8_t n;
};
constexpr std::array<octet_text, 256> octet_texts = [] {
    std::array<octet_text, 256> t{};
    for (int v = 0; v < 256; ++v) {
        auto& e = t[static_cast<std::size_t>(v)];
        if (v >= 100) {
            e = {{static_cast<char>('0' + v / 100), static_cast<char>('0' + v / 10 % 10),
                  static_cast<char>('0' + v % 10)},
                 3};
        } else if (v >= 10) {
            e = {{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10), 0}, 2};
        } else {
            e = {{static_cast<char>('0' + v), 0, 0}, 1};
        }
    }
    return t;
}();

constexpr char hex_digits[] = "0123456789abcdef";

inline std::uint8_t uchar(char c) noexcept { return static_cast<std::uint8_t>(c); }

inline address_error err(address_errc e, std::size_t offset, std::uint32_t detail = 0) noexcept {
    return make_address_error(e, offset, detail);
}

// Parses exactly a dotted quad p[0, n) into out[4]. base is p's offset in the caller's text (for errors).
// Returns true, or false with *error set.
inline bool parse_quad(const char* p, std::size_t n, std::size_t base, std::uint8_t* out,
                       address_error* error) noexcept {
    std::size_t i = 0;
    for (int k = 0; k < 4; ++k) {
        const std::size_t start = i;
        std::uint32_t v = 0;
        while (i < n) {
            const auto d = static_cast<std::uint32_t>(uchar(p[i]) - uchar('0'));
            if (d > 9) break;
            v = v < 100000000u ? v * 10 + d : UINT32_MAX;
            ++i;
        }
        const std::size_t digits = i - start;
        if (digits == 0) {
            if (i < n && p[i] != '.') {
                *error = err(address_errc::bad_character, base + i, uchar(p[i]));
            } else {
                *error = err(address_errc::empty_octet, base + i);
            }
            return false;
        }
        if (digits > 1 && p[start] == '0') {
            *error = err(address_errc::leading_zero, base + start);
            return false;
        }
        if (v > 255) {
            *error = err(address_errc::octet_too_large, base + start, v);
            return false;
        }
        out[k] = static_cast<std::uint8_t>(v);
        if (k < 3) {
            if (i == n) {
                *error = err(address_errc::too_few_octets, base + n, static_cast<std::uint32_t>(k + 1));
                return false;
            }
            if (p[i] != '.') {
                *error = err(address_errc::bad_character, base + i, uchar(p[i]));
                return false;
            }
            ++i;
        }
    }
    if (i != n) {
        *error = p[i] == '.' ? err(address_errc::too_many_octets, base + i)
                             : err(address_errc::bad_character, base + i, uchar(p[i]));
        return false;
    }
    return true;
}

// A zone: 1-15 printable ASCII characters other than '%', '/', '[' and ']'.
inline bool check_zone(std::string_view zone, std::size_t base, address_error* error) noexcept {
    if (zone.empty()) {
        *error = err(address_errc::bad_zone, base, 0);
        return false;
    }
    for (std::size_t i = 0; i < zone.size(); ++i) {
        const auto c = uchar(zone[i]);
        if (c <= 0x20 || c >= 0x7f || c == '%' || c == '/' || c == '[' || c == ']') {
            *error = err(address_errc::bad_zone, base + i, c);
            return false;
        }
    }
    if (zone.size() > ip_address::max_zone_length) {
        *error = err(address_errc::bad_zone, base + ip_address::max_zone_length, UINT32_MAX);
        return false;
    }
    return true;
}

inline bool in_v4(std::uint32_t v, std::span<const special_range> table) noexcept {
    return in_ranges(v, 32, table);
}

bool v4_private(std::uint32_t v) noexcept {
    return in_v4(v, special::ipv4_not_global) && !in_v4(v, special::ipv4_not_global_exceptions);
}

}  // namespace

// Parsing, with access to ip_address's representation.
class address_parser {
public:
    // A well-formed dotted quad, or false without saying why (parse() then takes the slow path, which
    // does). Same grammar as parse_quad.
    static bool fast_v4(std::string_view s, ip_address& a) noexcept {
        const char* p = s.data();
        const char* const end = p + s.size();
        if (s.size() < 7 || s.size() > 15) return false;
        std::uint8_t* out = a.bytes_.data() + 12;
        for (int k = 0; k < 4; ++k) {
            if (p == end) return false;
            const auto d0 = static_cast<unsigned>(uchar(*p) - uchar('0'));
            if (d0 > 9) return false;
            unsigned v = d0;
            ++p;
            if (p != end) {
                const auto d1 = static_cast<unsigned>(uchar(*p) - uchar('0'));
                if (d1 <= 9) {
                    if (d0 == 0) return false;  // leading zero
                    v = v * 10 + d1;
                    ++p;
                    if (p != end) {
                        const auto d2 = static_cast<unsigned>(uchar(*p) - uchar('0'));
                        if (d2 <= 9) {
                            v = v * 10 + d2;
                            ++p;
                            if (v > 255) return false;
                        }
                    }
                }
            }
            out[k] = static_cast<std::uint8_t>(v);
            if (k < 3) {
                if (p == end || *p != '.') return false;
                ++p;
            }
        }
        if (p != end) return false;
        a.bytes_[10] = 0xff;
        a.bytes_[11] = 0xff;
        a.version_ = 4;
        return true;
    }

    static bool v4(std::string_view s, ip_address& a, address_error* error) noexcept {
        if (!parse_quad(s.data(), s.size(), 0, a.bytes_.data() + 12, error)) return false;
        a.bytes_[10] = 0xff;
        a.bytes_[11] = 0xff;
        a.version_ = 4;
        return true;
    }

    static bool v6(std::string_view text, ip_address& a, address_error* error) noexcept {
        std::string_view s = text;
        const auto pct = text.find('%');
        if (pct != std::string_view::npos) {
            const auto zone = text.substr(pct + 1);
            if (!check_zone(zone, pct + 1, error)) return false;
            std::memcpy(a.zone_.data(), zone.data(), zone.size());
            a.zone_len_ = static_cast<std::uint8_t>(zone.size());
            s = text.substr(0, pct);
        }
        const char* p = s.data();
        const std::size_t n = s.size();
        if (n == 0) {
            *error = err(address_errc::empty, 0);
            return false;
        }
        std::uint16_t groups[8];
        int count = 0;
        int gap = -1;  // index in groups where "::" stands
        std::size_t gap_offset = 0;
        std::size_t i = 0;
        if (p[0] == ':') {
            if (n < 2 || p[1] != ':') {
                *error = err(address_errc::empty_group, 0);
                return false;
            }
            gap = 0;
            i = 2;
        }
        while (i < n) {
            const std::size_t start = i;
            std::uint32_t v = 0;
            while (i < n) {
                const auto d = hex_values[uchar(p[i])];
                if (d == 0xff) break;
                v = (v << 4) | d;
                ++i;
            }
            const std::size_t digits = i - start;
            if (i < n && p[i] == '.') {
                // A dotted quad: the last 32 bits.
                if (count > 6) {
                    *error = err(address_errc::too_many_groups, start);
                    return false;
                }
                std::uint8_t q[4];
                if (!parse_quad(p + start, n - start, start, q, error)) return false;
                groups[count++] = static_cast<std::uint16_t>(q[0] << 8 | q[1]);
                groups[count++] = static_cast<std::uint16_t>(q[2] << 8 | q[3]);
                i = n;
                break;
            }
            if (digits == 0) {
                *error = i < n && p[i] != ':' ? err(address_errc::bad_character, i, uchar(p[i]))
                                              : err(address_errc::empty_group, i);
                return false;
            }
            if (digits > 4) {
                *error = err(address_errc::group_too_long, start,
                             static_cast<std::uint32_t>(std::min<std::size_t>(digits, UINT32_MAX)));
                return false;
            }
            if (count == 8) {
                *error = err(address_errc::too_many_groups, start);
                return false;
            }
            groups[count++] = static_cast<std::uint16_t>(v);
            if (i == n) break;
            if (p[i] != ':') {
                *error = err(address_errc::bad_character, i, uchar(p[i]));
                return false;
            }
            ++i;
            if (i == n) {
                *error = err(address_errc::empty_group, i);
                return false;
            }
            if (p[i] == ':') {
                if (gap >= 0) {
                    *error = err(address_errc::double_colon_twice, i - 1);
                    return false;
                }
                gap = count;
                gap_offset = i - 1;
                ++i;
            }
        }
        if (gap < 0) {
            if (count != 8) {
                *error = err(address_errc::too_few_groups, n, static_cast<std::uint32_t>(count));
                return false;
            }
        } else if (count == 8) {
            *error = err(address_errc::double_colon_no_zero, gap_offset);
            return false;
        }
        std::uint8_t* b = a.bytes_.data();
        if (gap < 0) {
            for (int k = 0; k < 8; ++k) store_be16(b + 2 * k, groups[k]);
        } else {
            std::memset(b, 0, 16);
            for (int k = 0; k < gap; ++k) store_be16(b + 2 * k, groups[k]);
            const int tail = count - gap;
            for (int k = 0; k < tail; ++k) store_be16(b + 2 * (8 - tail + k), groups[gap + k]);
        }
        a.version_ = 6;
        return true;
    }
};

result<ip_address, address_error> ip_address::parse(std::string_view text) noexcept {
    ip_address a;
    if (address_parser::fast_v4(text, a)) return a;  // the common case, without error bookkeeping
    address_error e;
    if (text.empty()) return fail(err(address_errc::empty, 0));
    // An IPv6 address has a ':' before any '%'; an IPv4 address has none.
    bool v6 = false;
    for (char c : text) {
        if (c == ':') {
            v6 = true;
            break;
        }
        if (c == '%') break;
    }
    if (v6) {
        if (address_parser::v6(text, a, &e)) return a;
        return fail(e);
    }
    const auto pct = text.find('%');
    if (pct != std::string_view::npos) {
        // Report a malformed quad first; a well-formed one with a zone is its own error.
        if (pct == 0) return fail(err(address_errc::bad_character, 0, '%'));
        if (!address_parser::v4(text.substr(0, pct), a, &e)) return fail(e);
        return fail(err(address_errc::zone_on_ipv4, pct));
    }
    if (address_parser::v4(text, a, &e)) return a;
    return fail(e);
}

namespace {

// One family's strict parse: parse_family is address_parser::v4 or ::v6.
result<ip_address, address_error> parse_one_family(std::string_view text,
                                                   bool (*parse_family)(std::string_view, ip_address&,
                                                                        address_error*) noexcept) noexcept {
    ip_address a;
    address_error e;
    if (text.empty()) return fail(err(address_errc::empty, 0));
    if (parse_family(text, a, &e)) return a;
    return fail(e);
}

}  // namespace

result<ip_address, address_error> ip_address::parse_v4(std::string_view text) noexcept {
    return parse_one_family(text, address_parser::v4);
}

result<ip_address, address_error> ip_address::parse_v6(std::string_view text) noexcept {
    return parse_one_family(text, address_parser::v6);
}

ip_address ip_address::from_v4(std::uint32_t host_order) noexcept {
    ip_address a;
    a.bytes_[10] = 0xff;
    a.bytes_[11] = 0xff;
    store_be32(a.bytes_.data() + 12, host_order);
    a.version_ = 4;
    return a;
}

ip_address ip_address::from_v4_bytes(std::span<const std::uint8_t, 4> b) noexcept {
    return from_v4(load_be32(b.data()));
}

ip_address ip_address::from_v6_bytes(std::span<const std::uint8_t, 16> b, std::string_view zone) noexcept {
    ip_address a;
    std::memcpy(a.bytes_.data(), b.data(), 16);
    a.version_ = 6;
    return a.with_zone(zone);
}

ip_address ip_address::from_v6_uint(uint128 v) noexcept {
    ip_address a;
    store_be64(a.bytes_.data(), static_cast<std::uint64_t>(v >> 64));
    store_be64(a.bytes_.data() + 8, static_cast<std::uint64_t>(v));
    a.version_ = 6;
    return a;
}

ip_address ip_address::from_uint(int version, uint128 v) noexcept {
    if (version == 4) return from_v4(static_cast<std::uint32_t>(v));
    if (version == 6) return from_v6_uint(v);
    return {};
}

bytes_view ip_address::bytes() const noexcept {
    if (version_ == 4) return {bytes_.data() + 12, 4};
    if (version_ == 6) return {bytes_.data(), 16};
    return {};
}

std::uint32_t ip_address::to_v4_uint() const noexcept { return load_be32(bytes_.data() + 12); }

uint128 ip_address::to_uint() const noexcept {
    if (version_ == 4) return to_v4_uint();
    if (version_ == 6) return (uint128{load_be64(bytes_.data())} << 64) | load_be64(bytes_.data() + 8);
    return 0;
}

ip_address ip_address::with_zone(std::string_view zone) const noexcept {
    if (version_ != 6) return *this;
    ip_address a = *this;
    const auto n = std::min(zone.size(), max_zone_length);
    a.zone_ = {};
    std::copy_n(zone.data(), n, a.zone_.data());  // memcpy would be UB with an empty view's null pointer
    a.zone_len_ = static_cast<std::uint8_t>(n);
    return a;
}

bool ip_address::is_v4_mapped() const noexcept {
    if (version_ != 6) return false;
    return load_be64(bytes_.data()) == 0 && load_be32(bytes_.data() + 8) == 0xffffu;
}

ip_address ip_address::unmap() const noexcept {
    if (!is_v4_mapped()) return *this;
    ip_address a = *this;
    a.zone_ = {};
    a.zone_len_ = 0;
    a.version_ = 4;
    return a;
}

ip_address ip_address::to_v4_mapped() const noexcept {
    if (version_ != 4) return *this;
    ip_address a = *this;
    a.version_ = 6;
    return a;
}

std::optional<ip_address> ip_address::ipv4_mapped() const noexcept {
    if (!is_v4_mapped()) return std::nullopt;
    return unmap();
}

std::optional<ip_address> ip_address::sixtofour() const noexcept {
    if (version_ != 6 || load_be16(bytes_.data()) != 0x2002) return std::nullopt;
    return from_v4(load_be32(bytes_.data() + 2));
}

std::optional<teredo_pair> ip_address::teredo() const noexcept {
    if (version_ != 6 || load_be32(bytes_.data()) != 0x20010000u) return std::nullopt;
    return teredo_pair{from_v4(load_be32(bytes_.data() + 4)), from_v4(~load_be32(bytes_.data() + 12))};
}

int ip_address::multicast_scope() const noexcept {
    if (version_ != 6 || bytes_[0] != 0xff) return -1;
    return bytes_[1] & 0x0f;
}

std::string_view ip_address::multicast_scope_name(int scope) noexcept {
    // IANA IPv6 Multicast Address Scopes registry (RFC 4291 2.7, RFC 7346).
    switch (scope) {
        case 0x0: return "reserved";
        case 0x1: return "interface-local";
        case 0x2: return "link-local";
        case 0x3: return "realm-local";
        case 0x4: return "admin-local";
        case 0x5: return "site-local";
        case 0x8: return "organization-local";
        case 0xe: return "global";
        case 0xf: return "reserved";
        default: return scope >= 0 && scope < 16 ? "unassigned" : "";
    }
}

// Classification. An IPv4-mapped address is judged by its IPv4 address (all but is_site_local).

bool ip_address::is_private() const noexcept {
    if (version_ == 4) return v4_private(to_v4_uint());
    if (version_ != 6) return false;
    if (is_v4_mapped()) return v4_private(to_v4_uint());
    const auto v = to_uint();
    return in_ranges(v, 128, special::ipv6_not_global) &&
           !in_ranges(v, 128, special::ipv6_not_global_exceptions);
}

bool ip_address::is_global() const noexcept {
    if (version_ == 4 || is_v4_mapped()) {
        const auto v = to_v4_uint();
        return !in_v4(v, special::ipv4_shared) && !v4_private(v);
    }
    if (version_ != 6) return false;
    return !is_private();
}

bool ip_address::is_loopback() const noexcept {
    if (version_ == 4 || is_v4_mapped()) return in_v4(to_v4_uint(), special::ipv4_loopback);
    return version_ == 6 && to_uint() == 1;
}

bool ip_address::is_link_local() const noexcept {
    if (version_ == 4 || is_v4_mapped()) return in_v4(to_v4_uint(), special::ipv4_link_local);
    return version_ == 6 && in_ranges(to_uint(), 128, special::ipv6_link_local);
}

bool ip_address::is_multicast() const noexcept {
    if (version_ == 4 || is_v4_mapped()) return in_v4(to_v4_uint(), special::ipv4_multicast);
    return version_ == 6 && bytes_[0] == 0xff;
}

bool ip_address::is_reserved() const noexcept {
    if (version_ == 4 || is_v4_mapped()) return in_v4(to_v4_uint(), special::ipv4_reserved);
    return version_ == 6 && in_ranges(to_uint(), 128, special::ipv6_reserved);
}

bool ip_address::is_unspecified() const noexcept {
    if (version_ == 4 || is_v4_mapped()) return to_v4_uint() == 0;
    return version_ == 6 && to_uint() == 0;
}

bool ip_address::is_site_local() const noexcept {
    return version_ == 6 && in_ranges(to_uint(), 128, special::ipv6_site_local);
}

bool ip_address::is_documentation() const noexcept {
    if (version_ == 4 || is_v4_mapped()) return in_v4(to_v4_uint(), special::ipv4_documentation);
    return version_ == 6 && in_ranges(to_uint(), 128, special::ipv6_documentation);
}

bool ip_address::is_shared() const noexcept {
    if (version_ == 4 || is_v4_mapped()) return in_v4(to_v4_uint(), special::ipv4_shared);
    return false;
}

bool ip_address::is_unique_local() const noexcept {
    return version_ == 6 && in_ranges(to_uint(), 128, special::ipv6_unique_local);
}

// Text.

namespace {

inline char* put_quad(char* out, const std::uint8_t* q) noexcept {
    for (int k = 0; k < 4; ++k) {
        const auto& t = octet_texts[q[k]];
        std::memcpy(out, &t, 4);  // four bytes: the digits and the length byte, overwritten next
        out += t.n;
        if (k < 3) *out++ = '.';
    }
    return out;
}

inline char* put_group(char* out, unsigned g) noexcept {
    if (g >= 0x1000) {
        *out++ = hex_digits[g >> 12];
        *out++ = hex_digits[(g >> 8) & 15];
        *out++ = hex_digits[(g >> 4) & 15];
    } else if (g >= 0x100) {
        *out++ = hex_digits[g >> 8];
        *out++ = hex_digits[(g >> 4) & 15];
    } else if (g >= 0x10) {
        *out++ = hex_digits[g >> 4];
    }
    *out++ = hex_digits[g & 15];
    return out;
}

inline char* put_zone(char* out, std::string_view zone) noexcept {
    if (zone.empty()) return out;
    *out++ = '%';
    std::memcpy(out, zone.data(), zone.size());
    return out + zone.size();
}

}  // namespace

char* ip_address::format_to(char* out) const noexcept {
    if (version_ == 4) return put_quad(out, bytes_.data() + 12);
    if (version_ != 6) return out;
    if (is_v4_mapped()) {
        std::memcpy(out, "::ffff:", 7);
        return put_zone(put_quad(out + 7, bytes_.data() + 12), zone());
    }
    unsigned g[8];
    for (int k = 0; k < 8; ++k) g[k] = load_be16(bytes_.data() + 2 * k);
    // The first longest run of at least two zero groups becomes "::" (RFC 5952 4.2).
    int best = -1, best_len = 1;
    for (int k = 0; k < 8;) {
        if (g[k] != 0) {
            ++k;
            continue;
        }
        int e = k;
        while (e < 8 && g[e] == 0) ++e;
        if (e - k > best_len) {
            best = k;
            best_len = e - k;
        }
        k = e;
    }
    if (best < 0) {
        for (int k = 0; k < 8; ++k) {
            out = put_group(out, g[k]);
            if (k < 7) *out++ = ':';
        }
    } else {
        for (int k = 0; k < best; ++k) {
            out = put_group(out, g[k]);
            *out++ = ':';
        }
        if (best == 0) *out++ = ':';
        *out++ = ':';
        for (int k = best + best_len; k < 8; ++k) {
            out = put_group(out, g[k]);
            if (k < 7) *out++ = ':';
        }
    }
    return put_zone(out, zone());
}

std::string ip_address::to_string() const {
    char buf[max_string_length + 8];
    return {buf, format_to(buf)};
}

std::string ip_address::exploded() const {
    if (version_ != 6) return to_string();
    char buf[max_string_length + 8];
    char* out = buf;
    for (int k = 0; k < 16; ++k) {
        *out++ = hex_digits[bytes_[static_cast<std::size_t>(k)] >> 4];
        *out++ = hex_digits[bytes_[static_cast<std::size_t>(k)] & 15];
        if (k % 2 == 1 && k < 15) *out++ = ':';
    }
    return {buf, put_zone(out, zone())};
}

std::string ip_address::reverse_pointer() const {
    std::string s;
    if (version_ == 4) {
        for (int k = 15; k >= 12; --k) {
            const auto& t = octet_texts[bytes_[static_cast<std::size_t>(k)]];
            s.append(t.c, t.n);
            s += '.';
        }
        s += "in-addr.arpa";
    } else if (version_ == 6) {
        s.reserve(72);
        for (int k = 15; k >= 0; --k) {
            const auto b = bytes_[static_cast<std::size_t>(k)];
            s += hex_digits[b & 15];
            s += '.';
            s += hex_digits[b >> 4];
            s += '.';
        }
        s += "ip6.arpa";
    }
    return s;
}

bool operator==(const ip_address& a, const ip_address& b) noexcept {
    return a.version_ == b.version_ && a.bytes_ == b.bytes_ && a.zone() == b.zone();
}

std::strong_ordering operator<=>(const ip_address& a, const ip_address& b) noexcept {
    if (auto c = a.version_ <=> b.version_; c != 0) return c;
    if (const int c = std::memcmp(a.bytes_.data(), b.bytes_.data(), 16); c != 0)
        return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    const int c = a.zone().compare(b.zone());
    return c < 0   ? std::strong_ordering::less
           : c > 0 ? std::strong_ordering::greater
                   : std::strong_ordering::equal;
}

}  // namespace sockit
