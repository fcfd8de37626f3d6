# SPDX-License-Identifier: MIT
# Differential test: `sockit addr --json` against Python's ipaddress over 70,000 random, edge-case and
# mutated inputs (acceptance, canonical text, exploded, integer, reverse pointer, predicates, 6to4, Teredo).
#
# The local Python is 3.11. Where 3.11 predates the behaviour the issue asks for, the reference is the
# issue's own table (written out below from the IANA special-purpose registries as CPython 3.13 has them):
#  * is_private / is_global: REF_NOT_GLOBAL_* below, not 3.11's older lists;
#  * an IPv4-mapped address is printed ::ffff:a.b.c.d and judged by its IPv4 address for every predicate
#    but is_site_local (3.11 prints ::ffff:7f00:1 and judges the IPv6 value);
# Intended differences from ipaddress itself:
#  * zones: we accept 1-15 printable ASCII characters other than '%', '/', '[', ']' (IF_NAMESIZE - 1);
#    Python any non-empty text without '%'. Inputs with a zone are compared on the address part, and the
#    zone is checked against our rule;
#  * Python 3.11 raises on exploded/reverse_pointer of a zoned address; we print the zone in exploded and
#    leave it out of the reverse pointer, so those are compared without the zone.
import ipaddress
import random
import unittest

from sockit_test import compare_with_reference, mutate_text, run_json_batch

N = lambda s: ipaddress.ip_network(s)
REF_NOT_GLOBAL_V4 = [N(s) for s in (
    "0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
    "192.0.0.170/31", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "240.0.0.0/4", "255.255.255.255/32")]
REF_GLOBAL_EXCEPTIONS_V4 = [N("192.0.0.9/32"), N("192.0.0.10/32")]
REF_SHARED_V4 = N("100.64.0.0/10")
REF_NOT_GLOBAL_V6 = [N(s) for s in (
    "::1/128", "::/128", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
    "2002::/16", "3fff::/20", "fc00::/7", "fe80::/10")]
REF_GLOBAL_EXCEPTIONS_V6 = [N(s) for s in (
    "2001:1::1/128", "2001:1::2/128", "2001:3::/32", "2001:4:112::/48", "2001:20::/28", "2001:30::/28")]
DOC = [N(s) for s in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20")]
ULA = N("fc00::/7")

PREDICATES = ("is_private", "is_global", "is_loopback", "is_link_local", "is_multicast", "is_reserved",
              "is_unspecified", "is_site_local", "is_documentation", "is_shared", "is_unique_local")


def ref_private(a):
    if a.version == 6 and a.ipv4_mapped is not None:
        return ref_private(a.ipv4_mapped)
    nets, exc = (REF_NOT_GLOBAL_V4, REF_GLOBAL_EXCEPTIONS_V4) if a.version == 4 else \
        (REF_NOT_GLOBAL_V6, REF_GLOBAL_EXCEPTIONS_V6)
    return any(a in n for n in nets) and not any(a in n for n in exc)


def ref_global(a):
    if a.version == 6 and a.ipv4_mapped is not None:
        return ref_global(a.ipv4_mapped)
    if a.version == 4 and a in REF_SHARED_V4:
        return False
    return not ref_private(a)


def canon(a):
    """str(a) with the modern (3.13) printing of IPv4-mapped addresses."""
    if a.version == 6 and a.ipv4_mapped is not None:
        return "::ffff:" + str(a.ipv4_mapped) + (f"%{a.scope_id}" if a.scope_id else "")
    return str(a)


def expected(a):
    """The record `sockit addr --json` should print for address a (a parsed ipaddress object)."""
    bare = ipaddress.ip_address(str(a).split("%")[0])
    judged = bare.ipv4_mapped if bare.version == 6 and bare.ipv4_mapped is not None else bare
    rec = {
        "address": canon(a),
        "version": a.version,
        "exploded": bare.exploded + (f"%{a.scope_id}" if a.version == 6 and a.scope_id else ""),
        "integer": str(int(a)),
        "reverse_pointer": bare.reverse_pointer,
        "is_private": ref_private(bare),
        "is_global": ref_global(bare),
        "is_loopback": judged.is_loopback,
        "is_link_local": judged.is_link_local,
        "is_multicast": judged.is_multicast,
        "is_reserved": judged.is_reserved,
        "is_unspecified": judged.is_unspecified,
        "is_site_local": bare.version == 6 and bare.is_site_local,
        "is_documentation": any(judged in n for n in DOC),
        "is_shared": judged.version == 4 and judged in REF_SHARED_V4,
        "is_unique_local": bare.version == 6 and bare in ULA,
        "ipv4_mapped": str(bare.ipv4_mapped) if bare.version == 6 and bare.ipv4_mapped else None,
        "ipv6_mapped": f"::ffff:{a}" if a.version == 4 else None,
        "sixtofour": str(bare.sixtofour) if bare.version == 6 and bare.sixtofour else None,
        "teredo": ({"server": str(bare.teredo[0]), "client": str(bare.teredo[1])}
                   if bare.version == 6 and bare.teredo else None),
        "scope_id": a.scope_id if a.version == 6 else None,
    }
    return rec


def zone_ok(z):
    return 1 <= len(z) <= 15 and all(0x20 < ord(c) < 0x7f and c not in "%/[]" for c in z)


def python_parse(s):
    """Python's verdict, adjusted for our zone rule: the address object or None."""
    try:
        a = ipaddress.ip_address(s)
    except ValueError:
        return None
    if a.version == 6 and a.scope_id is not None and not zone_ok(a.scope_id):
        return None
    return a


EDGES_V4 = REF_NOT_GLOBAL_V4 + REF_GLOBAL_EXCEPTIONS_V4 + [REF_SHARED_V4] + [
    N(s) for s in ("224.0.0.0/4", "169.254.0.0/16", "127.0.0.0/8")]
EDGES_V6 = REF_NOT_GLOBAL_V6 + REF_GLOBAL_EXCEPTIONS_V6 + [N(s) for s in (
    "ff00::/8", "fe80::/10", "fec0::/10", "fc00::/7", "2002::/16", "2001::/32", "::/8", "100::/8", "200::/7",
    "400::/6", "800::/5", "1000::/4", "4000::/3", "6000::/3", "8000::/3", "a000::/3", "c000::/3", "e000::/4",
    "f000::/5", "f800::/6", "fe00::/9")]


def edge_inputs():
    """Every special range's first and last address, one step outside each, and the mapped forms."""
    out = []
    for nets, top in ((EDGES_V4, 2**32 - 1), (EDGES_V6, 2**128 - 1)):
        for n in nets:
            first, last = int(n.network_address), int(n.broadcast_address)
            for v in (first, last, first - 1, last + 1):
                if 0 <= v <= top:
                    a = ipaddress.ip_address(v) if top > 2**32 else ipaddress.IPv4Address(v)
                    out.append(str(a))
                    if a.version == 4:
                        out.append(f"::ffff:{a}")
    return out


def random_inputs(rng, count):
    out = []
    for i in range(count):
        kind = rng.randrange(10)
        if kind < 3:
            out.append(str(ipaddress.IPv4Address(rng.getrandbits(32))))
        elif kind < 6:
            groups = [0 if rng.random() < 0.4 else rng.getrandbits(rng.choice((4, 8, 16))) for _ in range(8)]
            if rng.random() < 0.1:
                groups[:6] = [0, 0, 0, 0, 0, 0xffff]
            if rng.random() < 0.05:
                groups[:3] = [0x2001, 0, rng.getrandbits(16)]
            if rng.random() < 0.05:
                groups[0] = 0x2002
            if rng.random() < 0.05:
                groups[0] = 0xff00 | rng.getrandbits(8)
            text = ":".join(f"{g:x}" for g in groups)
            out.append(str(ipaddress.IPv6Address(text)) if rng.random() < 0.7 else text.upper())
        elif kind < 7:
            out.append(f"::ffff:{ipaddress.IPv4Address(rng.getrandbits(32))}")
        else:
            out.append(mutate(rng, rng.choice(out) if out else "1.2.3.4"))
    return out


def mutate(rng, s):
    return mutate_text(rng, s, "0123456789abcdefABCDEF:.%/ xg-", 3, (
        lambda rng, s, pos: s[:pos] + "%" + "".join(rng.choice("abceth0123") for _ in range(rng.randint(0, 17))),
        lambda rng, s, pos: s[:pos] + rng.choice(("::", ".0", "0", ":0")) + s[pos:],
    ))


def sockit_addr(inputs):
    """Runs `sockit addr --json -- INPUTS` (in chunks) and returns the records in order."""
    return run_json_batch(["addr"], inputs, 8000)


def reference(s):
    """The fields `sockit addr` must print for s, by Python's ipaddress; None when Python rejects s."""
    a = python_parse(s)
    return None if a is None else expected(a)


class AgainstPython(unittest.TestCase):
    def compare(self, inputs):
        return compare_with_reference(self, inputs, sockit_addr(inputs), reference)

    def test_edges_of_every_special_range(self):
        inputs = edge_inputs()
        accepted, _ = self.compare(inputs)
        self.assertEqual(accepted, len(inputs))
        self.assertGreater(accepted, 300)

    def test_random_and_mutated(self):
        rng = random.Random(5952)
        inputs = random_inputs(rng, 70000)
        accepted, rejected = self.compare(inputs)
        print(f"\naddr vs Python ipaddress: {len(inputs)} inputs, {accepted} accepted, {rejected} rejected")
        self.assertGreater(accepted, 40000)
        self.assertGreater(rejected, 5000)

    def test_brackets(self):
        # Python refuses an address in brackets, and so must sockit: one record per argument, as typed
        # (the argument parser must not read "[a,b]" as a list).
        inputs = [f"[{s}]" for s in ("::1", "1.2.3.4", "fe80::1%eth0", "::ffff:1.2.3.4", "1.2.3.4,::1", "")]
        inputs += ["[::1", "::1]", "1.2.3.4]", "[[::1]]"]
        self.assertEqual(self.compare(inputs), (0, len(inputs)))

    def test_seed_examples(self):
        # Rows: (input, canonical, a predicate that must hold)
        rows = [
            ("2001:0db8:0000:0000:03e0:0000:18a7:8223", "2001:db8::3e0:0:18a7:8223", "is_documentation"),  # seed 002
            ("127.0.0.1", "127.0.0.1", "is_loopback"),                  # seed 000
            ("::1", "::1", "is_loopback"),                              # seed 000
            ("169.254.10.20", "169.254.10.20", "is_link_local"),        # seed 000: 169.254.x.x
            ("feb0::1", "feb0::1", "is_link_local"),                    # seed 000: FE80..FEB0
            ("239.1.2.3", "239.1.2.3", "is_multicast"),                 # seed 000: 224-239
            ("ff05::2", "ff05::2", "is_multicast"),                     # seed 000: FF...
            ("172.31.0.1", "172.31.0.1", "is_private"),                 # seed 000: 172.16-31
            ("fd12:3456:789a::1", "fd12:3456:789a::1", "is_unique_local"),  # seed 002: fd00::/8
            ("::ffff:127.0.0.1", "::ffff:127.0.0.1", "is_loopback"),    # mapped: judged by its IPv4 address
        ]
        records = sockit_addr([r[0] for r in rows])
        for (s, canonical, pred), rec in zip(rows, records):
            self.assertEqual(rec["address"], canonical, s)
            self.assertTrue(rec[pred], f"{s} {pred}")


if __name__ == "__main__":
    unittest.main()
