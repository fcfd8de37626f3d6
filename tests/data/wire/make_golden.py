#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Writes the golden captures of the wire tests with scapy: every protocol the decoder knows, on every link
# type it reads (Ethernet, raw IP, PPP, Linux SLL/SLL2, BSD NULL/LOOP). Run: /usr/bin/python3 make_golden.py DIR
import os
import struct
import sys

from scapy.all import (ARP, DLT_EN10MB, ICMP, IP, IPv6, PPP, TCP, UDP, Dot1AD, Dot1Q, Ether, ICMPv6EchoReply,
                       ICMPv6EchoRequest, ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA, ICMPv6ND_Redirect, ICMPv6ND_RS,
                       ICMPv6NDOptMTU, ICMPv6NDOptPrefixInfo, ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr,
                       ICMPv6PacketTooBig, ICMPv6DestUnreach, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, IPOption_RR, Raw, RouterAlert, PadN, DNS, DNSQR,
                       DNSRR, fragment, raw)

MAC_A, MAC_B = "02:00:00:00:00:01", "02:00:00:00:00:02"
V4_A, V4_B = "192.0.2.1", "198.51.100.7"
V6_A, V6_B = "2001:db8::1", "fe80::2"


def network_packets():
    """IPv4/IPv6 packets (no link layer) covering every protocol and option the decoder reads."""
    pkts = [
        IP(src=V4_A, dst=V4_B, ttl=5) / UDP(sport=1234, dport=53) / DNS(rd=1, qd=DNSQR(qname="example.org", qtype="AAAA")),
        IP(src=V4_B, dst=V4_A) / UDP(sport=53, dport=1234) / DNS(qr=1, qd=DNSQR(qname="example.org"),
                                                                 an=DNSRR(rrname="example.org", rdata="192.0.2.80")),
        IP(src=V4_A, dst=V4_B, flags="DF", id=4242, tos=0xb8) /
        TCP(sport=40000, dport=80, flags="S", seq=1000, window=29200,
            options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (123456, 0)), ("NOP", None), ("WScale", 7)]),
        IP(src=V4_B, dst=V4_A) / TCP(sport=80, dport=40000, flags="SA", seq=5000, ack=1001,
                                     options=[("MSS", 1400), ("NOP", None), ("NOP", None), ("SAckOK", b"")]),
        IP(src=V4_A, dst=V4_B) / TCP(sport=40000, dport=80, flags="PA", seq=1001, ack=5001,
                                     options=[("NOP", None), ("NOP", None), ("SAck", (2000, 3000, 4000, 5000))]) /
        Raw(b"GET / HTTP/1.0\r\n\r\n"),
        IP(src=V4_A, dst=V4_B) / TCP(sport=40000, dport=80, flags="FA", seq=1019, ack=5001),
        IP(src=V4_A, dst=V4_B) / TCP(sport=40000, dport=80, flags="R", seq=1020),
        IP(src=V4_A, dst=V4_B) / TCP(sport=1, dport=2, flags=0x1c2, seq=7, urgptr=0),  # NS, CWR, ECE + SYN
        IP(src=V4_A, dst=V4_B) / ICMP(type=8, id=7, seq=1) / Raw(b"ping data 012345"),
        IP(src=V4_B, dst=V4_A) / ICMP(type=0, id=7, seq=1) / Raw(b"ping data 012345"),
        IP(src=V4_B, dst=V4_A) / ICMP(type=3, code=4, nexthopmtu=1400) / IP(src=V4_A, dst=V4_B) / UDP(sport=1, dport=2),
        IP(src=V4_B, dst=V4_A) / ICMP(type=11, code=0) / IP(src=V4_A, dst=V4_B, ttl=1) / UDP(sport=3, dport=33434),
        IP(src=V4_B, dst=V4_A) / ICMP(type=5, code=1, gw="192.0.2.254") / IP(src=V4_A, dst=V4_B) / ICMP(),
        IP(src=V4_A, dst=V4_B, options=[IPOption_RR(routers=["0.0.0.0"] * 2)]) / UDP(sport=9, dport=9) / Raw(b"x"),
        IP(src=V4_A, dst="224.0.0.22", ttl=1, options=[RouterAlert()], proto=2) / Raw(b"\x22\x00\xfa\x02"),
        IP(src=V4_A, dst=V4_B, proto=132) / Raw(b"\x00" * 12),  # an unknown protocol (SCTP) stays data
        IPv6(src=V6_A, dst=V6_B, hlim=64) / UDP(sport=5353, dport=53) / DNS(qd=DNSQR(qname="example.org", qtype="AAAA")),
        IPv6(src=V6_A, dst=V6_B, tc=0x20, fl=0x12345) / TCP(sport=40001, dport=443, flags="S",
                                                           options=[("MSS", 1440), ("WScale", 2)]),
        IPv6(src=V6_A, dst=V6_B) / ICMPv6EchoRequest(id=3, seq=4, data=b"hello"),
        IPv6(src=V6_B, dst=V6_A) / ICMPv6EchoReply(id=3, seq=4, data=b"hello"),
        IPv6(src="fe80::1", dst="ff02::2", hlim=255) / ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr=MAC_A),
        IPv6(src="fe80::2", dst="ff02::1", hlim=255) / ICMPv6ND_RA(M=1, routerlifetime=1800, reachabletime=30000,
                                                                   retranstimer=1000) /
        ICMPv6NDOptSrcLLAddr(lladdr=MAC_B) / ICMPv6NDOptMTU(mtu=1500) /
        ICMPv6NDOptPrefixInfo(prefixlen=64, prefix="2001:db8::", validlifetime=86400, preferredlifetime=14400),
        IPv6(src="fe80::1", dst="ff02::1:ff00:2", hlim=255) / ICMPv6ND_NS(tgt="fe80::2") /
        ICMPv6NDOptSrcLLAddr(lladdr=MAC_A),
        IPv6(src="fe80::2", dst="fe80::1", hlim=255) / ICMPv6ND_NA(tgt="fe80::2", R=0, S=1, O=1) /
        ICMPv6NDOptDstLLAddr(lladdr=MAC_B),
        IPv6(src="fe80::2", dst="fe80::1", hlim=255) / ICMPv6ND_Redirect(tgt="fe80::3", dst=V6_B),
        IPv6(src=V6_B, dst=V6_A) / ICMPv6PacketTooBig(mtu=1280) / IPv6(src=V6_A, dst=V6_B) / UDP(sport=1, dport=2),
        IPv6(src=V6_B, dst=V6_A) / ICMPv6DestUnreach(code=4) / IPv6(src=V6_A, dst=V6_B) / UDP(sport=1, dport=2),
        IPv6(src=V6_A, dst=V6_B) / IPv6ExtHdrHopByHop(options=[RouterAlert(), PadN(optdata=b"\x00\x00")]) /
        UDP(sport=7, dport=7) / Raw(b"hbh"),
        IPv6(src=V6_A, dst=V6_B) / IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\x00" * 4)]) / UDP(sport=7, dport=7),
        IPv6(src=V6_A, dst=V6_B) / IPv6ExtHdrRouting(type=0, addresses=["2001:db8::99"], segleft=1) /
        UDP(sport=8, dport=8) / Raw(b"rt"),
        IPv6(src=V6_A, dst=V6_B) / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() / ICMPv6EchoRequest(id=9, seq=9),
    ]
    # Fragments: an IPv4 datagram split in three, an IPv6 one in two.
    big4 = IP(src=V4_A, dst=V4_B, id=777) / UDP(sport=4000, dport=4001) / Raw(bytes(range(256)) * 8)
    pkts += fragment(big4, fragsize=800)
    big6 = IPv6(src=V6_A, dst=V6_B) / IPv6ExtHdrFragment(id=0x1234, m=1, offset=0) / UDP(sport=4000, dport=4002) / \
        Raw(bytes(range(256)) * 4)
    payload6 = raw(big6[IPv6ExtHdrFragment].payload)
    first = IPv6(src=V6_A, dst=V6_B) / IPv6ExtHdrFragment(id=0x1234, m=1, offset=0, nh=17) / Raw(payload6[:512])
    second = IPv6(src=V6_A, dst=V6_B) / IPv6ExtHdrFragment(id=0x1234, m=0, offset=64, nh=17) / Raw(payload6[512:])
    pkts += [first, second]
    # Deliberate errors: a bad IPv4 header checksum, a bad UDP checksum, a bad TCP checksum.
    pkts.append(IP(src=V4_A, dst=V4_B, chksum=0x1234) / UDP(sport=1, dport=2) / Raw(b"bad ip"))
    pkts.append(IP(src=V4_A, dst=V4_B) / UDP(sport=1, dport=2, chksum=0x4321) / Raw(b"bad udp"))
    pkts.append(IP(src=V4_A, dst=V4_B) / TCP(sport=1, dport=2, chksum=0x4321) / Raw(b"bad tcp"))
    return pkts


def write(path, linktype, frames):
    """A classic little-endian pcap file (microsecond stamps, snaplen 65535), one frame per second."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, frame in enumerate(frames):
            data = frame if isinstance(frame, bytes) else raw(frame)
            f.write(struct.pack("<IIII", 1700000000 + i, i * 1000 % 1000000, len(data), len(data)))
            f.write(data)


def main(out):
    os.makedirs(out, exist_ok=True)
    net = network_packets()
    eth = [Ether(src=MAC_A, dst=MAC_B) / p for p in net]
    eth += [
        Ether(src=MAC_A, dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, hwsrc=MAC_A, psrc=V4_A, pdst=V4_B),
        Ether(src=MAC_B, dst=MAC_A) / ARP(op=2, hwsrc=MAC_B, psrc=V4_B, hwdst=MAC_A, pdst=V4_A),
        Ether(src=MAC_A, dst=MAC_B) / Dot1Q(vlan=100, prio=5) / IP(src=V4_A, dst=V4_B) / UDP(sport=1, dport=2),
        Ether(src=MAC_A, dst=MAC_B) / Dot1AD(vlan=200) / Dot1Q(vlan=300, id=1) / IPv6(src=V6_A, dst=V6_B) /
        ICMPv6EchoRequest(),
        Ether(src=MAC_A, dst=MAC_B) / Dot1Q(vlan=5) / ARP(op=1, hwsrc=MAC_A, psrc=V4_A, pdst=V4_B),
        Ether(src=MAC_A, dst=MAC_B, type=0x88b5) / Raw(b"local experimental"),
    ]
    write(os.path.join(out, "golden_eth.pcap"), DLT_EN10MB, eth)
    write(os.path.join(out, "golden_raw.pcap"), 101, net)
    ppp = [PPP(proto=0x0021) / p if p.version == 4 else PPP(proto=0x0057) / p for p in net[:20]]
    write(os.path.join(out, "golden_ppp.pcap"), 9, [b"\xff\x03" + raw(p) for p in ppp])
    # Linux cooked v1: packet type, ARPHRD, address length, 8 address bytes, protocol.
    sll = []
    for p in net[:12]:
        proto = 0x0800 if p.version == 4 else 0x86dd
        sll.append(b"\x00\x04\x00\x01\x00\x06" + bytes.fromhex("020000000001") + b"\x00\x00" +
                   proto.to_bytes(2, "big") + raw(p))
    write(os.path.join(out, "golden_sll.pcap"), 113, sll)
    # Linux cooked v2: protocol, reserved, ifindex, ARPHRD, packet type, address length, 8 address bytes.
    sll2 = []
    for p in net[:12]:
        proto = 0x0800 if p.version == 4 else 0x86dd
        sll2.append(proto.to_bytes(2, "big") + b"\x00\x00" + (3).to_bytes(4, "big") + b"\x00\x01\x00\x06" +
                    bytes.fromhex("020000000002") + b"\x00\x00" + raw(p))
    write(os.path.join(out, "golden_sll2.pcap"), 276, sll2)
    # BSD loopback: DLT_NULL in little-endian host order, DLT_LOOP in network order; AF_INET6 = 24 here.
    null = [(2 if p.version == 4 else 24).to_bytes(4, "little") + raw(p) for p in net[:12]]
    write(os.path.join(out, "golden_null.pcap"), 0, null)
    loop = [(2 if p.version == 4 else 24).to_bytes(4, "big") + raw(p) for p in net[:12]]
    write(os.path.join(out, "golden_loop.pcap"), 108, loop)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
