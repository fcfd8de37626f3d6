#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The reference side of sockit's DNS codec differential tests: dnspython decodes what sockit encoded and
# encodes messages for sockit to decode, each message summarised as one "dump" line (see dump()).
#   dnspython_oracle.py decode FILE      each line of FILE is a message in hex; prints its dump or "ERROR <why>"
#   dnspython_oracle.py generate SEED N  prints N lines "HEX<TAB>DUMP" of random messages dnspython built
#   dnspython_oracle.py totext FILE      each line "NAMEHEX TTL CLASS TYPE RDATAHEX"; prints dnspython's rrset to_text()
#   dnspython_oracle.py mnemonics        prints "type N TEXT", "class N TEXT", "rcode N TEXT" for dnspython's names
import random
import sys

import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset
from dns.rdtypes.ANY.CAA import CAA
from dns.rdtypes.ANY.CNAME import CNAME
from dns.rdtypes.ANY.MX import MX
from dns.rdtypes.ANY.NS import NS
from dns.rdtypes.ANY.PTR import PTR
from dns.rdtypes.ANY.SOA import SOA
from dns.rdtypes.ANY.TXT import TXT
from dns.rdtypes.IN.A import A
from dns.rdtypes.IN.AAAA import AAAA
from dns.rdtypes.IN.SRV import SRV


def rdata_text(rd):
    """The RDATA as sockit prints it: dnspython's to_text(), except unknown types in dig's layout
    (uppercase hex in 56-digit words) where dnspython uses lowercase 32-digit words."""
    if isinstance(rd, dns.rdata.GenericRdata):
        hx = rd.data.hex().upper()
        words = " ".join(hx[i:i + 56] for i in range(0, len(hx), 56))
        return f"\\# {len(rd.data)}" + (f" {words}" if rd.data else "")
    return rd.to_text()


def dump(m):
    """One line: header, then every question and record in order, then EDNS; fields numeric where the
    two sides could name things differently."""
    parts = [f"id={m.id} flags={int(m.flags)}"]
    for rrset in m.question:
        parts.append(f"Q {rrset.name.to_text()} {int(rrset.rdclass)} {int(rrset.rdtype)}")
    for tag, section in (("AN", m.answer), ("NS", m.authority), ("AR", m.additional)):
        for rrset in section:
            for rd in rrset:
                parts.append(f"{tag} {rrset.name.to_text()} {rrset.ttl} {int(rrset.rdclass)} {int(rrset.rdtype)} "
                             f"{rdata_text(rd)}")
    if m.opt is not None:
        ttl = m.opt.ttl
        opts = ",".join(f"{int(o.otype)}:{o.to_wire().hex()}" for o in m.opt[0].options)
        parts.append(f"EDNS payload={m.opt[0].rdclass} ext={ttl >> 24} version={(ttl >> 16) & 0xFF} "
                     f"flags={ttl & 0xFFFF} opts={opts}")
    return " | ".join(parts)


def decode(path):
    with open(path) as f:
        for line in f:
            wire = bytes.fromhex(line.strip())
            try:
                m = dns.message.from_wire(wire, one_rr_per_rrset=True)
            except Exception as e:  # the C++ side reports which message dnspython refused and why
                print(f"ERROR {type(e).__name__}: {e}")
                continue
            print(dump(m))


def random_name(rng, suffixes):
    if suffixes and rng.random() < 0.6:
        base = rng.choice(suffixes)
    else:
        base = dns.name.root
    labels = []
    for _ in range(rng.randint(0 if base != dns.name.root else 1, 3)):
        kind = rng.random()
        if kind < 0.6:
            alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
            labels.append(bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
        else:
            labels.append(bytes(rng.randrange(256) for _ in range(rng.randint(1, 20))))
    try:
        n = dns.name.Name(labels).concatenate(base)
    except dns.name.NameTooLong:
        n = base
    suffixes.append(n)
    return n


def random_rdata(rng, names):
    IN, CH = dns.rdataclass.IN, dns.rdataclass.CH
    kind = rng.randrange(11)
    if kind == 0:
        return IN, A(IN, dns.rdatatype.A, ".".join(str(rng.randrange(256)) for _ in range(4)))
    if kind == 1:
        raw = bytes(rng.randrange(256) if rng.random() < 0.5 else 0 for _ in range(16))
        return IN, AAAA(IN, dns.rdatatype.AAAA, dns.ipv6.inet_ntoa(raw))
    if kind == 2:
        return IN, CNAME(IN, dns.rdatatype.CNAME, random_name(rng, names))
    if kind == 3:
        return IN, NS(IN, dns.rdatatype.NS, random_name(rng, names))
    if kind == 4:
        return IN, PTR(IN, dns.rdatatype.PTR, random_name(rng, names))
    if kind == 5:
        return IN, MX(IN, dns.rdatatype.MX, rng.randrange(65536), random_name(rng, names))
    if kind == 6:
        cls = rng.choice([IN, CH])
        strings = [bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 5, 40, 255])))
                   for _ in range(rng.randint(1, 4))]
        return cls, TXT(cls, dns.rdatatype.TXT, strings)
    if kind == 7:
        return IN, SOA(IN, dns.rdatatype.SOA, random_name(rng, names), random_name(rng, names),
                       *(rng.randrange(1 << 32) for _ in range(5)))
    if kind == 8:
        return IN, SRV(IN, dns.rdatatype.SRV, rng.randrange(65536), rng.randrange(65536), rng.randrange(65536),
                       random_name(rng, names))
    if kind == 9:
        tag = bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rng.randint(1, 15)))
        value = bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
        return IN, CAA(IN, dns.rdatatype.CAA, rng.randrange(256), tag, value)
    cls = rng.choice([IN, CH, 4321])
    rdtype = rng.randint(65280, 65534)
    return cls, dns.rdata.GenericRdata(cls, rdtype, bytes(rng.randrange(256) for _ in range(rng.randint(0, 70))))


def generate(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        m = dns.message.Message(id=rng.randrange(65536))
        opcode = rng.choice([0, 0, 0, 1, 2, 4])
        m.flags = dns.flags.Flag((rng.randrange(65536) & ~0x7800) | (opcode << 11))
        names = []
        for _ in range(rng.randint(0, 2)):
            m.question.append(dns.rrset.RRset(random_name(rng, names), dns.rdataclass.IN,
                                              rng.choice([1, 28, 15, 16, 255, 65300])))
        for section in (m.answer, m.authority, m.additional):
            for _ in range(rng.randint(0, 4)):
                cls, rd = random_rdata(rng, names)
                rrset = dns.rrset.RRset(random_name(rng, names), cls, rd.rdtype)
                rrset.add(rd, rng.randrange(1 << 31))
                section.append(rrset)
        if rng.random() < 0.5:
            options = [dns.edns.GenericOption(rng.choice([3, 10, 12, 65001]), bytes(rng.randrange(256)
                                              for _ in range(rng.randint(0, 12)))) for _ in range(rng.randint(0, 2))]
            m.use_edns(rng.randrange(256), (rng.randrange(65536)), rng.randrange(65536), options=options)
            m.opt.ttl = (m.opt.ttl & 0x00FFFFFF) | (rng.randrange(256) << 24)  # extended rcode bits
        wire = m.to_wire()
        # The dump comes from dnspython's own decoding of what it wrote (its compression may fold case).
        print(f"{wire.hex()}\t{dump(dns.message.from_wire(wire, one_rr_per_rrset=True))}")


def totext(path):
    with open(path) as f:
        for line in f:
            name_hex, ttl, rdclass, rdtype, rdata_hex = (line.split() + [""])[:5]
            name = dns.name.from_wire(bytes.fromhex(name_hex), 0)[0]
            rd = dns.rdata.from_wire(int(rdclass), int(rdtype), bytes.fromhex(rdata_hex), 0, len(rdata_hex) // 2)
            rrset = dns.rrset.RRset(name, int(rdclass), int(rdtype))
            rrset.add(rd, int(ttl))
            print(rrset.to_text())


def mnemonics():
    for v in range(65536):
        t = dns.rdatatype.to_text(v)
        if not t.startswith("TYPE"):
            print(f"type {v} {t}")
    for v in range(65536):
        c = dns.rdataclass.to_text(v)
        if not c.startswith("CLASS"):
            print(f"class {v} {c}")
    for v in range(4096):
        r = dns.rcode.to_text(v)
        if not r.isdigit():
            print(f"rcode {v} {r}")


if __name__ == "__main__":
    if sys.argv[1] == "decode":
        decode(sys.argv[2])
    elif sys.argv[1] == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "totext":
        totext(sys.argv[2])
    elif sys.argv[1] == "mnemonics":
        mnemonics()
    else:
        sys.exit(f"usage: {sys.argv[0]} decode FILE | generate SEED N | totext FILE | mnemonics")
