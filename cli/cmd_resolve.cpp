// SPDX-License-Identifier: MIT
// `sockit resolve`: the seeds' IP list: every address of a host (getaddrinfo), once per socket type,
// optionally with a service's port and the canonical name.
#include <netinet/in.h>

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <string>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::cli {
namespace {

const char* family_name(int family) {
    return family == AF_INET ? "ipv4" : family == AF_INET6 ? "ipv6" : "other";
}

const char* socktype_name(int socktype) {
    switch (socktype) {
        case SOCK_STREAM: return "stream";
        case SOCK_DGRAM: return "dgram";
        case SOCK_RAW: return "raw";
        case SOCK_SEQPACKET: return "seqpacket";
        default: return "other";
    }
}

const char* protocol_name(int protocol) {
    switch (protocol) {
        case IPPROTO_TCP: return "tcp";
        case IPPROTO_UDP: return "udp";
        case IPPROTO_SCTP: return "sctp";
        case 0: return "ip";
        default: return "other";
    }
}

/// The exit code for a failed lookup: lookup_exit_code's, and 64 for an argument getaddrinfo refused.
int exit_for(const std::error_code& ec) {
    if (ec == std::errc::invalid_argument || ec == std::errc::result_out_of_range) return exit_code::usage;
    return lookup_exit_code(ec);
}

}  // namespace

int run_resolve(std::span<char*> args) {
    auto app =
        make_app("resolve",
                 "List the addresses of HOST (getaddrinfo: /etc/hosts, DNS, ...), each once per socket "
                 "type, in the order a client should try them (RFC 6724).",
                 "sockit resolve localhost http --canon");
    std::string host;
    std::string service;
    bool v4 = false;
    bool v6 = false;
    bool udp = false;
    bool canon = false;
    bool all = false;
    bool json = false;
    app->add_option("host", host, "host name or address")->required();
    app->add_option("service", service, "service name or port number (adds the port)");
    auto* o4 = app->add_flag("-4", v4, "IPv4 addresses only");
    app->add_flag("-6", v6, "IPv6 addresses only")->excludes(o4);
    auto* oudp = app->add_flag("-u,--udp", udp, "datagram (UDP) socket type instead of stream (TCP)");
    app->add_flag("--canon", canon, "also print the canonical name (AI_CANONNAME)");
    app->add_flag("--all", all,
                  "every socket type (stream, dgram, raw) and duplicates, as getaddrinfo gives them")
        ->excludes(oudp);
    app->add_flag("--json", json, "one JSON object {host, service, canonical_name, addresses: [...]}");
    if (auto done = parse(*app, args)) return *done;
    if (host.empty()) {
        print_error("resolve", "''", "empty host name");
        return exit_code::usage;
    }

    resolve_hints hints;
    hints.family = v4 ? AF_INET : v6 ? AF_INET6 : AF_UNSPEC;
    hints.socktype = all ? 0 : udp ? SOCK_DGRAM : SOCK_STREAM;
    hints.flags = canon ? AI_CANONNAME : 0;
    auto found = resolver::resolve(host, service, hints);
    if (!found) {
        const auto& ec = found.error();
        std::string what = ec == gai_errc::service || ec == std::errc::result_out_of_range
                               ? fmt::format("service '{}'", service)
                               : host;
        print_error("resolve", what,
                    ec == std::errc::result_out_of_range ? "port out of range (0-65535)" : ec.message());
        return exit_for(ec);
    }
    std::vector<address_info> shown;
    for (const auto& a : found->addresses) {
        bool seen = std::any_of(shown.begin(), shown.end(), [&](const address_info& b) {
            return b.address == a.address && b.socktype == a.socktype && b.protocol == a.protocol;
        });
        if (all || !seen) shown.push_back(a);  // /etc/hosts may list an address twice: show it once
    }

    if (json) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& a : shown) {
            nlohmann::ordered_json entry = {{"family", family_name(a.family)},
                                            {"address", a.address.address().to_string()}};
            if (!service.empty()) entry["port"] = a.address.port();
            entry["socktype"] = socktype_name(a.socktype);
            entry["protocol"] = protocol_name(a.protocol);
            list.push_back(std::move(entry));
        }
        nlohmann::ordered_json doc = {{"host", host}};
        doc["service"] = service.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(service);
        doc["canonical_name"] = found->canonical_name.empty() ? nlohmann::ordered_json(nullptr)
                                                              : nlohmann::ordered_json(found->canonical_name);
        doc["addresses"] = std::move(list);
        print_json(doc);
        return exit_code::ok;
    }
    if (canon)
        fmt::print("canonical name: {}\n", found->canonical_name.empty() ? host : found->canonical_name);
    std::vector<std::string> header = {"family", "address"};
    if (!service.empty()) header.emplace_back("port");
    if (all) header.emplace_back("type");
    text_table table(header);
    for (const auto& a : shown) {
        std::vector<std::string> row = {family_name(a.family), a.address.address().to_string()};
        if (!service.empty()) row.push_back(std::to_string(a.address.port()));
        if (all) row.emplace_back(socktype_name(a.socktype));
        table.add_row(std::move(row));
    }
    std::cout << table.render();
    return exit_code::ok;
}

}  // namespace sockit::cli
