// SPDX-License-Identifier: MIT
// `sockit rdns`: reverse DNS (the seeds' reverse_dns): the host name of each address, via getnameinfo
// with NI_NAMEREQD (PTR records per RFC 1035 section 3.5, or /etc/hosts).
#include <fmt/format.h>

#include <iostream>
#include <string>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/ip/ip_address.hpp"
#include "sockit/sock/endpoint.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::cli {

int run_rdns(std::span<char*> args) {
    auto app = make_app("rdns",
                        "Look up the host name of each IP address (reverse DNS through getnameinfo with "
                        "NI_NAMEREQD). Exit 68 when some address has no name.",
                        "sockit rdns 127.0.0.1 ::1");
    std::vector<std::string> addresses;
    bool json = false;
    app->add_option("address", addresses, "IPv4 or IPv6 addresses (fe80::1%eth0 with a zone)")->required();
    app->add_flag("--json", json, "one JSON array of {address, name, error}");
    if (auto done = parse(*app, args)) return *done;

    // Check every argument before the first (possibly slow) lookup.
    std::vector<endpoint> targets;
    for (const auto& text : addresses) {
        auto a = ip_address::parse(text);
        if (!a) {
            print_error("rdns", fmt::format("'{}'", text), "not an IP address: " + a.error().message());
            return exit_code::usage;
        }
        auto ep = endpoint::from_ip(*a, 0);
        if (!ep) {
            print_error("rdns", fmt::format("'{}'", text),
                        "no interface named '" + std::string(a->zone()) + "'");
            return exit_code::usage;
        }
        targets.push_back(*ep);
    }

    int status = exit_code::ok;
    nlohmann::ordered_json doc = nlohmann::ordered_json::array();
    text_table table;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const std::string shown = targets[i].address().to_string();
        auto name = resolver::host_name(targets[i]);
        if (name) {
            if (json) doc.push_back({{"address", shown}, {"name", *name}, {"error", nullptr}});
            table.add_row({shown, *name});
            continue;
        }
        const auto& ec = name.error();
        bool missing = is_unknown_name(ec);
        std::string why = missing ? fmt::format("no name for this address ({})", ec.message()) : ec.message();
        if (json) {
            doc.push_back({{"address", shown}, {"name", nullptr}, {"error", why}});
        } else {
            print_error("rdns", shown, why);
        }
        status = std::max(status, lookup_exit_code(ec));
    }
    if (json) {
        print_json(doc);
    } else {
        std::cout << table.render();
    }
    return status;
}

}  // namespace sockit::cli
