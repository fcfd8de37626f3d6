#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Writes a pcap of N mixed Ethernet frames for the decode benchmark: TCP handshakes and data, UDP/DNS, ICMP,
# ICMPv6/NDP, ARP, VLAN-tagged and IPv6 extension-header packets, built once with scapy and repeated with
# advancing timestamps. Usage: gen_pcap.py OUT.pcap [N]
import struct
import sys

from scapy.all import (ARP, DNS, DNSQR, ICMP, IP, TCP, UDP, Dot1Q, Ether, ICMPv6EchoRequest, ICMPv6ND_NS,
                       ICMPv6NDOptSrcLLAddr, IPv6, IPv6ExtHdrHopByHop, Raw, RouterAlert, raw)


def templates():
    e = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
    v4, w4 = "10.0.0.1", "10.0.0.2"
    v6, w6 = "2001:db8::1", "2001:db8::2"
    out = []
    for port in (40000, 40001, 40002, 40003):
        out += [
            e / IP(src=v4, dst=w4) / TCP(sport=port, dport=80, flags="S", seq=1000,
                                         options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)),
                                                  ("NOP", None), ("WScale", 7)]),
            e / IP(src=w4, dst=v4) / TCP(sport=80, dport=port, flags="SA", seq=5000, ack=1001),
            e / IP(src=v4, dst=w4) / TCP(sport=port, dport=80, flags="A", seq=1001, ack=5001),
            e / IP(src=v4, dst=w4) / TCP(sport=port, dport=80, flags="PA", seq=1001, ack=5001) / Raw(b"x" * 200),
            e / IP(src=w4, dst=v4) / TCP(sport=80, dport=port, flags="PA", seq=5001, ack=1201) / Raw(b"y" * 1400),
            e / IP(src=v4, dst=w4) / TCP(sport=port, dport=80, flags="FA", seq=1201, ack=6401),
        ]
    out += [
        e / IP(src=v4, dst=w4) / UDP(sport=5353, dport=53) / DNS(rd=1, qd=DNSQR(qname="example.org")),
        e / IP(src=w4, dst=v4) / UDP(sport=53, dport=5353) / DNS(qr=1, qd=DNSQR(qname="example.org")),
        e / IP(src=v4, dst=w4) / UDP(sport=9999, dport=8888) / Raw(b"z" * 512),
        e / IP(src=v4, dst=w4) / ICMP(id=1, seq=1) / Raw(b"p" * 56),
        e / IP(src=w4, dst=v4) / ICMP(type=0, id=1, seq=1) / Raw(b"p" * 56),
        e / IPv6(src=v6, dst=w6) / TCP(sport=40010, dport=443, flags="S"),
        e / IPv6(src=v6, dst=w6) / UDP(sport=5353, dport=53) / DNS(qd=DNSQR(qname="example.org", qtype="AAAA")),
        e / IPv6(src=v6, dst=w6) / ICMPv6EchoRequest(id=2, seq=2, data=b"q" * 56),
        e / IPv6(src="fe80::1", dst="ff02::1:ff00:2", hlim=255) / ICMPv6ND_NS(tgt="fe80::2") /
        ICMPv6NDOptSrcLLAddr(lladdr="02:00:00:00:00:01"),
        e / IPv6(src=v6, dst=w6) / IPv6ExtHdrHopByHop(options=[RouterAlert()]) / UDP(sport=1, dport=2) / Raw(b"h"),
        Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff") / ARP(psrc=v4, pdst=w4, hwsrc="02:00:00:00:00:01"),
        e / Dot1Q(vlan=100) / IP(src=v4, dst=w4) / UDP(sport=1000, dport=2000) / Raw(b"v" * 64),
    ]
    return [raw(p) for p in out]


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    frames = templates()
    records = [struct.pack("<II", len(f), len(f)) + f for f in frames]
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        chunk = []
        base = 1700000000
        for i in range(n):
            usec = i * 37  # ~27,000 packets per second of capture time
            chunk.append(struct.pack("<II", base + usec // 1000000, usec % 1000000))
            chunk.append(records[i % len(records)])
            if len(chunk) >= 20000:
                out.write(b"".join(chunk))
                chunk = []
        out.write(b"".join(chunk))


if __name__ == "__main__":
    main()
