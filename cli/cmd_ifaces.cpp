// SPDX-License-Identifier: MIT
// `sockit ifaces`: the network interfaces (the seeds' if_list, complete): index, name, flags, MTU,
// link-layer address, and every IPv4/IPv6 address with its prefix length.
#include <net/if_arp.h>

#include <fmt/format.h>

#include <iostream>
#include <string>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "output.hpp"
#include "sockit/sock/network_interface.hpp"

namespace sockit::cli {
namespace {

std::string link_type(unsigned short hatype) {
    switch (hatype) {
        case ARPHRD_ETHER: return "ether";
        case ARPHRD_LOOPBACK: return "loopback";
        case ARPHRD_NONE: return "none";
        case ARPHRD_PPP: return "ppp";
        case ARPHRD_TUNNEL: return "ipip";
        case ARPHRD_TUNNEL6: return "tunnel6";
        case ARPHRD_SIT: return "sit";
        case ARPHRD_IEEE80211: return "ieee802.11";
        case ARPHRD_INFINIBAND: return "infiniband";
        case ARPHRD_IPGRE: return "gre";
        case ARPHRD_VOID: return "void";
        default: return std::to_string(hatype);
    }
}

std::string join(const std::vector<std::string_view>& parts, char sep) {
    std::string out;
    for (auto p : parts) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

nlohmann::ordered_json to_json(const network_interface& i) {
    nlohmann::ordered_json flags = nlohmann::ordered_json::array();
    for (auto f : network_interface::flag_names(i.flags)) flags.push_back(f);
    nlohmann::ordered_json addresses = nlohmann::ordered_json::array();
    for (const auto& a : i.addresses) {
        nlohmann::ordered_json entry = {
            {"family", a.address.is_v4() ? "inet" : "inet6"},
            {"address", a.address.with_zone("").to_string()},
            {"prefix_length", a.prefix_length},
        };
        if (!a.address.zone().empty()) entry["zone"] = std::string(a.address.zone());
        if (a.broadcast) entry["broadcast"] = a.broadcast->to_string();
        if (a.peer) entry["peer"] = a.peer->to_string();
        addresses.push_back(std::move(entry));
    }
    nlohmann::ordered_json doc = {{"index", i.index}, {"name", i.name}, {"flags", flags}};
    doc["mtu"] = i.mtu ? nlohmann::ordered_json(*i.mtu) : nlohmann::ordered_json(nullptr);
    doc["link_type"] = link_type(i.hardware_type);
    doc["mac"] = i.hardware_address.empty() ? nlohmann::ordered_json(nullptr)
                                            : nlohmann::ordered_json(i.hardware_address_string());
    doc["addresses"] = std::move(addresses);
    return doc;
}

}  // namespace

int run_ifaces(std::span<char*> args) {
    auto app = make_app("ifaces",
                        "List the network interfaces: index, name, flags, MTU, link-layer (MAC) address, and "
                        "each IPv4/IPv6 address with its prefix length (getifaddrs).",
                        "sockit ifaces --json");
    bool json = false;
    std::vector<std::string> names;
    app->add_flag("--json", json, "one JSON array of {index, name, flags, mtu, link_type, mac, addresses}");
    app->add_option("name", names, "only these interfaces (default: all)");
    if (auto done = parse(*app, args)) return *done;

    auto all = network_interface::list();
    if (!all) {
        print_error("ifaces", "cannot list interfaces", all.error().message());
        return exit_code::os_error;
    }
    std::vector<network_interface> shown;
    for (const auto& name : names) {
        auto it = std::find_if(all->begin(), all->end(), [&](const auto& i) { return i.name == name; });
        if (it == all->end()) {
            print_error("ifaces", fmt::format("'{}'", name), "no such interface");
            return exit_code::usage;
        }
        shown.push_back(*it);
    }
    if (names.empty()) shown = std::move(*all);

    if (json) {
        nlohmann::ordered_json doc = nlohmann::ordered_json::array();
        for (const auto& i : shown) doc.push_back(to_json(i));
        print_json(doc);
        return exit_code::ok;
    }
    text_table table({"index", "name", "mtu", "link", "mac", "flags", "addresses"});
    for (const auto& i : shown) {
        std::vector<std::string> row = {std::to_string(i.index),
                                        i.name,
                                        i.mtu ? std::to_string(*i.mtu) : "-",
                                        link_type(i.hardware_type),
                                        i.hardware_address.empty() ? "-" : i.hardware_address_string(),
                                        join(network_interface::flag_names(i.flags), ','),
                                        ""};
        if (i.addresses.empty()) {
            row.back() = "-";
            table.add_row(std::move(row));
            continue;
        }
        bool first = true;
        for (const auto& a : i.addresses) {
            std::string text = fmt::format("{}/{}", a.address.to_string(), a.prefix_length);
            if (a.broadcast) text += " brd " + a.broadcast->to_string();
            if (a.peer) text += " peer " + a.peer->to_string();
            if (first) {
                row.back() = text;
                table.add_row(row);
                first = false;
            } else {
                table.add_row({"", "", "", "", "", "", text});
            }
        }
    }
    std::cout << table.render();
    return exit_code::ok;
}

}  // namespace sockit::cli
