# SPDX-License-Identifier: MIT
# Writes a pcap of the cases where `sockit decode` follows tcpdump's one-line form closely, for the peer test
# against tcpdump -nn: every TCP option kind tcpdump names (well-formed, odd lengths, malformed), a
# connection's handshake, data, SACK and teardown (relative numbers), URG, flag orders, checksums good,
# bad and absent, mDNS (RFC 6762) questions and answers on 5353, LLMNR (RFC 4795) on 5355 and DNS section
# counts. Usage: make_tcpdump_cases.py OUT.pcap
import sys

from scapy.all import DNS, DNSQR, DNSRR, ICMP, IP, TCP, UDP, Ether, ICMPv6EchoRequest, IPv6, raw, wrpcap

A, B = "192.0.2.1", "198.51.100.7"
pk = []


def tcp(opts=(), flags="S", seq=1, ack=0, sport=1000, dport=2000, payload=b"", **kw):
    pk.append(IP(src=A, dst=B) / TCP(sport=sport, dport=dport, flags=flags, seq=seq, ack=ack, options=list(opts),
                                     **kw) / payload)


def raw_options(option_bytes, payload=b"", flags="S"):
    """A segment whose option area holds exactly option_bytes (padded to 4 with nothing: the caller pads)."""
    assert len(option_bytes) % 4 == 0
    p = IP(src=A, dst=B) / TCP(sport=1000, dport=2000, flags=flags, seq=1, ack=7, dataofs=5 + len(option_bytes) // 4) / \
        (option_bytes + payload)
    pk.append(IP(raw(p)))


# Every option kind tcpdump names, and unknown ones.
tcp([("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1, 0)), ("NOP", None), ("WScale", 7)])
tcp([("EOL", None)])
tcp([("NOP", None), ("EOL", None), ("NOP", None), ("NOP", None)])
tcp([(34, b"")])                                   # Fast Open cookie request
tcp([(34, b"\x01\x02\x03\x04\x05\x06\x07\x08")])  # Fast Open cookie
tcp([(34, b"\x01\x02\x03")])                       # a cookie of odd length
tcp([(19, b"\xaa" * 16)])                          # TCP MD5 signature
tcp([(30, b"\x01\x81" + b"\x11" * 8)])              # MP_CAPABLE v1 with checksums, on a SYN
tcp([(30, b"\x00\x00" + b"\x22" * 16)], flags="A", ack=5)  # MP_CAPABLE v0, both keys, on the third ACK
tcp([(28, b"\x80\x05")])                           # user timeout in minutes
tcp([(28, b"\x00\x3c")])                           # ... in seconds
tcp([(29, b"\x01\x02\xaa\xbb")])                   # TCP-AO
tcp([(29, b"")])
tcp([(254, b"\xf9\x89\x01\x02\x03\x04")])          # experimental Fast Open
tcp([(254, b"\x12\x34")])
tcp([(99, b"\x01\x02")])
tcp([(99, b"")])
tcp([(6, b"\x01\x02\x03\x04")])
tcp([(7, b"\x01\x02\x03\x04")])
tcp([(11, b"\x01\x02\x03\x04")])
tcp([(12, b"\x01\x02\x03\x04")])
tcp([(13, b"\x01\x02\x03\x04")])
tcp([(20, b"\x01\x02")])
tcp([(2, b"\x05")])                                # MSS with a length of 3
tcp([(3, b"\x05\x06")])                            # window scale with a length of 4
tcp([(8, b"\x00" * 6)])                            # timestamps too short
# Malformed lists: a length of 0, past the end, a kind byte alone at the end (with and without data after).
raw_options(b"\x02\x09\x01\x01")
raw_options(b"\x01\x08\x0a\x01")
raw_options(b"\x01\x05\x00\x01")
raw_options(b"\x01\x01\x01\x02", payload=b"data")
raw_options(b"\x01\x01\x01\x02")
# A rich option list cut at every byte (padded with EOL to the header's 4-byte size).
FULL = bytes([2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2, 30, 4,
              0x01, 0x81, 19, 6, 1, 2, 3, 4])
for cut in range(len(FULL) + 1):
    part = FULL[:cut] + bytes(-cut % 4)
    raw_options(part, flags="SA")
# A connection: handshake, data both ways, SACK, URG, teardown; numbers relative after the SYN-ACK.
tcp([("MSS", 1460), ("SAckOK", b"")], flags="S", seq=1000, sport=40000, dport=4444)
tcp([("MSS", 1400), ("SAckOK", b"")], flags="SA", seq=5000, ack=1001, sport=4444, dport=40000)
tcp(flags="A", seq=1001, ack=5001, sport=40000, dport=4444)
tcp(flags="PA", seq=1001, ack=5001, sport=40000, dport=4444, payload=b"GET / HTTP/1.0\r\n\r\n")
tcp([("NOP", None), ("NOP", None), ("SAck", (1019, 1119, 1219, 1319))], flags="A", seq=5001, ack=1019, sport=4444,
    dport=40000)
tcp(flags="PA", seq=5001, ack=1019, sport=4444, dport=40000, payload=b"x" * 100)
tcp(flags="UA", seq=1019, ack=5101, sport=40000, dport=4444, urgptr=3, payload=b"abc")
tcp(flags="FA", seq=1022, ack=5101, sport=40000, dport=4444)
tcp(flags="FA", seq=5101, ack=1023, sport=4444, dport=40000)
tcp(flags="A", seq=1023, ack=5102, sport=40000, dport=4444)
tcp(flags="R", seq=1023, sport=40000, dport=4444)
# The same ports on both ends (the lower address keys the connection), and a connection seen mid-stream.
pk.append(IP(src=B, dst=A) / TCP(sport=7, dport=7, flags="A", seq=900, ack=400))
pk.append(IP(src=A, dst=B) / TCP(sport=7, dport=7, flags="PA", seq=400, ack=900) / b"hi")
pk.append(IP(src=B, dst=A) / TCP(sport=7, dport=7, flags="A", seq=900, ack=402))
tcp(flags="FSRPAUEC", seq=1, ack=1, sport=3, dport=4)
tcp(flags="", seq=1, sport=3, dport=4)
# Checksums (seen with -vv): good, bad, absent.
tcp(flags="S", seq=1, sport=5, dport=6, chksum=0x1234)
pk.append(IP(src=A, dst=B) / UDP(sport=1, dport=2, chksum=0) / b"xy")
pk.append(IP(src=A, dst=B) / UDP(sport=1, dport=2, chksum=0x4321) / b"xy")
pk.append(IP(src=A, dst=B, chksum=0x1234) / UDP(sport=1, dport=2) / b"xy")
pk.append(IP(src=A, dst=B) / ICMP(type=8, chksum=0x1234) / b"abcd")
pk.append(IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=1, dport=2, chksum=0x4444) / b"xy")
pk.append(IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest(cksum=0x4444))
pk.append(IPv6(src="2001:db8::1", dst="2001:db8::2") / ICMPv6EchoRequest())
# mDNS: a question asking for a unicast answer (QU), one for multicast (QM), answers with cache-flush.
pk.append(IP(src=A, dst="224.0.0.251") / UDP(sport=5353, dport=5353) / DNS(
    id=0, qd=DNSQR(qname="printer.local", qtype="A", qclass=0x8001) / DNSQR(qname="x.local", qtype="AAAA")))
pk.append(IP(src=B, dst="224.0.0.251") / UDP(sport=5353, dport=5353) / DNS(
    id=0, qr=1, aa=1, an=DNSRR(rrname="printer.local", type="A", rclass=0x8001, rdata="192.0.2.9", ttl=120) /
    DNSRR(rrname="x.local", type="AAAA", rdata="2001:db8::9", ttl=10) /
    DNSRR(rrname="_ipp._tcp.local", type="PTR", rdata="printer._ipp._tcp.local", ttl=4500)))
pk.append(IP(src=A, dst=B) / UDP(sport=40000, dport=5353) / DNS(id=77, qd=DNSQR(qname="host.local", qclass=3)))
pk.append(IPv6(src="fe80::1", dst="ff02::fb") / UDP(sport=5353, dport=5353) / DNS(
    id=0, qd=DNSQR(qname="host.local", qtype="AAAA", qclass=0x8001)))
# LLMNR: the DNS form (tcpdump 4.99 prints only "UDP, length N" here).
pk.append(IP(src=A, dst="224.0.0.252") / UDP(sport=40001, dport=5355) / DNS(id=5, qd=DNSQR(qname="host")))
pk.append(IP(src=B, dst=A) / UDP(sport=5355, dport=40001) / DNS(
    id=5, qr=1, qd=DNSQR(qname="host"), an=DNSRR(rrname="host", rdata="198.51.100.7", ttl=30)))
# DNS on port 53: no question, two questions, answers in a query, classes other than IN.
pk.append(IP(src=A, dst=B) / UDP(sport=40002, dport=53) / DNS(id=8, rd=1, qd=None))
pk.append(IP(src=A, dst=B) / UDP(sport=40002, dport=53) / DNS(id=9, rd=1, qd=DNSQR(qname="a.example") /
                                                                DNSQR(qname="b.example", qtype="MX")))
pk.append(IP(src=A, dst=B) / UDP(sport=40002, dport=53) / DNS(id=10, qd=DNSQR(qname="version.bind", qtype="TXT",
                                                                               qclass="CH")))
pk.append(IP(src=A, dst=B) / UDP(sport=40002, dport=53) / DNS(id=11, qd=DNSQR(qname="a.example", qclass=255)))
pk.append(IP(src=B, dst=A) / UDP(sport=53, dport=40002) / DNS(id=12, qr=1, rcode=3, aa=1, qd=None))
pk.append(IP(src=B, dst=A) / UDP(sport=53, dport=40002) / DNS(id=13, qr=1, ra=1, qd=DNSQR(qname="a.example"),
                                                              an=DNSRR(rrname="a.example", rclass=4, rdata="192.0.2.4")))
# Port 53 beside 5353: plain DNS.
pk.append(IP(src=A, dst=B) / UDP(sport=5353, dport=53) / DNS(id=14, rd=1, qd=DNSQR(qname="a.example", qclass=0x8001)))

wrpcap(sys.argv[1], [Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / p for p in pk])
