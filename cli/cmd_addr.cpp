// SPDX-License-Identifier: MIT
// `sockit addr`: everything about IP addresses (RFC 791, RFC 4291, RFC 5952 text, IANA special ranges).
#include <fmt/format.h>

#include <iostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/ip/ip_address.hpp"
#include "verbatim_args.hpp"

namespace sockit::cli {
namespace {

struct predicate {
    const char* key;
    bool (ip_address::*test)() const noexcept;
};

// Python's ipaddress vocabulary, plus documentation, shared and unique-local.
constexpr predicate predicates[] = {
    {"is_private", &ip_address::is_private},
    {"is_global", &ip_address::is_global},
    {"is_loopback", &ip_address::is_loopback},
    {"is_link_local", &ip_address::is_link_local},
    {"is_multicast", &ip_address::is_multicast},
    {"is_reserved", &ip_address::is_reserved},
    {"is_unspecified", &ip_address::is_unspecified},
    {"is_site_local", &ip_address::is_site_local},
    {"is_documentation", &ip_address::is_documentation},
    {"is_shared", &ip_address::is_shared},
    {"is_unique_local", &ip_address::is_unique_local},
};

nlohmann::ordered_json optional_address(const std::optional<ip_address>& a) {
    return a ? nlohmann::ordered_json(a->to_string()) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json to_json(std::string_view input, const ip_address& a) {
    nlohmann::ordered_json o;
    o["input"] = input;
    o["address"] = a.to_string();
    o["version"] = a.version();
    o["exploded"] = a.exploded();
    o["integer"] = to_decimal(a.to_uint());
    o["reverse_pointer"] = a.reverse_pointer();
    for (const auto& p : predicates) o[p.key] = (a.*p.test)();
    o["ipv4_mapped"] = optional_address(a.ipv4_mapped());
    o["ipv6_mapped"] =
        a.is_v4() ? nlohmann::ordered_json(a.to_v4_mapped().to_string()) : nlohmann::ordered_json(nullptr);
    o["sixtofour"] = optional_address(a.sixtofour());
    if (auto t = a.teredo()) {
        o["teredo"] = {{"server", t->server.to_string()}, {"client", t->client.to_string()}};
    } else {
        o["teredo"] = nullptr;
    }
    o["scope_id"] =
        a.zone().empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(std::string(a.zone()));
    const int scope = a.multicast_scope();
    o["multicast_scope"] = scope < 0
                               ? nlohmann::ordered_json(nullptr)
                               : nlohmann::ordered_json(std::string(ip_address::multicast_scope_name(scope)));
    return o;
}

std::string to_text(const ip_address& a) {
    text_table t;
    t.add_row({"  version", std::to_string(a.version())});
    t.add_row({"  exploded", a.exploded()});
    t.add_row({"  integer", to_decimal(a.to_uint())});
    t.add_row({"  reverse_pointer", a.reverse_pointer()});
    std::string classes;
    for (const auto& p : predicates) {
        if (!(a.*p.test)()) continue;
        if (!classes.empty()) classes += ", ";
        classes += std::string_view(p.key).substr(3);
    }
    t.add_row({"  classes", classes.empty() ? "-" : classes});
    if (auto m = a.ipv4_mapped()) t.add_row({"  ipv4_mapped", m->to_string()});
    if (a.is_v4()) t.add_row({"  ipv6_mapped", a.to_v4_mapped().to_string()});
    if (auto s = a.sixtofour()) t.add_row({"  sixtofour", s->to_string()});
    if (auto d = a.teredo())
        t.add_row(
            {"  teredo", fmt::format("server {}, client {}", d->server.to_string(), d->client.to_string())});
    if (!a.zone().empty()) t.add_row({"  scope_id", std::string(a.zone())});
    if (const int scope = a.multicast_scope(); scope >= 0)
        t.add_row(
            {"  multicast_scope", fmt::format("{} ({:x})", ip_address::multicast_scope_name(scope), scope)});
    return a.to_string() + "\n" + t.render();
}

}  // namespace

int run_addr(std::span<char*> args) {
    auto app =
        make_app("addr",
                 "Show an IP address in every form: canonical (RFC 5952), exploded, integer, reverse "
                 "pointer, its classes (IANA special-purpose registries) and its IPv4/IPv6 counterparts.",
                 "sockit addr 2001:0db8:0000:0000:03e0:0000:18a7:8223 ::ffff:127.0.0.1 --json");
    bool json = false;
    std::vector<std::string> inputs;
    app->add_flag(
        "--json", json,
        "one JSON array: {input, address, version, exploded, integer, reverse_pointer, is_*..., "
        "ipv4_mapped, ipv6_mapped, sixtofour, teredo, scope_id, multicast_scope}; a malformed input "
        "gives {input, error}");
    app->add_option("ADDR", inputs, "IPv4 or IPv6 addresses (IPv6 may carry a %zone)")->required();
    // "[::1]" is not an address: it must reach the parser as typed, not as CLI11's list syntax.
    verbatim_args verbatim(args);
    verbatim_args::keep_verbatim(*app);
    if (auto done = parse(*app, verbatim.args())) return *done;

    int status = exit_code::ok;
    nlohmann::ordered_json doc = nlohmann::ordered_json::array();
    bool first = true;
    for (const auto& input : inputs) {
        auto a = ip_address::parse(input);
        if (!a) {
            const auto why = a.error().message();
            print_error("addr", fmt::format("invalid address '{}'", shorten(input)), why);
            if (json) doc.push_back({{"input", input}, {"error", why}});
            status = exit_code::usage;
            continue;
        }
        if (json) {
            doc.push_back(to_json(input, *a));
        } else {
            if (!first) std::cout << '\n';
            first = false;
            std::cout << to_text(*a);
        }
    }
    if (json) print_json(doc);
    std::cout.flush();
    return status;
}

}  // namespace sockit::cli
