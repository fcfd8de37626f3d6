// SPDX-License-Identifier: MIT
// `sockit net`: an ipcalc for IPv4 and IPv6 networks (CIDR, RFC 4632; RFC 4291 2.3): masks, hosts,
// membership, subnets, supernet, collapse and summarize, with Python ipaddress's conventions.
#include <fmt/format.h>

#include <iostream>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "exit_code.hpp"
#include "number_option.hpp"
#include "output.hpp"
#include "sockit/ip/ip_network.hpp"
#include "sockit/ip/subnet_range.hpp"
#include "streamed_output.hpp"
#include "verbatim_args.hpp"

namespace sockit::cli {
namespace {

using json = nlohmann::ordered_json;

struct options {
    bool json = false;
    bool strict = false;
    bool each = false;
    bool collapse = false;
    bool summarize = false;
    bool supernet = false;
    int supernet_prefix = -1;
    std::string subnets;  // "N" (new prefix length) or "+D" (D bits longer)
    std::uint64_t limit = 65536;
    std::vector<std::string> args;
};

void report(std::string_view what, std::string_view why) { print_error("net", what, why); }

std::string invalid(std::string_view kind, std::string_view input) {
    return fmt::format("invalid {} '{}'", kind, input);
}

// Membership of an address or a network (written either way) in net.
struct member {
    bool ok;
    bool inside;
    std::string error;
};

member test_member(const ip_network& net, const std::string& input) {
    if (input.find('/') == std::string::npos) {
        auto a = ip_address::parse(input);
        if (!a) return {false, false, a.error().message()};
        return {true, net.contains(*a), {}};
    }
    auto n = ip_network::parse(input);
    if (!n) return {false, false, n.error().message()};
    return {true, net.contains(*n), {}};
}

// The subnets --subnets asks for (N or +D) within --limit, or nullopt after reporting why not.
std::optional<subnet_range> wanted_subnets(const options& o, const ip_network& net) {
    const bool relative = o.subnets[0] == '+';
    auto v = parse_decimal(std::string_view(o.subnets).substr(relative ? 1 : 0));
    if (!v || *v > 128) {
        report(fmt::format("--subnets '{}'", o.subnets), "want a prefix length N or +D");
        return std::nullopt;
    }
    const int new_prefix = relative ? net.prefix_length() + static_cast<int>(*v) : static_cast<int>(*v);
    auto subs = subnet_range::of(net, new_prefix);
    if (!subs || !subs->size_at_most(o.limit)) {
        report(fmt::format("subnets of {}", net.to_string()),
               subs ? fmt::format("more than --limit {} subnets", o.limit)
                    : fmt::format("prefix {} is not in {}..{}", new_prefix, net.prefix_length(),
                                  net.max_prefix_length()));
        return std::nullopt;
    }
    return *subs;
}

// The subnets as text lines, written as they are produced.
void print_subnets(const subnet_range& subs) {
    chunked_stdout out;
    out.add(fmt::format("subnets /{} ({}):\n", subs.prefix_length(), to_decimal(subs.size_minus_one() + 1)));
    for (const auto& s : subs) {
        out.add("  ");
        out.add(s.to_string());
        out.add("\n");
    }
}

// The error document of an input --each --json reports in its array.
int refuse(const std::string& input, const std::string& why, bool element) {
    report(invalid("network", input), why);
    if (element) write_json({{"input", input}, {"error", why}}, 1);
    return exit_code::usage;
}

// One network's report, printed as text, as one JSON document, or (element) as one member of --each
// --json's array; returns the exit status it earns.
int describe(const options& o, const std::string& input, bool element) {
    auto parsed = ip_network::parse_with_address(input);
    if (!parsed) return refuse(input, parsed.error().message(), element);
    const auto& [address, net] = *parsed;
    const bool host_bits = address != net.network_address();
    if (o.strict && host_bits)
        return refuse(input, make_address_error(address_errc::host_bits_set, 0).message(), element);
    int status = exit_code::ok;
    json doc;
    doc["input"] = input;
    doc["network"] = net.to_string();
    doc["version"] = net.version();
    doc["prefixlen"] = net.prefix_length();
    doc["netmask"] = net.netmask().to_string();
    doc["hostmask"] = net.hostmask().to_string();
    doc["broadcast_address"] = net.broadcast_address().to_string();
    doc["first_host"] = net.first_host().to_string();
    doc["last_host"] = net.last_host().to_string();
    doc["num_addresses"] = net.num_addresses_decimal();
    doc["host_bits_set"] = host_bits;
    doc["address"] = address.to_string();

    text_table t;
    t.add_row({"network", net.to_string()});
    t.add_row({"prefixlen", std::to_string(net.prefix_length())});
    t.add_row({"netmask", net.netmask().to_string()});
    t.add_row({"hostmask", net.hostmask().to_string()});
    t.add_row({"broadcast_address", net.broadcast_address().to_string()});
    t.add_row({"first_host", net.first_host().to_string()});
    t.add_row({"last_host", net.last_host().to_string()});
    t.add_row({"num_addresses", net.num_addresses_decimal()});
    t.add_row({"host_bits_set", host_bits ? fmt::format("yes ({})", address.to_string()) : "no"});

    if (!o.each && o.args.size() > 1) {
        json members = json::array();
        for (std::size_t i = 1; i < o.args.size(); ++i) {
            const auto& m = o.args[i];
            const auto r = test_member(net, m);
            if (!r.ok) {
                report(invalid("address", m), r.error);
                members.push_back({{"input", m}, {"error", r.error}});
                status = exit_code::usage;
                continue;
            }
            members.push_back({{"input", m}, {"inside", r.inside}});
            t.add_row({m, r.inside ? "inside" : "outside"});
        }
        doc["contains"] = members;
    }
    if (o.supernet || o.supernet_prefix >= 0) {
        auto s = o.supernet_prefix >= 0 ? net.supernet(o.supernet_prefix) : net.supernet();
        if (!s) {
            report(fmt::format("supernet of {}", net.to_string()),
                   o.supernet_prefix >= 0
                       ? fmt::format("prefix {} is not in 0..{}", o.supernet_prefix, net.prefix_length())
                       : std::string("a /0 has no supernet"));
            doc["supernet"] = nullptr;
            status = exit_code::usage;
        } else {
            doc["supernet"] = s->to_string();
            t.add_row({"supernet", s->to_string()});
        }
    }
    std::optional<subnet_range> subs;
    if (!o.subnets.empty()) {
        subs = wanted_subnets(o, net);
        if (!subs) {
            doc["subnets"] = nullptr;
            status = exit_code::usage;
        }
    }
    if (!o.json) {
        std::cout << t.render();
        if (subs) print_subnets(*subs);
        return status;
    }
    auto it = subs ? subs->begin() : subnet_range::iterator{};
    const item_source next = [&it]() -> std::optional<std::string> {
        if (it == std::default_sentinel) return std::nullopt;
        return (*it++).to_string();
    };
    write_json(doc, element ? 1 : 0, "subnets", subs ? next : item_source{});
    if (!element) std::cout << '\n';
    return status;
}

int print_networks(const options& o, const std::vector<ip_network>& nets) {
    if (o.json) {
        json list = json::array();
        for (const auto& n : nets) list.push_back(n.to_string());
        print_json({{"networks", list}});
    } else {
        for (const auto& n : nets) std::cout << n.to_string() << '\n';
    }
    return exit_code::ok;
}

int run_collapse(const options& o) {
    int status = exit_code::ok;
    std::vector<ip_network> nets;
    for (const auto& input : o.args) {
        auto n = ip_network::parse(input, o.strict);
        if (!n) {
            report(invalid("network", input), n.error().message());
            status = exit_code::usage;
            continue;
        }
        nets.push_back(*n);
    }
    print_networks(o, ip_network::collapse(nets));
    return status;
}

int run_summarize(const options& o) {
    if (o.args.size() != 2) {
        report("--summarize", fmt::format("want FIRST LAST, got {} arguments", o.args.size()));
        return exit_code::usage;
    }
    auto first = ip_address::parse(o.args[0]);
    auto last = ip_address::parse(o.args[1]);
    if (!first) report(invalid("address", o.args[0]), first.error().message());
    if (!last) report(invalid("address", o.args[1]), last.error().message());
    if (!first || !last) return exit_code::usage;
    auto nets = ip_network::summarize(first->with_zone({}), last->with_zone({}));
    if (!nets) {
        report(fmt::format("range {} - {}", o.args[0], o.args[1]), nets.error().message());
        return exit_code::usage;
    }
    return print_networks(o, *nets);
}

}  // namespace

int run_net(std::span<char*> args) {
    auto app = make_app("net",
                        "An ipcalc for IPv4 and IPv6 networks: network, masks, broadcast, first and last "
                        "host, size, host bits, "
                        "and whether each ADDR (or network) is inside; subnets and supernet; collapse a "
                        "list; summarize a range.",
                        "sockit net 172.17.86.75/12 172.31.0.1 10.0.0.1 --subnets +2 --json");
    options o;
    app->add_flag(
        "--json", o.json,
        "JSON: {input, network, version, prefixlen, netmask, hostmask, broadcast_address, first_host, "
        "last_host, num_addresses, host_bits_set, address, contains, supernet, subnets}; with --each an "
        "array of them; with --collapse/--summarize {networks}");
    app->add_flag("--strict", o.strict, "host bits set beyond the prefix are an error");
    app->add_option("--subnets", o.subnets, "list the subnets of prefix length N, or +D bits longer");
    app->add_option("--limit", o.limit, "at most this many subnets (default 65536)")
        ->check(within<std::uint64_t>());
    app->add_flag("--supernet", o.supernet, "the network one bit shorter");
    app->add_option("--supernet-prefix", o.supernet_prefix, "the supernet of this prefix length")
        ->check(within(0, 128));
    auto* each = app->add_flag("--each", o.each, "every argument is a network to describe");
    auto* collapse =
        app->add_flag("--collapse", o.collapse, "merge the networks given into the fewest covering them");
    auto* summarize = app->add_flag("--summarize", o.summarize, "the fewest networks covering FIRST..LAST");
    each->excludes(collapse)->excludes(summarize);
    collapse->excludes(summarize);
    app->add_option("ARGS", o.args,
                    "CIDR [ADDR...] | --each CIDR... | --collapse NET... | --summarize FIRST LAST")
        ->required();
    // "[::1]" is not an address: it must reach the parser as typed, not as CLI11's list syntax.
    verbatim_args verbatim(args);
    verbatim_args::keep_verbatim(*app);
    if (auto done = parse(*app, verbatim.args())) return *done;

    int status = exit_code::ok;
    if (o.collapse) {
        status = run_collapse(o);
    } else if (o.summarize) {
        status = run_summarize(o);
    } else if (o.each) {
        if (o.json) std::cout << "[\n";
        for (const auto& input : o.args) {
            if (o.json && &input != &o.args.front()) std::cout << ",\n";
            if (describe(o, input, o.json) != exit_code::ok)
                status = exit_code::usage;
            else if (!o.json && &input != &o.args.back())
                std::cout << '\n';
        }
        if (o.json) std::cout << "\n]\n";
    } else {
        status = describe(o, o.args[0], false);
    }
    std::cout.flush();
    return status;
}

}  // namespace sockit::cli
