// SPDX-License-Identifier: MIT
// Fuzz target: ip_network::parse (RFC 4632 CIDR, dotted masks). Properties: no crash; an accepted network
// prints text that parses back to itself; its edges, hosts, halves and supernet are consistent; collapse
// and summarize rebuild it.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "sockit/ip/ip_network.hpp"

namespace {

using sockit::fuzz::check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto loose = sockit::ip_network::parse_with_address(text);
    auto strict = sockit::ip_network::parse(text, true);
    if (!loose) {
        check(!strict && loose.error().offset <= size && !loose.error().message().empty());
        return 0;
    }
    const auto& [address, net] = *loose;
    check(net.contains(address));
    check(strict.has_value() == (address == net.network_address()));

    auto back = sockit::ip_network::parse(net.to_string(), true);
    check(back.has_value() && *back == net);
    check(net.contains(net.network_address()) && net.contains(net.broadcast_address()));
    check(net.contains(net.first_host()) && net.contains(net.last_host()));
    check(net.first_host() <= net.last_host());
    check((net.netmask().to_uint() | net.hostmask().to_uint()) ==
          (net.broadcast_address().to_uint() | net.netmask().to_uint()));

    auto summary = sockit::ip_network::summarize(net.network_address(), net.broadcast_address());
    check(summary.has_value() && summary->size() == 1 && summary->front() == net);
    if (net.prefix_length() < net.max_prefix_length()) {
        auto halves = net.subnets(net.prefix_length() + 1, 2);
        check(halves.has_value() && halves->size() == 2);
        check(net.contains((*halves)[0]) && net.contains((*halves)[1]) &&
              !(*halves)[0].overlaps((*halves)[1]));
        auto merged = sockit::ip_network::collapse(*halves);
        check(merged.size() == 1 && merged.front() == net);
    }
    if (net.prefix_length() > 0) {
        auto up = net.supernet();
        check(up.has_value() && up->contains(net) && up->prefix_length() == net.prefix_length() - 1);
    }
    return 0;
}
