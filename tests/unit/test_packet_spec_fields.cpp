// SPDX-License-Identifier: MIT
// Tests of the per-layer field tables of the `sockit build` spec language: each layer's table holds the
// fields its reference lists, and the fields land in the built header (read back with the frame decoder).
#include <gtest/gtest.h>

#include <string>

#include "sockit/dissect/frame_decoder.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/packet_spec/built_packet.hpp"

using namespace sockit;
using namespace sockit::dissect;

namespace {

// The "known: ..." list of a layer, as an unknown field's error lists it.
std::string known_fields(const std::string& prefix, const std::string& layer) {
    auto r = packet_spec::build_packets(prefix + layer + "(no_such_field=1)");
    EXPECT_FALSE(r);
    if (r) return {};
    const std::string& why = r.error().why;
    const auto open = why.find("(known: ");
    EXPECT_NE(open, std::string::npos) << why;
    return why.substr(open + 8, why.size() - open - 9);
}

TEST(PacketSpecFields, EveryLayerHasItsTable) {
    struct row {
        const char* prefix;
        const char* layer;
        const char* fields;
    };
    const row rows[] = {
        {"", "eth", "dst, src, type"},
        {"eth/", "vlan", "dei, pcp, type, vid"},
        {"", "ppp", "ac, pfc, proto"},
        {"eth/", "arp", "reply, request, op, sha, spa, tha, tpa"},
        {"", "ipv4", "chksum, df, dst, evil, frag, id, ihl, len, mf, options, proto, src, tos, ttl"},
        {"", "ipv6", "dst, flow, hlim, nh, plen, src, tc"},
        {"ipv6/", "hbh", "addr, id, mf, nh, offset, options, segleft, type"},
        {"ipv6/", "rh", "addr, id, mf, nh, offset, options, segleft, type"},
        {"ipv6/", "frag", "addr, id, mf, nh, offset, options, segleft, type"},
        {"ipv6/", "dstopts", "addr, id, mf, nh, offset, options, segleft, type"},
        {"ipv4/", "icmp",
         "echo, param, redirect, reply, timestamp, timestamp-reply, timex, unreach, chksum, code, gw, id, "
         "mtu, ptr, "
         "rest, seq, type"},
        {"ipv6/", "icmp6",
         "echo, na, ns, param, ra, redirect, reply, rs, timex, toobig, unreach, chksum, code, dest, hlim, "
         "id, "
         "lifetime, m, mtu, o, override, prefix, reachable, rest, retrans, router, seq, sll, solicited, "
         "target, tll, "
         "type"},
        {"ipv4/", "udp", "chksum, dport, len, sport"},
        {"ipv4/", "tcp",
         "ack, chksum, dport, flags, mss, off, options, sackok, seq, sport, ts, urg, win, wscale"},
        {"ipv4/udp/", "dns",
         "noedns, aa, ad, cd, do, edns, id, opcode, qclass, qname, qr, qtype, ra, rcode, rd, tc"},
        {"ipv4/", "raw", "hex, text, zeros"},
    };
    for (const row& r : rows) EXPECT_EQ(known_fields(r.prefix, r.layer), r.fields) << r.layer;
}

// Builds one packet and decodes it (checksums verified): no layer may have an issue.
struct decoded {
    explicit decoded(const std::string& spec) {
        auto r = packet_spec::build_packets(spec);
        EXPECT_TRUE(r) << spec << ": " << (r ? "" : r.error().why);
        if (!r) return;
        bytes = r->front().bytes;
        decode_frame(bytes, r->front().link.value_or(wire::link_type::raw), frame);
        for (const auto& l : frame.layers())
            EXPECT_EQ(l.issue, codec_errc{}) << spec << ": " << layer_name(l.view);
        EXPECT_EQ(frame.stop_reason(), codec_errc{}) << spec;
    }
    byte_buffer bytes;
    decoded_frame frame;
};

TEST(PacketSpecFields, LinkLayers) {
    decoded d(
        "eth(dst=02:00:00:00:00:02,src=02:00:00:00:00:01)/vlan(vid=100,pcp=5,dei)/"
        "arp(reply,sha=02:00:00:00:00:01,"
        "spa=192.0.2.1,tha=02:00:00:00:00:02,tpa=192.0.2.2)");
    const auto* e = d.frame.find<ethernet_view>();
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->ethertype(), 0x8100);
    const auto* v = d.frame.find<vlan_view>();
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->vid(), 100);
    EXPECT_EQ(v->pcp(), 5);
    EXPECT_TRUE(v->dei());
    const auto* a = d.frame.find<arp_view>();
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->oper(), 2);
    EXPECT_EQ(a->target_proto()[3], 2);
    decoded p("ppp(proto=0x0021)/ipv4");
    ASSERT_NE(p.frame.find<ppp_view>(), nullptr);
    EXPECT_EQ(p.frame.find<ppp_view>()->protocol(), 0x0021);
}

TEST(PacketSpecFields, IpLayers) {
    decoded d(
        "ipv4(src=192.0.2.1,dst=198.51.100.7,ttl=9,tos=0x10,id=0x1234,df,options=94040000)/"
        "udp(sport=1,dport=2)");
    const auto* ip = d.frame.find<ipv4_view>();
    ASSERT_NE(ip, nullptr);
    EXPECT_EQ(ip->ttl(), 9);
    EXPECT_EQ(ip->tos(), 0x10);
    EXPECT_EQ(ip->id(), 0x1234);
    EXPECT_TRUE(ip->dont_fragment());
    EXPECT_EQ(ip->header_size(), 24u);
    EXPECT_EQ(ip->protocol(), 17);
    decoded six(
        "ipv6(src=2001:db8::1,dst=2001:db8::2,hlim=7,tc=3,flow=0x12345)/hbh(options=05020000)/"
        "rh(type=0,segleft=1,addr=2001:db8::3)/frag(offset=0,mf,id=99)/dstopts/udp");
    const auto* v6 = six.frame.find<ipv6_view>();
    ASSERT_NE(v6, nullptr);
    EXPECT_EQ(v6->hop_limit(), 7);
    EXPECT_EQ(v6->traffic_class(), 3);
    EXPECT_EQ(v6->flow_label(), 0x12345u);
    std::string kinds;
    for (const auto& l : six.frame.layers()) kinds += std::string(layer_name(l.view)) + " ";
    EXPECT_EQ(kinds, "ipv6 ipv6.hopopts ipv6.routing ipv6.fragment ipv6.dstopts udp ");
}

TEST(PacketSpecFields, NdpUnderIpv6DefaultsToHopLimit255) {
    decoded d("ipv6/icmp6(ns,target=fe80::2,sll=02:00:00:00:00:01)");
    ASSERT_NE(d.frame.find<ipv6_view>(), nullptr);
    EXPECT_EQ(d.frame.find<ipv6_view>()->hop_limit(), 255);
    const auto* m = d.frame.find<icmpv6_view>();
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->type(), 135);
    decoded echo("ipv6/icmp6(echo,id=3,seq=4)");
    EXPECT_EQ(echo.frame.find<ipv6_view>()->hop_limit(), 64);
    EXPECT_EQ(echo.frame.find<icmpv6_view>()->id(), 3);
}

TEST(PacketSpecFields, IcmpWords) {
    decoded d("ipv4/icmp(timex,code=1)");
    const auto* m = d.frame.find<icmp_view>();
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->type(), 11);
    EXPECT_EQ(m->code(), 1);
}

TEST(PacketSpecFields, Transport) {
    decoded t("ipv4/tcp(sport=5,dport=6,seq=7,ack=8,flags=SA,win=100,mss=1460,wscale=7,sackok,ts=1:2)");
    const auto* tcp = t.frame.find<tcp_view>();
    ASSERT_NE(tcp, nullptr);
    EXPECT_EQ(tcp->sport(), 5);
    EXPECT_EQ(tcp->seq(), 7u);
    EXPECT_EQ(tcp->ack(), 8u);
    EXPECT_EQ(tcp->flags(), wire::tcp_flag::syn | wire::tcp_flag::ack);
    EXPECT_EQ(tcp->window(), 100);
    EXPECT_EQ(tcp->mss(), 1460);
    EXPECT_EQ(tcp->window_scale(), 7);
    EXPECT_TRUE(tcp->sack_permitted());
    ASSERT_TRUE(tcp->timestamps());
    EXPECT_EQ(tcp->timestamps()->value, 1u);
    decoded u("ipv4/udp(sport=9)/raw(text=ab,hex=00:01,zeros=2)");
    const auto* udp = u.frame.find<udp_view>();
    ASSERT_NE(udp, nullptr);
    EXPECT_EQ(udp->sport(), 9);
    EXPECT_EQ(udp->dport(), 9);  // discard, the default without dns
    EXPECT_EQ(udp->payload().size(), 6u);
}

TEST(PacketSpecFields, DnsOverUdpAndTcp) {
    decoded q("ipv4/udp/dns(qname=example.org,qtype=AAAA,id=0x1234,noedns)");
    EXPECT_EQ(q.frame.find<udp_view>()->dport(), 53);
    const auto* m = q.frame.find<dns::message_view>();
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->header().id, 0x1234);
    EXPECT_EQ(m->header().arcount, 0);
    decoded r("ipv4/tcp(flags=PA)/dns(qname=example.org,qr,aa,ra,rcode=NXDOMAIN)");
    const auto* resp = r.frame.find<dns::message_view>();
    ASSERT_NE(resp, nullptr);  // one whole length-prefixed message
    EXPECT_TRUE(resp->header().qr);
    EXPECT_TRUE(resp->header().aa);
    EXPECT_EQ(resp->full_rcode(), dns::rcode::nxdomain);
}

}  // namespace
