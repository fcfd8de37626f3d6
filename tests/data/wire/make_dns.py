# SPDX-License-Identifier: MIT
# Writes a pcap of DNS messages (RFC 1035) with scapy for the decoder's DNS tests: EDNS query, CNAME chain,
# NXDOMAIN with SOA, SERVFAIL, TC, IPv6 with CD, AAAA, DNS over TCP (length prefix), a cut and a non-DNS
# payload on port 53. Usage: make_dns.py OUT.pcap
import sys
from scapy.all import IP, IPv6, UDP, TCP, Ether, DNS, DNSQR, DNSRR, DNSRROPT, DNSRRSOA, wrpcap, raw
A, B = "192.0.2.1", "198.51.100.7"
pk = []
def e(p): return Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / p
pk.append(IP(src=A, dst=B) / UDP(sport=40000, dport=53) / DNS(id=4660, rd=1, qd=DNSQR(qname="www.example.org", qtype="A"), ar=DNSRROPT(rclass=1232)))
pk.append(IP(src=B, dst=A) / UDP(sport=53, dport=40000) / DNS(id=4660, qr=1, aa=1, rd=1, ra=1, qd=DNSQR(qname="www.example.org", qtype="A"),
        an=DNSRR(rrname="www.example.org", type="CNAME", rdata="web.example.org", ttl=300) / DNSRR(rrname="web.example.org", type="A", rdata="192.0.2.10", ttl=60)))
pk.append(IP(src=B, dst=A) / UDP(sport=53, dport=40001) / DNS(id=7, qr=1, rcode=3, rd=1, ra=1, qd=DNSQR(qname="nope.example.org", qtype="AAAA"),
        ns=DNSRRSOA(rrname="example.org", mname="ns1.example.org", rname="hostmaster.example.org", serial=2026112301)))
pk.append(IP(src=B, dst=A) / UDP(sport=53, dport=40002) / DNS(id=8, qr=1, rcode=2, rd=1, ra=1, qd=DNSQR(qname="broken.example.org")))
pk.append(IP(src=B, dst=A) / UDP(sport=53, dport=40003) / DNS(id=9, qr=1, tc=1, rd=1, ra=1, qd=DNSQR(qname="big.example.org", qtype="TXT")))
pk.append(IPv6(src="2001:db8::1", dst="2001:db8::53") / UDP(sport=40004, dport=53) / DNS(id=10, rd=1, cd=1, qd=DNSQR(qname="v6.example.org", qtype="AAAA")))
pk.append(IPv6(src="2001:db8::53", dst="2001:db8::1") / UDP(sport=53, dport=40004) / DNS(id=10, qr=1, rd=1, ra=1, qd=DNSQR(qname="v6.example.org", qtype="AAAA"),
        an=DNSRR(rrname="v6.example.org", type="AAAA", rdata="2001:db8::10", ttl=120)))
m = raw(DNS(id=11, rd=1, qd=DNSQR(qname="tcp.example.org", qtype="A")))
pk.append(IP(src=A, dst=B) / TCP(sport=40005, dport=53, flags="PA", seq=1, ack=1) / (len(m).to_bytes(2, "big") + m))
m = raw(DNS(id=11, qr=1, rd=1, ra=1, qd=DNSQR(qname="tcp.example.org", qtype="A"), an=DNSRR(rrname="tcp.example.org", rdata="192.0.2.11")))
pk.append(IP(src=B, dst=A) / TCP(sport=53, dport=40005, flags="PA", seq=1, ack=100) / (len(m).to_bytes(2, "big") + m))
q = raw(DNS(id=12, rd=1, qd=DNSQR(qname="cut.example.org")))
pk.append(IP(src=A, dst=B) / UDP(sport=40006, dport=53) / q[:20])  # a message cut short
pk.append(IP(src=A, dst=B) / UDP(sport=40007, dport=53) / b"\x00\x01not dns at all")
wrpcap(sys.argv[1], [e(p) for p in pk])
