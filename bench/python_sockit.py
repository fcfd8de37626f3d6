#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# `import sockit` against the Python libraries it replaces, in one process: ip_address + 5 predicates per
# call vs ipaddress, parse_addresses of 1,000,000 strings vs a list comprehension over ipaddress, and
# decode_pcap of a capture vs scapy's rdpcap and vs dpkt, each reading the same fields of every packet.
# Prints `case | sockit | peer | ratio` (CPU seconds of this process; ratio = peer / sockit, higher is
# faster). Usage: python_sockit.py PCAP [ADDRESSES]   (PYTHONPATH must reach the built sockit package)
import ipaddress
import random
import socket
import sys
import time

import sockit

PREDICATES = ("is_private", "is_global", "is_loopback", "is_multicast", "is_link_local")


def cpu(fn, repeat=1):
    """The least CPU time of `repeat` runs of fn() (this process, user + system)."""
    best = None
    for _ in range(repeat):
        start = time.process_time()
        fn()
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return max(best, 1e-9)


def addresses(count, rng):
    """count address strings: 70% IPv4, 30% IPv6, some of each in special ranges."""
    out = []
    for _ in range(count):
        if rng.random() < 0.7:
            out.append(str(ipaddress.IPv4Address(rng.getrandbits(32))))
        else:
            out.append(str(ipaddress.IPv6Address((0x2001 << 112) | rng.getrandbits(100))))
    return out


def address_with_predicates(make, texts):
    def run():
        for s in texts:
            a = make(s)
            a.is_private, a.is_global, a.is_loopback, a.is_multicast, a.is_link_local
    return run


def sockit_fields(path):
    def run():
        n = 0
        for p in sockit.decode_pcap(path):
            for layer in p["layers"]:
                ip = layer.get("ip") or layer.get("ipv6")
                if ip:
                    n += len(ip["src"]) + len(ip["dst"])
                transport = layer.get("tcp") or layer.get("udp")
                if transport:
                    n += transport["srcport"] + transport["dstport"]
        return n
    return run


def scapy_fields(path):
    from scapy.all import IP, TCP, UDP, IPv6, rdpcap

    def run():
        n = 0
        for p in rdpcap(path):
            ip = p.getlayer(IP) or p.getlayer(IPv6)
            if ip is not None:
                n += len(ip.src) + len(ip.dst)
            transport = p.getlayer(TCP) or p.getlayer(UDP)
            if transport is not None:
                n += transport.sport + transport.dport
        return n
    return run


def dpkt_fields(path):
    import dpkt

    def run():
        n = 0
        with open(path, "rb") as f:
            for _, buf in dpkt.pcap.Reader(f):
                layer = dpkt.ethernet.Ethernet(buf).data
                if isinstance(layer, (dpkt.ip.IP, dpkt.ip6.IP6)):
                    family = socket.AF_INET if isinstance(layer, dpkt.ip.IP) else socket.AF_INET6
                    n += len(socket.inet_ntop(family, layer.src)) + len(socket.inet_ntop(family, layer.dst))
                    layer = layer.data
                    if isinstance(layer, (dpkt.tcp.TCP, dpkt.udp.UDP)):
                        n += layer.sport + layer.dport
        return n
    return run


def row(case, mine, theirs):
    print(f"{case:44} | {mine:9.3f} s | {theirs:9.3f} s | {theirs / mine:7.1f}x", flush=True)


def main():
    pcap = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(1918)
    texts = addresses(count, rng)
    per_call = texts[:100_000]
    print(f"{'case':44} | {'sockit':>11} | {'peer':>11} | ratio (peer/sockit, CPU)")
    row(f"ip_address + 5 predicates x{len(per_call)} vs ipaddress",
        cpu(address_with_predicates(sockit.ip_address, per_call), 3),
        cpu(address_with_predicates(ipaddress.ip_address, per_call), 1))
    row(f"parse_addresses x{len(texts)} vs [ip_address(s)]",
        cpu(lambda: sockit.parse_addresses(texts), 3),
        cpu(lambda: [ipaddress.ip_address(s) for s in texts], 1))
    row(f"classify x{len(texts)} vs ipaddress + 5 predicates",
        cpu(lambda: sockit.classify(texts), 3),
        cpu(address_with_predicates(ipaddress.ip_address, texts), 1))
    mine = sockit_fields(pcap)
    assert mine() == dpkt_fields(pcap)(), "sockit and dpkt read different fields"
    sockit_time = cpu(mine, 3)
    row("decode_pcap + fields vs dpkt", sockit_time, cpu(dpkt_fields(pcap), 1))
    row("decode_pcap + fields vs scapy rdpcap", sockit_time, cpu(scapy_fields(pcap), 1))


if __name__ == "__main__":
    main()
