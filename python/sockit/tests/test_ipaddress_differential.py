# SPDX-License-Identifier: MIT
# Differential test of `import sockit` against Python's ipaddress: 200,000 random, edge-case and mutated
# addresses and 20,000 networks, every attribute and the exception type of every rejected input; then
# the network methods (subnets, supernet, overlaps, subnet_of, address_exclude, collapse, summarize,
# membership, ordering, hashing) on random cases, and the TypeErrors ipaddress raises across versions.
#
# The reference is ipaddress with the adjustments tests/cli/test_addr_python.py and test_net_python.py
# document for the `sockit addr` and `sockit net` commands, since the module uses the same library:
# CPython 3.13's special-purpose tables and printing of IPv4-mapped addresses (Python here is 3.11),
# zones of at most 15 printable characters and kept by exploded, no leading zero in a prefix length, no
# zones in networks.
import ipaddress
import random
import unittest

import sockit
from test_addr_python import edge_inputs, expected as expected_address, python_parse, random_inputs
from test_net_python import cnet, expected as expected_network, mutate as mutate_network, python_network, \
    random_network

ADDRESSES = 200_000
NETWORKS = 20_000


def address_record(a):
    """The fields of `sockit addr --json` that an ip_address carries, read from the Python object."""
    t = a.teredo
    bare = str(a).split("%")[0]
    return {
        "address": str(a), "version": a.version, "exploded": a.exploded, "integer": str(int(a)),
        "reverse_pointer": a.reverse_pointer, "scope_id": a.scope_id,
        "ipv4_mapped": None if a.ipv4_mapped is None else str(a.ipv4_mapped),
        "sixtofour": None if a.sixtofour is None else str(a.sixtofour),
        "teredo": None if t is None else {"server": str(t[0]), "client": str(t[1])},
        **{p: getattr(a, p) for p in ("is_private", "is_global", "is_loopback", "is_link_local", "is_multicast",
                                      "is_reserved", "is_unspecified", "is_site_local", "is_documentation",
                                      "is_shared", "is_unique_local")},
        "_packed": a.packed == ipaddress.ip_address(bare).packed, "_compressed": a.compressed == str(a),
        "_max": a.max_prefixlen == (32 if a.version == 4 else 128),
    }


def exception_name(make, s):
    try:
        make(s)
    except (ValueError, TypeError, IndexError) as e:
        return type(e).__name__
    return None


def last_host(n, make):
    """hosts()[-1] of a network too big to list, from the hosts() of its last /30 or /126."""
    if n.num_addresses <= 1024:
        return list(n.hosts())[-1]
    tail = make((int(n.broadcast_address) & ~3, 30 if n.version == 4 else 126))
    return list(tail.hosts())[-1]


def network_record(s):
    n = sockit.ip_network(s, strict=False)
    try:
        sockit.ip_network(s)
        host_bits = False
    except ValueError as e:
        assert type(e) is ValueError and "host bits" in str(e), (s, e)
        host_bits = True
    return {
        "network": str(n), "version": n.version, "prefixlen": n.prefixlen, "netmask": str(n.netmask),
        "hostmask": str(n.hostmask), "broadcast_address": str(n.broadcast_address),
        "first_host": str(next(iter(n.hosts()))), "last_host": str(last_host(n, sockit.ip_network)),
        "num_addresses": str(n.num_addresses), "host_bits_set": host_bits,
    }


def same_family_pair(rng):
    v6 = rng.random() < 0.5
    bits = 128 if v6 else 32
    base = rng.getrandbits(bits)
    nets = []
    for _ in range(2):
        prefix = rng.randint(max(0, bits - 24), bits) if rng.random() < 0.7 else rng.randint(0, bits)
        addr = base ^ rng.getrandbits(min(bits, 20))
        nets.append((ipaddress.IPv6Address(addr) if v6 else ipaddress.IPv4Address(addr), prefix))
    return [ipaddress.ip_network(n, strict=False) for n in nets]


def mine(n):
    return sockit.ip_network(str(n))


def strs(seq):
    return [str(x) for x in seq]


def cstrs(seq):
    return [cnet(x) for x in seq]


class Addresses(unittest.TestCase):
    def test_addresses_against_ipaddress(self):
        rng = random.Random(3986)
        inputs = edge_inputs()
        inputs += random_inputs(rng, ADDRESSES - len(inputs))
        accepted = rejected = 0
        for s in inputs:
            ref = python_parse(s)
            if ref is None:
                with self.assertRaises(ValueError, msg=f"we accept {s!r}, ipaddress rejects it") as caught:
                    sockit.ip_address(s)
                self.assertIs(type(caught.exception), ValueError, s)
                rejected += 1
                continue
            rec = address_record(sockit.ip_address(s))
            want = expected_address(ref)
            self.assertEqual({k: rec[k] for k in want if k in rec}, {k: v for k, v in want.items() if k in rec}, s)
            self.assertTrue(rec["_packed"] and rec["_compressed"] and rec["_max"], s)
            accepted += 1
        print(f"\n{len(inputs)} addresses: {accepted} accepted, {rejected} rejected")
        self.assertEqual(len(inputs), ADDRESSES)
        self.assertGreater(accepted, 100_000)
        self.assertGreater(rejected, 20_000)

    def test_versioned_constructors_raise_what_ipaddress_raises(self):
        rng = random.Random(791)
        inputs = random_inputs(rng, 20_000) + ["1.2.3.4/24", "::1/64", "", "1.2.3", "::1::", 3.5]
        for s in inputs:
            if isinstance(s, str) and "%" in s:
                continue  # zones: our rule, checked above
            for mine_make, ref_make in ((sockit.ip_address.v4, ipaddress.IPv4Address),
                                        (sockit.ip_address.v6, ipaddress.IPv6Address)):
                self.assertEqual(exception_name(mine_make, s), exception_name(ref_make, s), repr(s))

    def test_other_inputs(self):
        for value in (0, 1, 2**32 - 1, 2**32, 2**128 - 1, b"\x01\x02\x03\x04", bytes(range(16))):
            self.assertEqual(str(sockit.ip_address(value)), str(ipaddress.ip_address(value)), value)
        for bad in (-1, 2**128, b"abc", None, 1.5, [1]):
            self.assertEqual(exception_name(sockit.ip_address, bad), exception_name(ipaddress.ip_address, bad), bad)
        for value in (2**32, -1):
            self.assertEqual(exception_name(sockit.ip_address.v4, value), "AddressValueError")

    def test_ordering_hashing_arithmetic(self):
        rng = random.Random(5952)
        texts = [str(ipaddress.IPv4Address(rng.getrandbits(32))) for _ in range(500)]
        texts += [str(ipaddress.IPv6Address(rng.getrandbits(128))) for _ in range(500)]
        for group in (texts[:500], texts[500:]):
            self.assertEqual(strs(sorted(map(sockit.ip_address, group))), strs(sorted(map(ipaddress.ip_address, group))))
        self.assertEqual(len(set(map(sockit.ip_address, texts + texts))), len(set(texts)))
        a4, a6 = sockit.ip_address("1.2.3.4"), sockit.ip_address("::1")
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            with self.assertRaises(TypeError):
                getattr(a4, op)(a6) if False else {"__lt__": lambda: a4 < a6, "__le__": lambda: a4 <= a6,
                                                    "__gt__": lambda: a4 > a6, "__ge__": lambda: a4 >= a6}[op]()
        self.assertFalse(a4 == a6)
        self.assertNotEqual(a4, "1.2.3.4")
        self.assertEqual(str(a4 + 1), "1.2.3.5")
        self.assertEqual(str(a6 - 1), "::")
        with self.assertRaises(sockit.AddressValueError):
            sockit.ip_address("255.255.255.255") + 1
        with self.assertRaises(ipaddress.AddressValueError):
            ipaddress.ip_address("255.255.255.255") + 1

    def test_bulk_matches_one_by_one(self):
        rng = random.Random(6724)
        inputs = random_inputs(rng, 20_000)
        parsed = sockit.parse_addresses(inputs, strict=False)
        classes = sockit.classify(inputs)
        self.assertEqual(len(parsed), len(inputs))
        for i, s in enumerate(inputs):
            try:
                one = sockit.ip_address(s)
            except ValueError:
                self.assertIsNone(parsed[i], s)
                self.assertEqual(classes["version"][i], 0, s)
                continue
            self.assertEqual(parsed[i], one, s)
            self.assertEqual(classes["version"][i], one.version, s)
            for key, column in classes.items():
                if key != "version":
                    self.assertEqual(column[i], getattr(one, key), (s, key))
        bad = next(i for i, s in enumerate(inputs) if parsed[i] is None)
        with self.assertRaisesRegex(ValueError, f"item {bad}:"):
            sockit.parse_addresses(inputs)
        with self.assertRaises(TypeError):
            sockit.parse_addresses(["1.2.3.4", 5])


class Networks(unittest.TestCase):
    def test_networks_against_ipaddress(self):
        rng = random.Random(4632)
        inputs = ["::/0", "0.0.0.0/0", "172.17.86.75/12", "10.0.0.0/08", "fe80::%eth0/64", "::ffff:1.2.3.4/120"]
        while len(inputs) < NETWORKS:
            s = random_network(rng)
            inputs.append(s if s is not None else mutate_network(rng, rng.choice(inputs)))
        accepted = rejected = 0
        for s in inputs:
            ref = python_network(s)
            if ref is None:
                with self.assertRaises(ValueError, msg=f"we accept {s!r}, ipaddress rejects it") as caught:
                    sockit.ip_network(s, strict=False)
                self.assertIs(type(caught.exception), ValueError, s)
                rejected += 1
                continue
            want = expected_network(s, ref)
            rec = network_record(s)
            self.assertEqual({k: rec[k] for k in want if k in rec}, {k: v for k, v in want.items() if k in rec}, s)
            accepted += 1
            if "%" not in s and not s.partition("/")[2].startswith("0"):
                for mine_make, ref_make in ((sockit.ip_network.v4, ipaddress.IPv4Network),
                                            (sockit.ip_network.v6, ipaddress.IPv6Network)):
                    self.assertEqual(exception_name(mine_make, s), exception_name(ref_make, s), s)
        print(f"\n{len(inputs)} networks: {accepted} accepted, {rejected} rejected")
        self.assertGreater(accepted, 12_000)
        self.assertGreater(rejected, 1_000)

    def test_versioned_network_errors(self):
        rng = random.Random(1519)
        inputs = []
        while len(inputs) < 5_000:
            s = random_network(rng) or mutate_network(rng, rng.choice(inputs) if inputs else "10.0.0.0/8")
            inputs.append(s)
        checked = 0
        for s in inputs:
            prefix = s.partition("/")[2]
            if "%" in s or (prefix.isdigit() and len(prefix) > 1 and prefix[0] == "0"):
                continue
            for mine_make, ref_make in ((sockit.ip_network.v4, ipaddress.IPv4Network),
                                        (sockit.ip_network.v6, ipaddress.IPv6Network)):
                self.assertEqual(exception_name(mine_make, s), exception_name(ref_make, s), s)
                checked += 1
        self.assertGreater(checked, 8_000)

    def test_methods_against_ipaddress(self):
        rng = random.Random(4291)
        for _ in range(2_000):
            a, b = same_family_pair(rng)
            ma, mb = mine(a), mine(b)
            self.assertEqual(ma.overlaps(mb), a.overlaps(b), (a, b))
            self.assertEqual(ma.subnet_of(mb), a.subnet_of(b), (a, b))
            self.assertEqual(ma.supernet_of(mb), a.supernet_of(b), (a, b))
            self.assertEqual(ma < mb, a < b, (a, b))
            self.assertEqual(ma == mb, a == b, (a, b))
            self.assertEqual(mb.network_address in ma, b.network_address in a, (a, b))
            self.assertEqual(cnet(a.supernet()), str(ma.supernet()), a)
            diff = rng.randint(0, min(4, a.max_prefixlen - a.prefixlen))
            self.assertEqual(cstrs(a.subnets(prefixlen_diff=diff)), strs(ma.subnets(prefixlen_diff=diff)), a)
            if a.prefixlen + diff <= a.max_prefixlen and a.prefixlen < a.max_prefixlen:
                self.assertEqual(strs(ma.subnets(new_prefix=a.prefixlen + diff)), strs(ma.subnets(prefixlen_diff=diff)))
            if b.subnet_of(a):
                self.assertEqual(strs(ma.address_exclude(mb)), cstrs(a.address_exclude(b)), (a, b))
            else:
                self.assertEqual(exception_name(lambda x: list(ma.address_exclude(x)), mb),
                                 exception_name(lambda x: list(a.address_exclude(x)), b))
            self.assertEqual(strs(sockit.collapse_addresses([ma, mb])), cstrs(ipaddress.collapse_addresses([a, b])))
            lo, hi = sorted((a.network_address, b.broadcast_address))
            self.assertEqual(strs(sockit.summarize_address_range(sockit.ip_address(str(lo)), sockit.ip_address(str(hi)))),
                             cstrs(ipaddress.summarize_address_range(lo, hi)), (lo, hi))
            if a.num_addresses <= 64:
                self.assertEqual(strs(ma.hosts()), strs(a.hosts()), a)
                self.assertEqual(strs(ma), strs(a), a)
            self.assertEqual(str(ma[-1]), str(a[-1]))
            self.assertEqual(str(ma[0]), str(a[0]))

    def test_errors_across_versions_and_bad_arguments(self):
        n4, n6 = ("10.0.0.0/8", "::/64")
        cases = [
            lambda m, N: N(n4) < N(n6),
            lambda m, N: N(n4).subnet_of(N(n6)),
            lambda m, N: N(n4).supernet_of(N(n6)),
            lambda m, N: list(N(n4).address_exclude(N(n6))),
            lambda m, N: list(N(n4).address_exclude(N("11.0.0.0/8"))),
            lambda m, N: list(m.collapse_addresses([N(n4), N(n6)])),
            lambda m, N: list(m.summarize_address_range(m.ip_address("1.2.3.4"), m.ip_address("::1"))),
            lambda m, N: list(m.summarize_address_range(m.ip_address("1.2.3.4"), m.ip_address("1.2.3.3"))),
            lambda m, N: list(m.summarize_address_range(N(n4), N(n4))),
            lambda m, N: list(N(n4).subnets(prefixlen_diff=30)),
            lambda m, N: list(N(n4).subnets(new_prefix=4)),
            lambda m, N: list(N(n4).subnets(prefixlen_diff=2, new_prefix=12)),
            lambda m, N: N(n4).supernet(prefixlen_diff=9),
            lambda m, N: N(n4).supernet(new_prefix=9),
            lambda m, N: N(n4)[2**24],
            lambda m, N: N("10.0.0.1/8"),
        ]
        for i, case in enumerate(cases):
            self.assertEqual(exception_name(lambda _: case(sockit, sockit.ip_network), None),
                             exception_name(lambda _: case(ipaddress, ipaddress.ip_network), None), i)
        self.assertFalse(sockit.ip_network(n4).overlaps(sockit.ip_network(n6)))
        self.assertFalse(sockit.ip_address("::1") in sockit.ip_network(n4))
        self.assertEqual(str(sockit.ip_network("0.0.0.0/0").supernet()), "0.0.0.0/0")
        self.assertEqual(sockit.ip_network("::/0").num_addresses, 2**128)
        self.assertEqual(str(sockit.ip_network(("192.0.2.0", 24))), "192.0.2.0/24")
        self.assertEqual(str(sockit.ip_network(("192.0.2.0", "255.255.255.0"))), "192.0.2.0/24")


if __name__ == "__main__":
    unittest.main()
