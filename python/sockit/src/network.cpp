// SPDX-License-Identifier: MIT
// network: sockit.ip_network (ipaddress's IPv4Network/IPv6Network in one type), collapse_addresses and
// summarize_address_range, over sockit::ip_network.
#include <pybind11/stl.h>

#include <functional>
#include <vector>

#include "bindings.hpp"
#include "compare.hpp"
#include "convert.hpp"
#include "predicates.hpp"
#include "ranges.hpp"

namespace sockit::python {
namespace {

constexpr const char* network_doc = R"(An IPv4 or IPv6 network, as ipaddress.ip_network() makes them.

ip_network(address, strict=True) accepts "ADDR/LEN", "ADDR/NETMASK", "ADDR/HOSTMASK", a bare address,
an (address, prefix) tuple, an int, packed bytes or an ip_address. With strict, host bits set beyond the
prefix raise ValueError; without, they are cleared. Invalid input raises ValueError; ip_network.v4() and
ip_network.v6() accept one version only and raise AddressValueError or NetmaskValueError, as
ipaddress.IPv4Network() and IPv6Network() do.

Attributes: version, max_prefixlen, network_address, broadcast_address, netmask, hostmask, prefixlen,
num_addresses, with_prefixlen, with_netmask, with_hostmask, compressed, exploded and the predicates of
ip_address (true when both the first and the last address have them). Methods: hosts(), subnets(),
supernet(), overlaps(), subnet_of(), supernet_of(), address_exclude(); `address in network`, iteration,
indexing, ordering and hashing as ipaddress has them.

Differences from ipaddress (3.11): a prefix length with a leading zero ("/08") is refused, networks have
no zone, and IPv4-mapped addresses print as ::ffff:a.b.c.d; predicates follow ip_address's tables.)";

int version_of(const ip_network& n) noexcept { return n.version(); }

void require_same_version(const ip_network& a, const ip_network& b) {
    if (a.version() != b.version())
        throw py::type_error(a.to_string() + " and " + b.to_string() + " are not of the same version");
}

address_run addresses_of(const ip_network& n, const ip_address& first, const ip_address& last) {
    return {version_of(n), first.to_uint(), last.to_uint(), false};
}

network_run subnets_of(const ip_network& n, int prefix) {
    const int shift = n.max_prefix_length() - prefix;
    const uint128 step = shift >= 128 ? 0 : uint128{1} << shift;
    const uint128 last = n.broadcast_address().to_uint() - (step == 0 ? 0 : step - 1);
    return {version_of(n), prefix, n.network_address().to_uint(), shift >= 128 ? 0 : last, step, false};
}

network_run subnets(const ip_network& n, int prefixlen_diff, const std::optional<int>& new_prefix) {
    if (n.prefix_length() == n.max_prefix_length()) return subnets_of(n, n.prefix_length());
    if (new_prefix) {
        if (*new_prefix < n.prefix_length()) throw py::value_error("new prefix must be longer");
        if (prefixlen_diff != 1) throw py::value_error("cannot set prefixlen_diff and new_prefix");
        prefixlen_diff = *new_prefix - n.prefix_length();
    }
    if (prefixlen_diff < 0) throw py::value_error("prefix length diff must be > 0");
    const int prefix = n.prefix_length() + prefixlen_diff;
    if (prefix > n.max_prefix_length())
        throw py::value_error("prefix length diff " + std::to_string(prefix) + " is invalid for netblock " +
                              n.to_string());
    return subnets_of(n, prefix);
}

ip_network supernet(const ip_network& n, int prefixlen_diff, const std::optional<int>& new_prefix) {
    if (n.prefix_length() == 0) return n;
    if (new_prefix) {
        if (*new_prefix > n.prefix_length()) throw py::value_error("new prefix must be shorter");
        if (prefixlen_diff != 1) throw py::value_error("cannot set prefixlen_diff and new_prefix");
        prefixlen_diff = n.prefix_length() - *new_prefix;
    }
    const int prefix = n.prefix_length() - prefixlen_diff;
    auto s = prefixlen_diff < 0 ? result<ip_network, address_error>(n) : n.supernet(prefix);
    if (prefixlen_diff < 0 || !s)
        throw py::value_error("current prefixlen is " + std::to_string(n.prefix_length()) +
                              ", cannot have a prefixlen_diff of " + std::to_string(prefixlen_diff));
    return *s;
}

// ipaddress's subnet_of: b holds a (same version, else TypeError).
bool subnet_of(const ip_network& a, py::handle other) {
    if (!py::isinstance<ip_network>(other))
        throw py::type_error("Unable to test subnet containment between " + a.to_string() + " and " +
                             text_of(other));
    const auto& b = other.cast<const ip_network&>();
    require_same_version(a, b);
    return b.contains(a);
}

// ipaddress's address_exclude: the networks of `self` minus `other`, largest first.
std::vector<ip_network> address_exclude(const ip_network& self, py::handle other_obj) {
    if (!py::isinstance<ip_network>(other_obj))
        throw py::type_error(text_of(other_obj) + " is not a network object");
    const auto& other = other_obj.cast<const ip_network&>();
    require_same_version(self, other);
    if (!self.contains(other))
        throw py::value_error(other.to_string() + " not contained in " + self.to_string());
    std::vector<ip_network> out;
    ip_network current = self;
    while (current != other) {
        auto halves = current.subnets(current.prefix_length() + 1, 2);
        const ip_network& low = (*halves)[0];
        const ip_network& high = (*halves)[1];
        const bool in_low = low.contains(other);
        out.push_back(in_low ? high : low);
        current = in_low ? low : high;
    }
    return out;
}

// Appends item (an address as its /32 or /128, or a network) to nets; TypeError for a second version.
void add_network_or_address(py::handle item, std::vector<ip_network>& nets, int& version) {
    ip_network n;
    if (py::isinstance<ip_address>(item)) {
        const auto& a = item.cast<const ip_address&>();
        n = *ip_network::from(a.with_zone({}), a.max_prefix_length());
    } else if (py::isinstance<ip_network>(item)) {
        n = item.cast<const ip_network&>();
    } else {
        throw py::type_error(text_of(item) + " is not an ip_address or ip_network");
    }
    if (version != 0 && n.version() != version)
        throw py::type_error(text_of(item) + " and " + nets.front().to_string() +
                             " are not of the same version");
    version = n.version();
    nets.push_back(n);
}

py::iterator collapse_addresses(py::iterable items) {
    std::vector<ip_network> nets;
    int version = 0;
    for (py::handle item : items) add_network_or_address(item, nets, version);
    return py::iter(py::cast(ip_network::collapse(nets)));
}

py::iterator summarize_address_range(py::handle first, py::handle last) {
    if (!py::isinstance<ip_address>(first) || !py::isinstance<ip_address>(last))
        throw py::type_error("first and last must be IP addresses, not networks");
    const auto& a = first.cast<const ip_address&>();
    const auto& b = last.cast<const ip_address&>();
    if (a.version() != b.version())
        throw py::type_error(a.to_string() + " and " + b.to_string() + " are not of the same version");
    if (b < a) throw py::value_error("last IP address must be greater than first");
    auto nets = ip_network::summarize(a.with_zone({}), b.with_zone({}));
    if (!nets) throw py::value_error(nets.error().message());
    return py::iter(py::cast(*nets));
}

bool both_ends(const ip_network& n, bool (ip_address::*test)() const noexcept) {
    return (n.network_address().*test)() && (n.broadcast_address().*test)();
}

std::size_t hash_network(const ip_network& n) {
    std::string_view b(reinterpret_cast<const char*>(n.network_address().bytes().data()),
                       n.network_address().bytes().size());
    return std::hash<std::string_view>{}(b)*131 + static_cast<std::size_t>(n.prefix_length());
}

std::string with_mask(const ip_network& n, const ip_address& mask) {
    return n.network_address().to_string() + "/" + mask.to_string();
}

void bind_network_attributes(py::class_<ip_network>& cls) {
    cls.def_property_readonly("version", &ip_network::version, "4 or 6.");
    cls.def_property_readonly("max_prefixlen", &ip_network::max_prefix_length, "32 or 128.");
    cls.def_property_readonly("prefixlen", &ip_network::prefix_length, "The prefix length.");
    cls.def_property_readonly("network_address", &ip_network::network_address, "The first address.");
    cls.def_property_readonly("broadcast_address", &ip_network::broadcast_address, "The last address.");
    cls.def_property_readonly("netmask", &ip_network::netmask, "The prefix as an address.");
    cls.def_property_readonly("hostmask", &ip_network::hostmask, "The host bits as an address.");
    cls.def_property_readonly(
        "num_addresses", [](const ip_network& n) { return to_python_int(n.size_minus_one()) + py::int_(1); },
        "The number of addresses (an exact int, 2**128 for ::/0).");
    cls.def_property_readonly("with_prefixlen", &ip_network::to_string, "'ADDR/LEN'.");
    cls.def_property_readonly("compressed", &ip_network::to_string, "'ADDR/LEN', as str().");
    cls.def_property_readonly(
        "exploded",
        [](const ip_network& n) {
            return n.network_address().exploded() + "/" + std::to_string(n.prefix_length());
        },
        "The exploded network address and the prefix length.");
    cls.def_property_readonly(
        "with_netmask", [](const ip_network& n) { return with_mask(n, n.netmask()); }, "'ADDR/NETMASK'.");
    cls.def_property_readonly(
        "with_hostmask", [](const ip_network& n) { return with_mask(n, n.hostmask()); }, "'ADDR/HOSTMASK'.");
    for (const predicate& p : predicates) {
        if (p.test == &ip_address::is_global) continue;  // below: not "global at both ends"
        auto test = p.test;
        cls.def_property_readonly(
            p.name, [test](const ip_network& n) { return both_ends(n, test); },
            "ip_address's predicate, true when the first and the last address have it.");
    }
    cls.def_property_readonly(
        "is_global",
        [](const ip_network& n) {
            return !both_ends(n, &ip_address::is_private) && !both_ends(n, &ip_address::is_shared);
        },
        "Not private and not inside 100.64.0.0/10.");
}

void bind_network_methods(py::class_<ip_network>& cls) {
    cls.def(
        "hosts", [](const ip_network& n) { return addresses_of(n, n.first_host(), n.last_host()); },
        "The usable hosts, lazily: IPv4 without the network and broadcast addresses (but all of a /31 "
        "or /32), IPv6 without the Subnet-Router anycast address (but all of a /127 or /128).");
    cls.def("__iter__",
            [](const ip_network& n) { return addresses_of(n, n.network_address(), n.broadcast_address()); });
    cls.def(
        "__getitem__",
        [](const ip_network& n, py::int_ index) {
            py::int_ count = to_python_int(n.size_minus_one()) + py::int_(1);
            py::int_ i = index;
            if (py::int_(0) > i) i = py::reinterpret_steal<py::int_>(PyNumber_Add(count.ptr(), i.ptr()));
            if (py::int_(0) > i || i >= count) throw py::index_error("address out of range");
            return ip_address::from_uint(n.version(), n.network_address().to_uint() + *from_python_int(i));
        },
        py::arg("index"));
    cls.def("subnets", &subnets, py::arg("prefixlen_diff") = 1, py::arg("new_prefix") = py::none(),
            "The subnets prefixlen_diff bits longer (or of prefix length new_prefix), lazily, in order.");
    cls.def("supernet", &supernet, py::arg("prefixlen_diff") = 1, py::arg("new_prefix") = py::none(),
            "The network prefixlen_diff bits shorter (or of prefix length new_prefix) holding this one; "
            "a /0 is its own supernet.");
    cls.def(
        "overlaps",
        [](const ip_network& a, const ip_network& b) { return a.version() == b.version() && a.overlaps(b); },
        py::arg("other"), "True when the two networks share an address (False across versions).");
    cls.def("subnet_of", &subnet_of, py::arg("other"),
            "True when other holds this network; TypeError across versions.");
    cls.def(
        "supernet_of",
        [](const ip_network& a, py::handle other) {
            if (!py::isinstance<ip_network>(other))
                throw py::type_error("Unable to test subnet containment between " + text_of(other) + " and " +
                                     a.to_string());
            return subnet_of(other.cast<const ip_network&>(), py::cast(a));
        },
        py::arg("other"), "True when this network holds other; TypeError across versions.");
    cls.def(
        "address_exclude",
        [](const ip_network& a, py::handle b) { return py::iter(py::cast(address_exclude(a, b))); },
        py::arg("other"),
        "The networks covering this one without other (which must lie inside: else ValueError), "
        "largest first.");
    cls.def("__contains__", [](const ip_network& n, py::handle item) {
        if (py::isinstance<ip_network>(item)) return false;
        if (!py::isinstance<ip_address>(item)) throw py::type_error(text_of(item) + " is not an ip_address");
        const auto& a = item.cast<const ip_address&>();
        return a.version() == n.version() && n.contains(a);
    });
}

}  // namespace

void bind_network(py::module_& m) {
    bind_ranges(m);
    py::class_<ip_network> cls(m, "ip_network", network_doc);
    cls.def(py::init([](py::handle obj, bool strict) {
                return network_from_object(obj, strict, 0, error_style::factory);
            }),
            py::arg("address"), py::arg("strict") = true);
    for (int version : {4, 6}) {
        cls.def_static(
            version == 4 ? "v4" : "v6",
            [version](py::handle obj, bool strict) {
                return network_from_object(obj, strict, version, error_style::versioned);
            },
            py::arg("address"), py::arg("strict") = true,
            version == 4 ? "An IPv4 network only, as ipaddress.IPv4Network(); else AddressValueError or "
                           "NetmaskValueError."
                         : "An IPv6 network only, as ipaddress.IPv6Network(); else AddressValueError or "
                           "NetmaskValueError.");
    }
    bind_network_attributes(cls);
    bind_network_methods(cls);
    cls.def("__str__", &ip_network::to_string);
    cls.def("__repr__", [](const ip_network& n) { return "sockit.ip_network('" + n.to_string() + "')"; });
    cls.def("__reduce__",
            [](py::handle self) { return py::make_tuple(self.get_type(), py::make_tuple(py::str(self))); });
    add_comparisons(cls, &hash_network);

    m.def("collapse_addresses", &collapse_addresses, py::arg("addresses"),
          "The fewest networks covering exactly the given addresses and networks (one version: else "
          "TypeError), in order; as ipaddress.collapse_addresses.");
    m.def("summarize_address_range", &summarize_address_range, py::arg("first"), py::arg("last"),
          "The fewest networks covering exactly first..last (ip_address objects of one version: else "
          "TypeError; first > last: ValueError), in order; as ipaddress.summarize_address_range.");
}

}  // namespace sockit::python
