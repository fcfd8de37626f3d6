// SPDX-License-Identifier: MIT
// Mnemonics of DNS types, classes, rcodes and opcodes, both ways (RFC 1035, RFC 3597 §5, RFC 6895).
#include <array>
#include <charconv>
#include <utility>

#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/rcode.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"

namespace sockit::dns {
namespace {

template <class E>
struct named {
    E value;
    std::string_view name;
};

constexpr std::array<named<rr_type>, 22> type_names{{
    {rr_type::a, "A"},           {rr_type::ns, "NS"},       {rr_type::cname, "CNAME"},
    {rr_type::soa, "SOA"},       {rr_type::ptr, "PTR"},     {rr_type::hinfo, "HINFO"},
    {rr_type::mx, "MX"},         {rr_type::txt, "TXT"},     {rr_type::aaaa, "AAAA"},
    {rr_type::srv, "SRV"},       {rr_type::naptr, "NAPTR"}, {rr_type::opt, "OPT"},
    {rr_type::ds, "DS"},         {rr_type::rrsig, "RRSIG"}, {rr_type::nsec, "NSEC"},
    {rr_type::dnskey, "DNSKEY"}, {rr_type::svcb, "SVCB"},   {rr_type::https, "HTTPS"},
    {rr_type::ixfr, "IXFR"},     {rr_type::axfr, "AXFR"},   {rr_type::any, "ANY"},
    {rr_type::caa, "CAA"},
}};

// CS (2, CSNET) is obsolete: dig and dnspython both print it as CLASS2.
constexpr std::array<named<rr_class>, 5> class_names{{
    {rr_class::in, "IN"},
    {rr_class::ch, "CH"},
    {rr_class::hs, "HS"},
    {rr_class::none, "NONE"},
    {rr_class::any, "ANY"},
}};

constexpr std::array<named<rcode>, 20> rcode_names{{
    {rcode::noerror, "NOERROR"},   {rcode::formerr, "FORMERR"},     {rcode::servfail, "SERVFAIL"},
    {rcode::nxdomain, "NXDOMAIN"}, {rcode::notimp, "NOTIMP"},       {rcode::refused, "REFUSED"},
    {rcode::yxdomain, "YXDOMAIN"}, {rcode::yxrrset, "YXRRSET"},     {rcode::nxrrset, "NXRRSET"},
    {rcode::notauth, "NOTAUTH"},   {rcode::notzone, "NOTZONE"},     {rcode::dsotypeni, "DSOTYPENI"},
    {rcode::badvers, "BADVERS"},   {rcode::badkey, "BADKEY"},       {rcode::badtime, "BADTIME"},
    {rcode::badmode, "BADMODE"},   {rcode::badname, "BADNAME"},     {rcode::badalg, "BADALG"},
    {rcode::badtrunc, "BADTRUNC"}, {rcode::badcookie, "BADCOOKIE"},
}};

constexpr std::array<named<opcode>, 5> opcode_names{{
    {opcode::query, "QUERY"},
    {opcode::iquery, "IQUERY"},
    {opcode::status, "STATUS"},
    {opcode::notify, "NOTIFY"},
    {opcode::update, "UPDATE"},
}};

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

/// Parses all of text as a decimal number no greater than max (no sign, no leading '+', not empty).
bool parse_number(std::string_view text, unsigned max, unsigned& out) noexcept {
    if (text.empty() || text.size() > 10) return false;
    unsigned v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v > max) return false;
    out = v;
    return true;
}

template <class E, std::size_t N>
std::optional<std::string_view> find_name(const std::array<named<E>, N>& table, E v) noexcept {
    for (const auto& n : table)
        if (n.value == v) return n.name;
    return std::nullopt;
}

template <class E, std::size_t N>
std::optional<E> find_value(const std::array<named<E>, N>& table, std::string_view text) noexcept {
    for (const auto& n : table)
        if (iequals(n.name, text)) return n.value;
    return std::nullopt;
}

/// "TYPE123"-style generic names: prefix (case-insensitive) then a decimal number.
bool parse_generic(std::string_view text, std::string_view prefix, unsigned max, unsigned& out) noexcept {
    if (text.size() <= prefix.size() || !iequals(text.substr(0, prefix.size()), prefix)) return false;
    return parse_number(text.substr(prefix.size()), max, out);
}

/// The name of v in table, or prefix and its number ("TYPE65280", "RESERVED12").
template <class E, std::size_t N>
std::string name_or_number(const std::array<named<E>, N>& table, E v, const char* prefix) {
    if (auto n = find_name(table, v)) return std::string(*n);
    return prefix + std::to_string(static_cast<unsigned>(v));
}

/// A name in table (any case), or prefix and a number up to max, or (bare_number) the number alone.
template <class E, std::size_t N>
result<E> parse_name_or_number(const std::array<named<E>, N>& table, std::string_view text,
                               std::string_view prefix, unsigned max, bool bare_number) noexcept {
    if (auto v = find_value(table, text)) return *v;
    unsigned n = 0;
    if ((bare_number && parse_number(text, max, n)) || parse_generic(text, prefix, max, n))
        return static_cast<E>(n);
    return fail(codec_errc::bad_value);
}

}  // namespace

std::optional<std::string_view> mnemonic(rr_type t) noexcept { return find_name(type_names, t); }

std::string to_string(rr_type t) { return name_or_number(type_names, t, "TYPE"); }

result<rr_type> parse_rr_type(std::string_view text) noexcept {
    return parse_name_or_number(type_names, text, "TYPE", 65535, false);
}

std::optional<std::string_view> mnemonic(rr_class c) noexcept { return find_name(class_names, c); }

std::string to_string(rr_class c) { return name_or_number(class_names, c, "CLASS"); }

result<rr_class> parse_rr_class(std::string_view text) noexcept {
    return parse_name_or_number(class_names, text, "CLASS", 65535, false);
}

std::string to_string(rcode r) { return name_or_number(rcode_names, r, "RESERVED"); }

std::string to_string(opcode o) { return name_or_number(opcode_names, o, "RESERVED"); }

result<rcode> parse_rcode(std::string_view text) noexcept {
    return parse_name_or_number(rcode_names, text, "RESERVED", 4095, true);
}

result<opcode> parse_opcode(std::string_view text) noexcept {
    return parse_name_or_number(opcode_names, text, "RESERVED", 15, true);
}

}  // namespace sockit::dns
