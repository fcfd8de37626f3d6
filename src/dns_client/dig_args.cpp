// SPDX-License-Identifier: MIT
// dig_args: parsing dig-style command lines (types and classes anywhere, @server, +options).
#include "sockit/dns_client/dig_args.hpp"

#include <charconv>
#include <string>

#include "sockit/ip/ip_address.hpp"

namespace sockit::dns_client {

using dns::dns_name;
using dns::parse_rr_class;
using dns::parse_rr_type;
using dns::rr_type;

namespace {

using error = dig_args_error;

failure<error> bad(std::string_view arg, std::string why) {
    return fail(error{std::string(arg), std::move(why)});
}

template <class Int>
std::optional<Int> parse_number(std::string_view s, Int low, Int high) noexcept {
    unsigned long long v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    if (v < static_cast<unsigned long long>(low) || v > static_cast<unsigned long long>(high))
        return std::nullopt;
    return static_cast<Int>(v);
}

/// Seconds with an optional fraction ("2", "0.5") → milliseconds, 1 ms .. 1 hour.
std::optional<std::chrono::milliseconds> parse_seconds(std::string_view s) {
    if (s.empty() || s.find_first_not_of("0123456789.") != std::string_view::npos) return std::nullopt;
    std::size_t dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if ((whole.empty() && frac.empty()) || frac.find('.') != std::string_view::npos) return std::nullopt;
    auto w = whole.empty() ? std::optional<long long>(0) : parse_number<long long>(whole, 0, 3600);
    if (!w) return std::nullopt;
    long long ms = *w * 1000;
    long long scale = 100;
    for (char c : frac) {
        ms += (c - '0') * scale;
        scale /= 10;  // digits past the millisecond are dropped
    }
    if (ms < 1 || ms > 3600 * 1000) return std::nullopt;
    return std::chrono::milliseconds(ms);
}

result<dns_name, error> parse_name(std::string_view word) {
    auto n = dns_name::parse(word);
    if (!n) return bad(word, "not a domain name: " + n.error().message());
    return *n;
}

/// The +option words: "+[no]flag" or "+key=value".
result<void, error> plus_option(std::string_view word, dig_args& out) {
    std::string_view body = word.substr(1);
    std::string_view value;
    bool has_value = false;
    if (std::size_t eq = body.find('='); eq != std::string_view::npos) {
        value = body.substr(eq + 1);
        body = body.substr(0, eq);
        has_value = true;
    }
    bool on = true;
    if (body.size() > 2 && body.substr(0, 2) == "no") {
        on = false;
        body = body.substr(2);
    }
    auto flag = [&](bool& target) -> result<void, error> {
        if (has_value) return bad(word, "this option takes no value");
        target = on;
        return {};
    };
    if (body == "tcp" || body == "vc") return flag(out.tcp);
    if (body == "short") return flag(out.short_output);
    if (body == "recurse" || body == "rec") return flag(out.recurse);
    if (body == "dnssec") return flag(out.dnssec);
    if (body == "edns") {
        if (has_value) {  // +edns=0: only version 0 exists
            if (!on || value != "0") return bad(word, "only EDNS version 0 is supported");
            out.edns = true;
            return {};
        }
        return flag(out.edns);
    }
    if (body == "ignore") return flag(out.ignore_truncation);
    if (body == "bufsize" && on) {
        auto v = parse_number<std::uint16_t>(value, 0, 65535);
        if (!has_value || !v) return bad(word, "want +bufsize=N with N in 0..65535");
        out.bufsize = *v;
        out.edns = true;
        return {};
    }
    if (body == "timeout" && on) {
        auto v = parse_seconds(value);
        if (!has_value || !v) return bad(word, "want +timeout=S with S seconds in 0.001..3600");
        out.timeout = *v;
        return {};
    }
    if ((body == "tries" || body == "retry") && on) {
        bool retry = body == "retry";
        auto v = parse_number<unsigned>(value, retry ? 0U : 1U, retry ? 99U : 100U);
        if (!has_value || !v)
            return bad(word, retry ? "want +retry=N with N in 0..99" : "want +tries=N with N in 1..100");
        out.tries = retry ? *v + 1 : *v;
        return {};
    }
    return bad(word, "unknown option");
}

}  // namespace

result<std::pair<std::string, std::optional<std::uint16_t>>, dig_args_error> parse_server_spec(
    std::string_view text) {
    std::string_view host = text;
    std::optional<std::string_view> port_text;
    if (!text.empty() && text.front() == '[') {
        std::size_t close = text.find(']');
        if (close == std::string_view::npos) return bad(text, "unclosed '[' in the server address");
        host = text.substr(1, close - 1);
        std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return bad(text, "want [ADDRESS]:PORT");
            port_text = rest.substr(1);
        }
    } else if (std::size_t colon = text.find(':');
               colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
        host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
    }
    if (host.empty()) return bad(text, "no server address");
    std::optional<std::uint16_t> port;
    if (port_text) {
        port = parse_number<std::uint16_t>(*port_text, 1, 65535);
        if (!port) return bad(text, "not a port number (1..65535)");
    }
    return std::pair{std::string(host), port};
}

result<dig_args, dig_args_error> parse_dig_args(std::span<const std::string_view> args) {
    dig_args out;
    bool name_forced = false;
    bool reverse = false;
    std::optional<std::uint16_t> dash_p;
    auto set_name = [&](std::string_view word, bool forced) -> result<void, error> {
        if (out.name && (name_forced || !forced))
            return bad(word, "a second name (one NAME per query; use --batch for many)");
        auto n = parse_name(word);
        if (!n) return fail(n.error());
        out.name = *n;
        name_forced = name_forced || forced;
        return {};
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view word = args[i];
        auto next = [&](std::string_view opt) -> result<std::string_view, error> {
            if (i + 1 >= args.size()) return bad(opt, "needs a value");
            return args[++i];
        };
        // -pPORT, -tTYPE, ... with the value attached, as dig allows.
        std::string_view attached;
        std::string_view opt = word;
        if (word.size() > 2 && word[0] == '-' && word[1] != '-' &&
            std::string_view("ptcqx").find(word[1]) != std::string_view::npos) {
            opt = word.substr(0, 2);
            attached = word.substr(2);
        }
        auto value = [&]() -> result<std::string_view, error> {
            if (!attached.empty()) return attached;
            return next(opt);
        };
        // A long option's value: `--name VALUE` or `--name=VALUE` (the caller checked that word is one of
        // them).
        auto long_value = [&](std::string_view name) -> result<std::string_view, error> {
            if (word == name) return next(word);
            return word.substr(name.size() + 1);
        };
        if (word == "-h" || word == "--help") {
            out.help = true;
        } else if (word == "--json") {
            out.json = true;
        } else if (word == "--batch" || word.starts_with("--batch=")) {
            auto v = long_value("--batch");
            if (!v) return fail(v.error());
            if (v->empty()) return bad(word, "needs a file name (- for stdin)");
            out.batch_file = std::string(*v);
        } else if (word == "--in-flight" || word.starts_with("--in-flight=")) {
            auto v = long_value("--in-flight");
            if (!v) return fail(v.error());
            auto n = parse_number<std::size_t>(*v, 1, 10000);
            if (!n) return bad(*v, "--in-flight wants a number in 1..10000");
            out.in_flight = *n;
        } else if (opt == "-p") {
            auto v = value();
            if (!v) return fail(v.error());
            dash_p = parse_number<std::uint16_t>(*v, 1, 65535);
            if (!dash_p) return bad(*v, "not a port number (1..65535)");
        } else if (opt == "-t") {
            auto v = value();
            if (!v) return fail(v.error());
            auto t = parse_rr_type(*v);
            if (!t) return bad(*v, "not a record type (a mnemonic such as AAAA, or TYPE123)");
            out.types.push_back(*t);
        } else if (opt == "-c") {
            auto v = value();
            if (!v) return fail(v.error());
            auto c = parse_rr_class(*v);
            if (!c) return bad(*v, "not a class (IN, CH, HS or CLASS123)");
            out.klass = *c;
        } else if (opt == "-q") {
            auto v = value();
            if (!v) return fail(v.error());
            if (auto r = set_name(*v, true); !r) return fail(r.error());
        } else if (opt == "-x") {
            auto v = value();
            if (!v) return fail(v.error());
            auto a = ip_address::parse(*v);
            if (!a) return bad(*v, "-x wants an IPv4 or IPv6 address");
            auto n = dns_name::parse(a->reverse_pointer());  // the zone plays no part in the name
            if (!n) return bad(*v, "cannot build the reverse name");
            if (out.name && name_forced) return bad(*v, "a second name (one NAME per query)");
            out.name = *n;
            name_forced = true;
            reverse = true;
        } else if (word.size() > 1 && word[0] == '@') {
            auto s = parse_server_spec(word.substr(1));
            if (!s) return fail(s.error());
            out.server = s->first;
            if (s->second) out.port = s->second;
        } else if (word.size() > 1 && word[0] == '+') {
            if (auto r = plus_option(word, out); !r) return fail(r.error());
        } else if (word.size() > 1 && word[0] == '-') {
            return bad(word, "unknown option");
        } else if (auto t = parse_rr_type(word); t && word.find('.') == std::string_view::npos) {
            out.types.push_back(*t);
        } else if (auto c = parse_rr_class(word); c && word.find('.') == std::string_view::npos) {
            out.klass = *c;
        } else {
            if (auto r = set_name(word, false); !r) return fail(r.error());
        }
    }
    if (dash_p) {
        if (out.port && *out.port != *dash_p)
            return bad("-p", "the port is given twice (-p and @SERVER:PORT)");
        out.port = dash_p;
    }
    if (out.types.empty() && reverse) out.types.push_back(rr_type::ptr);  // -x without a type asks for PTR
    return out;
}

}  // namespace sockit::dns_client
