#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Regenerates tests/data/dns/dig/: for each case a fake server on 127.0.0.1 (port 0) answers dig's query
# with a response built by dnspython; NAME.bin keeps the response bytes, NAME.dig what dig printed for it
# (the lines between ";; Got answer:" and ";; Query time:"). unit_dns_dig checks sockit prints the same.
# Usage: tests/data/dns/make-dig-golden.py   (needs dig and python3-dnspython; loopback only)
import os
import socket
import subprocess
import threading

import dns.edns
import dns.flags
import dns.message
import dns.rcode
import dns.rrset

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dig")


def rr(text):
    name, ttl, cls, typ, rdata = text.split(None, 4)
    return dns.rrset.from_text(name, int(ttl), cls, typ, rdata)


def case_types(q):
    r = dns.message.make_response(q)
    r.flags |= dns.flags.AA | dns.flags.RA
    for t in ["example.org. 3600 IN A 192.0.2.1", "example.org. 3600 IN AAAA 2001:db8::1",
              "example.org. 3600 IN AAAA ::ffff:192.0.2.7", "example.org. 3600 IN AAAA ::192.0.2.9",
              "www.example.org. 300 IN CNAME example.org.", "example.org. 3600 IN MX 10 mail.example.org.",
              'example.org. 3600 IN TXT "hello world" "second\\"q" "tab\\009x" "back\\\\slash" "\\255\\000"',
              "example.org. 86400 IN SOA ns1.example.org. hostmaster.example.org. 2024010101 7200 3600 1209600 300",
              "_sip._tcp.example.org. 60 IN SRV 10 60 5060 sip.example.org.",
              'example.org. 60 IN CAA 0 issue "letsencrypt.org"', 'example.org. 60 IN CAA 128 tbs "a;b\\"c \\\\"',
              "example.org. 60 IN TYPE123 \\# 3 abcdef", "a\\.b\\032c.example.org. 5 IN PTR x\\(y\\).example.",
              "example.org. 60 IN NS ns1.example.org.", 'example.org. 60 IN TXT ""',
              "example.org. 60 IN TYPE65280 \\# 0", "x. 0 IN TYPE999 \\# 50 " + "ab" * 50,
              "averyveryverylongname.example.org. 2147483647 IN A 192.0.2.1",
              "x. 0 IN SRV 0 0 0 ."]:
        r.answer.append(rr(t))
    r.use_edns(0, dns.flags.DO, 1232, options=[dns.edns.GenericOption(65001, b"\x01\x02")])
    return r


def case_flags_options(q):
    r = dns.message.make_response(q)
    r.flags |= dns.flags.TC | dns.flags.RA | dns.flags.CD | dns.flags.AD
    r.answer.append(rr("example.org. 5 IN A 192.0.2.1"))
    r.authority.append(rr(". 5 IN NS a.root-servers.net."))
    r.additional.append(rr("a.root-servers.net. 5 IN A 198.41.0.4"))
    r.additional.append(rr("a.root-servers.net. 5 IN AAAA 2001:503:ba3e::2:30"))
    r.use_edns(0, dns.flags.DO | 0x0011, 512,
               options=[dns.edns.GenericOption(3, b"ns1"), dns.edns.GenericOption(10, bytes(range(1, 17))),
                        dns.edns.GenericOption(12, b"\x00\x00\x00"), dns.edns.GenericOption(65535, b"")])
    return r


def case_nxdomain_noedns(q):
    r = dns.message.make_response(q)
    r.flags |= dns.flags.AA | dns.flags.RA
    r.set_rcode(dns.rcode.NXDOMAIN)
    r.use_edns(False)
    r.authority.append(rr("org. 900 IN SOA a0.org.afilias-nst.info. hostmaster.donuts.email. 1 7200 900 1209600 3600"))
    return r


def case_badvers(q):
    r = dns.message.make_response(q)
    r.flags |= dns.flags.RA
    r.use_edns(0, 0, 1232)
    r.opt.ttl = (1 << 24) | r.opt.ttl  # extended RCODE 1 with header 0: BADVERS (16)
    return r


def case_servfail_opcode(q):
    r = dns.message.make_response(q)
    r.flags = dns.flags.Flag(int(r.flags) | dns.flags.RA | 0x0040)  # the Z bit set
    r.set_rcode(dns.rcode.SERVFAIL)
    return r


CASES = [("types", ["example.org", "AAAA"], case_types),
         ("flags_options", ["example.org", "A"], case_flags_options),
         ("nxdomain_noedns", ["nope.example.org", "A", "+noedns"], case_nxdomain_noedns),
         ("badvers", [".", "NS"], case_badvers),
         ("servfail_z", ["example.org", "TXT"], case_servfail_opcode)]


def serve_once(sock, build, out):
    data, addr = sock.recvfrom(65535)
    wire = build(dns.message.from_wire(data)).to_wire()
    out.append(wire)
    sock.sendto(wire, addr)


def main():
    os.makedirs(HERE, exist_ok=True)
    for name, args, build in CASES:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(10)
        sent = []
        t = threading.Thread(target=serve_once, args=(sock, build, sent))
        t.start()
        out = subprocess.run(["dig", "@127.0.0.1", "-p", str(sock.getsockname()[1]), "+norecurse", "+nocookie", "+ignore",
                              "+tries=1", "+time=5", *args], capture_output=True, text=True, timeout=20).stdout
        t.join()
        sock.close()
        text = out.split(";; Got answer:\n", 1)[1].split(";; Query time:", 1)[0]
        with open(os.path.join(HERE, name + ".bin"), "wb") as f:
            f.write(sent[0])
        with open(os.path.join(HERE, name + ".dig"), "w") as f:
            f.write(text)
        print(f"{name}: {len(sent[0])} bytes")


if __name__ == "__main__":
    main()
