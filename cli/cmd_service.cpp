// SPDX-License-Identifier: MIT
// `sockit service`: the seeds' exercise: a port number to its service name and back (80 ↔ http), from
// the services database through getnameinfo/getaddrinfo (never getservby*).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <string>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/sock/resolver.hpp"

namespace sockit::cli {
namespace {

bool is_number(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

int run_service(std::span<char*> args) {
    auto app = make_app("service",
                        "Translate between port numbers and service names (/etc/services): 80 gives http, "
                        "http gives 80. TCP unless --udp.",
                        "sockit service 80 domain --udp");
    std::vector<std::string> items;
    bool udp = false;
    bool json = false;
    app->add_option("service", items, "port numbers (0-65535) or service names")->required();
    app->add_flag("-u,--udp", udp, "look up the UDP service");
    app->add_flag("--json", json, "one JSON array of {port, name, protocol}");
    if (auto done = parse(*app, args)) return *done;

    const int socktype = udp ? SOCK_DGRAM : SOCK_STREAM;
    const char* protocol = udp ? "udp" : "tcp";
    for (const auto& item : items) {
        if (item.empty()) {
            print_error("service", "''", "empty service name");
            return exit_code::usage;
        }
        if (is_number(item)) {
            unsigned long port = 0;
            auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), port);
            if (ec != std::errc{} || port > 65535) {
                print_error("service", item, "port out of range (0-65535)");
                return exit_code::usage;
            }
        }
    }

    int status = exit_code::ok;
    nlohmann::ordered_json doc = nlohmann::ordered_json::array();
    for (const auto& item : items) {
        if (is_number(item)) {
            auto port = static_cast<std::uint16_t>(std::stoul(item));
            auto name = resolver::service_name(port, socktype);
            if (!name) {
                print_error("service", fmt::format("{}/{}", port, protocol),
                            name.error() == gai_errc::service ? "no service name for this port"
                                                              : name.error().message());
                status = exit_code::no_host;
                continue;
            }
            if (json)
                doc.push_back({{"port", port}, {"name", *name}, {"protocol", protocol}});
            else
                fmt::print("{}\n", *name);
        } else {
            auto port = resolver::service_port(item, socktype);
            if (!port) {
                print_error("service", fmt::format("{}/{}", item, protocol),
                            port.error() == gai_errc::service || is_unknown_name(port.error())
                                ? "unknown service name"
                                : port.error().message());
                status = exit_code::no_host;
                continue;
            }
            if (json)
                doc.push_back({{"port", *port}, {"name", item}, {"protocol", protocol}});
            else
                fmt::print("{}\n", *port);
        }
    }
    if (json) print_json(doc);
    return status;
}

}  // namespace sockit::cli
