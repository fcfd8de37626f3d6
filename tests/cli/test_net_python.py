# SPDX-License-Identifier: MIT
# Differential test: `sockit net --json` against Python's ipaddress network math over 30,000 random and
# mutated networks (acceptance, network, masks, broadcast, first/last host, size, host bits), plus
# membership, subnets, supernet, collapse and summarize on random cases.
#
# Intended differences from ipaddress (3.11), checked as such:
#  * a prefix length with a leading zero ("/08") is rejected (Python reads 8);
#  * zones are not part of networks ("fe80::%eth0/64" is rejected; Python keeps the zone);
#  * IPv4-mapped addresses print as ::ffff:a.b.c.d (RFC 5952 5, CPython 3.13), not 3.11's hex.
# first_host/last_host follow Python's hosts(): for networks too big to enumerate, the last host is taken
# from Python's hosts() of the network's last /30 (IPv4) or /126 (IPv6), which ends the same way.
import ipaddress
import json
import random
import unittest

from sockit_test import EX_OK, compare_with_reference, mutate_text, run, run_json_batch


def canon(a):
    if a.version == 6 and a.ipv4_mapped is not None:
        return "::ffff:" + str(a.ipv4_mapped)
    return str(a)


def cnet(n):
    return f"{canon(n.network_address)}/{n.prefixlen}"


def first_last(n):
    if n.num_addresses <= 1024:
        hosts = list(n.hosts())
        return hosts[0], hosts[-1]
    first = next(iter(n.hosts()))
    tail = ipaddress.ip_network((int(n.broadcast_address) & ~(3 if n.version == 4 else 3), 30 if n.version == 4 else 126))
    return first, list(tail.hosts())[-1]


def python_network(s):
    try:
        n = ipaddress.ip_network(s, strict=False)
    except ValueError:
        return None
    prefix = s.partition("/")[2]
    if prefix.isdigit() and len(prefix) > 1 and prefix[0] == "0":
        return None  # documented: no leading zeros in a prefix length
    if "%" in s:
        return None  # documented: no zones in networks
    return n


def expected(s, n):
    first, last = first_last(n)
    iface = ipaddress.ip_interface(s)
    return {
        "network": cnet(n),
        "version": n.version,
        "prefixlen": n.prefixlen,
        "netmask": canon(n.netmask),
        "hostmask": canon(n.hostmask),
        "broadcast_address": canon(n.broadcast_address),
        "first_host": canon(first),
        "last_host": canon(last),
        "num_addresses": str(n.num_addresses),
        "host_bits_set": iface.ip != n.network_address,
        "address": canon(iface.ip),
    }


def random_network(rng):
    kind = rng.randrange(10)
    if kind < 4:
        return f"{ipaddress.IPv4Address(rng.getrandbits(32))}/{rng.randint(0, 32)}"
    if kind < 5:
        prefix = rng.randint(0, 32)
        mask = ipaddress.IPv4Network(f"0.0.0.0/{prefix}").netmask
        if rng.random() < 0.3:
            mask = ipaddress.IPv4Network(f"0.0.0.0/{prefix}").hostmask
        return f"{ipaddress.IPv4Address(rng.getrandbits(32))}/{mask}"
    if kind < 8:
        return f"{ipaddress.IPv6Address(rng.getrandbits(128) >> rng.randrange(128))}/{rng.randint(0, 128)}"
    if kind < 9:
        return str(ipaddress.ip_address(rng.getrandbits(32) if rng.random() < 0.5 else rng.getrandbits(128)))
    return None


def mutate(rng, s):
    suffixes = ("/0", "/08", "/33", "/129", "/255.255.0.0", "/0.0.255.255", "/255.0.255.0")
    return mutate_text(rng, s, "0123456789abcdef:./%x 0", 2, (lambda rng, s, pos: s + rng.choice(suffixes),))


def sockit_each(inputs):
    """Runs `sockit net --each --json -- INPUTS` (in chunks) and returns the records in order."""
    return run_json_batch(["net", "--each"], inputs, 5000)


def reference(s):
    """The fields `sockit net --each` must print for s, by Python's ipaddress; None when it rejects s."""
    n = python_network(s)
    return None if n is None else expected(s, n)


class AgainstPython(unittest.TestCase):
    def test_network_math(self):
        rng = random.Random(4632)
        inputs = []
        while len(inputs) < 30000:
            s = random_network(rng)
            inputs.append(s if s is not None else mutate(rng, rng.choice(inputs) if inputs else "10.0.0.0/8"))
        inputs += ["::/0", "0.0.0.0/0", "172.17.86.75/12", "10.0.0.0/08", "fe80::%eth0/64", "::ffff:1.2.3.4/120"]
        accepted, rejected = compare_with_reference(self, inputs, sockit_each(inputs), reference)
        print(f"\nnet vs Python ipaddress: {len(inputs)} networks, {accepted} accepted, {rejected} rejected")
        self.assertGreater(accepted, 20000)
        self.assertGreater(rejected, 1000)

    def test_brackets(self):
        # Python refuses a network or address in brackets, and so must sockit, one record per argument.
        inputs = ["[::1]/128", "[::1/128]", "[10.0.0.0/8]", "[10.0.0.0/8,::/0]", "[10.0.0.1]", "[fe80::/64]", "[]"]
        self.assertEqual(compare_with_reference(self, inputs, sockit_each(inputs), reference), (0, len(inputs)))

    def test_membership(self):
        rng = random.Random(1918)
        for _ in range(40):
            v6 = rng.random() < 0.5
            bits = 128 if v6 else 32
            n = ipaddress.ip_network((ipaddress.IPv6Address(rng.getrandbits(128)) if v6 else
                                      ipaddress.IPv4Address(rng.getrandbits(32)), rng.randint(0, bits)), strict=False)
            inside = int(n.network_address) + rng.randrange(n.num_addresses)
            members = [ipaddress.IPv6Address(inside) if v6 else ipaddress.IPv4Address(inside),
                       ipaddress.IPv6Address(rng.getrandbits(128)) if v6 else ipaddress.IPv4Address(rng.getrandbits(32)),
                       n.network_address, n.broadcast_address]
            args = [str(m) for m in members]
            sub = list(n.subnets(prefixlen_diff=min(2, bits - n.prefixlen)))[-1]
            args.append(str(sub))
            rec = json.loads(run("net", "--json", str(n), *args, check=EX_OK).stdout)
            got = [c["inside"] for c in rec["contains"]]
            want = [m in n for m in members] + [sub.subnet_of(n)]
            self.assertEqual(got, want, f"{n} {args}")

    def test_subnets_and_supernet(self):
        rng = random.Random(950)
        for _ in range(40):
            v6 = rng.random() < 0.5
            bits = 128 if v6 else 32
            n = ipaddress.ip_network((ipaddress.IPv6Address(rng.getrandbits(bits)), rng.randint(1, bits)) if v6 else
                                     (ipaddress.IPv4Address(rng.getrandbits(32)), rng.randint(1, bits)), strict=False)
            diff = rng.randint(0, min(5, bits - n.prefixlen))
            rec = json.loads(run("net", "--json", str(n), "--subnets", f"+{diff}", "--supernet", check=EX_OK).stdout)
            self.assertEqual(rec["subnets"], [cnet(s) for s in n.subnets(prefixlen_diff=diff)], str(n))
            self.assertEqual(rec["supernet"], cnet(n.supernet()), str(n))

    def test_collapse(self):
        rng = random.Random(4271)
        for _ in range(40):
            v6 = rng.random() < 0.5
            base = rng.getrandbits(128 if v6 else 32) & ~((1 << 12) - 1)
            nets = []
            for _ in range(rng.randint(1, 24)):
                prefix = rng.randint(116 if v6 else 20, 128 if v6 else 32)
                addr = base + rng.getrandbits(12)
                nets.append(ipaddress.ip_network((ipaddress.IPv6Address(addr) if v6 else ipaddress.IPv4Address(addr),
                                                  prefix), strict=False))
            rec = json.loads(run("net", "--json", "--collapse", *map(str, nets), check=EX_OK).stdout)
            self.assertEqual(rec["networks"], [cnet(c) for c in ipaddress.collapse_addresses(nets)], nets)

    def test_summarize(self):
        rng = random.Random(1519)
        for _ in range(40):
            v6 = rng.random() < 0.5
            bits = 128 if v6 else 32
            a, b = sorted(rng.getrandbits(bits) >> rng.randrange(bits) for _ in range(2))
            if rng.random() < 0.5:
                b = a + rng.getrandbits(rng.randint(0, 20))
                b = min(b, 2**bits - 1)
            make = ipaddress.IPv6Address if v6 else ipaddress.IPv4Address
            first, last = make(a), make(b)
            rec = json.loads(run("net", "--json", "--summarize", str(first), str(last), check=EX_OK).stdout)
            self.assertEqual(rec["networks"], [cnet(s) for s in ipaddress.summarize_address_range(first, last)],
                             f"{first} - {last}")


if __name__ == "__main__":
    unittest.main()
