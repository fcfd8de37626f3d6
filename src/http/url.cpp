// SPDX-License-Identifier: MIT
// url: parsing of absolute http URLs (RFC 3986 §3, RFC 9110 §4.2.1) and reference resolution (RFC 3986 §5.2).
#include "sockit/http/url.hpp"

#include <fmt/format.h>

#include "chars.hpp"
#include "sockit/http/header_list.hpp"
#include "sockit/http/url_errc.hpp"
#include "sockit/ip/ip_address.hpp"

namespace sockit::http {
namespace {

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || detail::is_digit(c); }
constexpr char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// The length of a leading "scheme:" (RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), or 0.
std::size_t scheme_length(std::string_view s) noexcept {
    if (s.empty() || !is_alpha(s[0])) return 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
        char c = s[i];
        if (c == ':') return i;
        if (!is_alnum(c) && c != '+' && c != '-' && c != '.') return 0;
    }
    return 0;
}

// Checks the path and query, percent-encoding bytes above 0x7F; '%' must start a triplet.
result<std::string> make_target(std::string_view path_query) {
    std::string out;
    out.reserve(path_query.size() + 1);
    if (path_query.empty() || path_query[0] != '/') out.push_back('/');
    for (std::size_t i = 0; i < path_query.size(); ++i) {
        auto c = static_cast<unsigned char>(path_query[i]);
        if (c <= 0x20 || c == 0x7F) return fail(url_errc::bad_character);
        if (c == '%') {
            if (i + 2 >= path_query.size() ||
                detail::hex_value(static_cast<std::uint8_t>(path_query[i + 1])) < 0 ||
                detail::hex_value(static_cast<std::uint8_t>(path_query[i + 2])) < 0) {
                return fail(url_errc::bad_percent_encoding);
            }
        }
        if (c >= 0x80) {
            out += fmt::format("%{:02X}", c);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

result<std::uint16_t> parse_port(std::string_view s) {
    if (s.empty()) return std::uint16_t{80};  // RFC 3986 §3.2.3: an empty port is the default
    if (s.size() > 5) return fail(url_errc::bad_port);
    unsigned value = 0;
    for (char c : s) {
        if (!detail::is_digit(c)) return fail(url_errc::bad_port);
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return fail(url_errc::bad_port);
    return static_cast<std::uint16_t>(value);
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view in) {
    std::string out;
    while (!in.empty()) {
        if (in.starts_with("../")) {
            in.remove_prefix(3);
        } else if (in.starts_with("./")) {
            in.remove_prefix(2);
        } else if (in.starts_with("/./")) {
            in.remove_prefix(2);
        } else if (in == "/.") {
            in = "/";
        } else if (in.starts_with("/../") || in == "/..") {
            in = in.size() == 3 ? std::string_view("/") : in.substr(3);
            auto slash = out.rfind('/');
            out.erase(slash == std::string::npos ? 0 : slash);
        } else if (in == "." || in == "..") {
            in = {};
        } else {
            std::size_t next = in.find('/', 1);
            if (next == std::string_view::npos) next = in.size();
            out.append(in.substr(0, next));
            in.remove_prefix(next);
        }
    }
    return out;
}

}  // namespace

result<url> url::parse(std::string_view text) {
    if (text.empty()) return fail(url_errc::empty);
    for (char c : text) {
        auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b == 0x7F) return fail(url_errc::bad_character);
    }
    const std::size_t slen = scheme_length(text);
    if (slen == 0) return fail(url_errc::no_scheme);
    const std::string_view scheme = text.substr(0, slen);
    if (ascii_iequals(scheme, "https")) return fail(url_errc::https_unsupported);
    if (!ascii_iequals(scheme, "http")) return fail(url_errc::unsupported_scheme);
    std::string_view rest = text.substr(slen + 1);
    if (!rest.starts_with("//")) return fail(url_errc::no_scheme);
    rest.remove_prefix(2);
    if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    const std::size_t auth_end = rest.find_first_of("/?");
    const std::string_view authority = rest.substr(0, auth_end);
    const std::string_view path_query =
        auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
    if (authority.find('@') != std::string_view::npos) return fail(url_errc::userinfo);

    url u;
    std::string_view port_text;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return fail(url_errc::bad_ipv6_literal);
        std::string literal(authority.substr(1, close - 1));
        // RFC 6874: a zone is written "%25zone" inside the brackets.
        if (auto pct = literal.find('%'); pct != std::string::npos) {
            if (literal.compare(pct, 3, "%25") != 0 || pct + 3 >= literal.size())
                return fail(url_errc::bad_ipv6_literal);
            literal.erase(pct + 1, 2);
        }
        auto address = ip_address::parse_v6(literal);
        if (!address) return fail(url_errc::bad_ipv6_literal);
        std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after[0] != ':') return fail(url_errc::bad_ipv6_literal);
        if (!after.empty()) port_text = after.substr(1);
        u.host = std::move(literal);
        u.ipv6_literal = true;
    } else {
        const std::size_t colon = authority.find(':');
        std::string_view host = authority.substr(0, colon);
        if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
        if (host.empty()) return fail(url_errc::empty_host);
        for (char c : host) {
            if (!is_alnum(c) && c != '-' && c != '.' && c != '_' && c != '~') return fail(url_errc::bad_host);
            u.host.push_back(lower(c));
        }
    }
    auto port = parse_port(port_text);
    if (!port) return fail(port.error());
    u.port = *port;
    auto target = make_target(path_query);
    if (!target) return fail(target.error());
    u.target = std::move(*target);
    return u;
}

result<url> url::resolve(std::string_view reference) const {
    std::string ref;
    ref.reserve(reference.size());
    for (char c : reference) {
        if (c == ' ') {
            ref += "%20";  // servers do send spaces in Location; browsers and curl encode them
        } else {
            ref.push_back(c);
        }
    }
    if (auto hash = ref.find('#'); hash != std::string::npos) ref.erase(hash);
    if (scheme_length(ref) != 0) return parse(ref);
    if (ref.starts_with("//")) return parse("http:" + ref);

    const std::size_t q = target.find('?');
    const std::string_view base_path = std::string_view(target).substr(0, q);
    const std::string_view base_query =
        q == std::string::npos ? std::string_view{} : std::string_view(target).substr(q);
    const std::size_t rq = ref.find('?');
    const std::string_view ref_path = std::string_view(ref).substr(0, rq);
    const std::string_view ref_query =
        rq == std::string::npos ? std::string_view{} : std::string_view(ref).substr(rq);

    std::string new_target;
    if (ref_path.empty()) {
        new_target = std::string(base_path);
        new_target += rq == std::string::npos ? base_query : ref_query;
    } else if (ref_path.starts_with('/')) {
        new_target = remove_dot_segments(ref_path);
        new_target += ref_query;
    } else {
        std::string merged(base_path.substr(0, base_path.rfind('/') + 1));
        merged += ref_path;
        new_target = remove_dot_segments(merged);
        new_target += ref_query;
    }
    auto checked = make_target(new_target);
    if (!checked) return fail(checked.error());
    url out = *this;
    out.target = std::move(*checked);
    return out;
}

namespace {

enum class zone { drop, keep };

// The host (an IPv6 literal in brackets, its zone dropped or kept as "%25" + zone) and ":port" unless 80.
std::string host_port(const url& u, zone z) {
    std::string h = u.host;
    if (u.ipv6_literal) {
        if (auto pct = h.find('%'); pct != std::string::npos) {
            if (z == zone::keep)
                h.replace(pct, 1, "%25");
            else
                h.erase(pct);
        }
        h = "[" + h + "]";
    }
    if (u.port != 80) h += fmt::format(":{}", u.port);
    return h;
}

}  // namespace

std::string url::authority() const { return host_port(*this, zone::drop); }

std::string url::to_string() const { return "http://" + host_port(*this, zone::keep) + target; }

}  // namespace sockit::http
