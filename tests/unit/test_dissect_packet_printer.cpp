// SPDX-License-Identifier: MIT
// Tests of packet_printer's exact text: the tcpdump -nn-like line per protocol family, the -v field tree,
// JSON Lines, the hex dump, --stats, and frames cut short by the capture.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sockit/dissect/packet_printer.hpp"
#include "sockit/dns/message_builder.hpp"
#include "sockit/wire/packet_builder.hpp"
#include "test_packets.hpp"

// Designated initializers that leave fields at their defaults are the point of the builder API; g++ 12
// warns about them anyway under -Wextra.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace sockit;
using namespace sockit::wire;
using namespace sockit::test;
using dissect::packet_format;
using dissect::packet_printer;
using dissect::packet_printer_options;

namespace {

byte_buffer dns_query() {
    dns::query_options o;
    o.id = 4660;
    auto q = dns::build_query(*dns::dns_name::parse("example.org"), dns::rr_type::aaaa, o);
    EXPECT_TRUE(q);
    return build({ethernet_builder{.dst = mac_b, .src = mac_a},
                  ipv4_builder{.src = ip_a, .dst = ip_b, .ttl = 5}, udp_builder{.sport = 1234, .dport = 53},
                  raw_builder{*q}});
}

byte_buffer tcp_syn() {
    tcp_builder syn{.sport = 40000, .dport = 80, .seq = 1000, .window = 29200};
    syn.mss = 1460;
    return build({ipv4_builder{.src = ip_a, .dst = ip_b}, syn});
}

struct frame {
    byte_buffer bytes;
    link_type link = link_type::ethernet;
    std::uint32_t wire_length = 0;  // 0: the captured size
};

// Everything a printer writes for the frames, each stamped 1.000002 s after the epoch, times in UTC.
std::string print(const std::vector<frame>& frames, packet_printer_options options) {
    options.utc = true;
    char* text = nullptr;
    std::size_t size = 0;
    std::FILE* f = open_memstream(&text, &size);
    EXPECT_NE(f, nullptr);
    {
        packet_printer printer(options, f);
        for (const frame& fr : frames) {
            const std::uint32_t len =
                fr.wire_length != 0 ? fr.wire_length : static_cast<std::uint32_t>(fr.bytes.size());
            printer.packet(timeval{1, 2}, len, fr.bytes, fr.link);
        }
        EXPECT_TRUE(printer.finish());
    }
    std::fclose(f);
    std::string out(text, size);
    std::free(text);
    return out;
}

std::string line_of(const frame& fr) { return print({fr}, {}); }

TEST(DissectPacketPrinter, LinePerProtocolFamily) {
    const std::string t = "00:00:01.000002 ";
    EXPECT_EQ(line_of({dns_query()}),
              t + "IP 192.0.2.1.1234 > 198.51.100.7.53: 4660+ [1au] AAAA? example.org. (40)\n");
    EXPECT_EQ(line_of({tcp_syn(), link_type::raw}),
              t + "IP 192.0.2.1.40000 > 198.51.100.7.80: Flags [S], seq 1000, win 29200, options [mss 1460], "
                  "length 0\n");
    EXPECT_EQ(line_of({build({ipv4_builder{.src = ip_a, .dst = ip_b}, udp_builder{.sport = 7, .dport = 9},
                              raw_builder{{1, 2, 3}}}),
                       link_type::raw}),
              t + "IP 192.0.2.1.7 > 198.51.100.7.9: UDP, length 3\n");
    EXPECT_EQ(
        line_of({build({ipv4_builder{.src = ip_a, .dst = ip_b}, icmp_builder{.type = 8, .id = 7, .seq = 1}}),
                 link_type::raw}),
        t + "IP 192.0.2.1 > 198.51.100.7: ICMP echo request, id 7, seq 1, length 8\n");
    EXPECT_EQ(line_of({build({ipv4_builder{.src = ip_a, .dst = ip_b}, icmp_builder{.type = 3, .code = 1}}),
                       link_type::raw}),
              t + "IP 192.0.2.1 > 198.51.100.7: ICMP unreachable code 1, length 8\n");
    EXPECT_EQ(line_of({build({ipv6_builder{.src = ip6_a, .dst = ip6_b},
                              icmpv6_builder{.type = 135, .target = ip6_b}}),
                       link_type::raw}),
              t + "IP6 2001:db8::1 > fe80::2: ICMP6, neighbor solicitation, who has fe80::2, length 24\n");
    EXPECT_EQ(line_of({build({ethernet_builder{.dst = mac_b, .src = mac_a}, vlan_builder{.vid = 200},
                              ipv6_builder{.src = ip6_a, .dst = ip6_b}, icmpv6_builder{.id = 1, .seq = 2}})}),
              t + "vlan 200, IP6 2001:db8::1 > fe80::2: ICMP6, echo request, id 1, seq 2, length 8\n");
    EXPECT_EQ(
        line_of({build({ethernet_builder{.src = mac_a},
                        arp_builder{.oper = 1, .sender_mac = mac_a, .sender_ip = ip_a, .target_ip = ip_b}})}),
        t + "ARP, Request who-has 198.51.100.7 tell 192.0.2.1, length 28\n");
    EXPECT_EQ(
        line_of({build({ethernet_builder{.dst = mac_a, .src = mac_b},
                        arp_builder{.oper = 2, .sender_mac = mac_b, .sender_ip = ip_b, .target_ip = ip_a}})}),
        t + "ARP, Reply 198.51.100.7 is-at 02:00:00:00:00:02, length 28\n");
    EXPECT_EQ(line_of({build(
                  {ethernet_builder{.src = mac_a, .ethertype = 0x88b5}, raw_builder{byte_buffer(18, 0)}})}),
              t + "ethertype 0x88b5, length 32\n");
    EXPECT_EQ(line_of({build({ipv4_builder{.src = ip_a,
                                           .dst = ip_b,
                                           .id = 777,
                                           .more_fragments = true,
                                           .fragment_offset = 100,
                                           .protocol = 17},
                              raw_builder{byte_buffer(16, 0)}}),
                       link_type::raw}),
              t + "IP 192.0.2.1 > 198.51.100.7: frag id 777, offset 800+, length 16\n");
    EXPECT_EQ(line_of({build({ipv4_builder{.src = ip_a, .dst = ip_b, .protocol = 200}, raw_builder{{1, 2}}}),
                       link_type::raw}),
              t + "IP 192.0.2.1 > 198.51.100.7: ip-proto-200, length 2\n");
}

TEST(DissectPacketPrinter, ProblemsAreMarked) {
    const std::string t = "00:00:01.000002 ";
    // A bad checksum is no problem of the default line (as with tcpdump); -vv shows it (checksums).
    const frame bad_udp{build({ipv4_builder{.src = ip_a, .dst = ip_b},
                               udp_builder{.sport = 7, .dport = 9, .checksum = 0x1234}}),
                        link_type::raw};
    EXPECT_EQ(line_of(bad_udp), t + "IP 192.0.2.1.7 > 198.51.100.7.9: UDP, length 0\n");
    packet_printer_options vv;
    vv.checksums = true;
    EXPECT_EQ(print({bad_udp}, vv),
              t + "IP 192.0.2.1.7 > 198.51.100.7.9: [bad udp cksum 0x1234 -> 0x1392!] UDP, length 0\n");
    // Cut inside the TCP header: the IP layer is incomplete and the decoder stops there.
    byte_buffer cut = tcp_syn();
    cut.resize(30);
    EXPECT_EQ(line_of({cut, link_type::raw, 44}),
              t + "IP 192.0.2.1 > 198.51.100.7: ip-proto-6, length 10 [ip truncated] [|truncated]\n");
    // Not even a link header.
    EXPECT_EQ(line_of({byte_buffer(5, 0), link_type::ethernet, 60}), t + "[|truncated], length 60\n");
}

TEST(DissectPacketPrinter, FieldTree) {
    packet_printer_options o;
    o.format = packet_format::verbose;
    EXPECT_EQ(
        print({{tcp_syn(), link_type::raw}}, o),
        "00:00:01.000002 IP 192.0.2.1.40000 > 198.51.100.7.80: Flags [S], seq 1000, win 29200, options [mss "
        "1460], length 0\n"
        "    ip version=4 hdr_len=20 dsfield=0x00 len=44 id=0x0000 flags=0x00 df=0 mf=0 frag_offset=0 ttl=64 "
        "proto=6 checksum=0x8e90 src=192.0.2.1 dst=198.51.100.7 checksum_status=ok\n"
        "    tcp srcport=40000 dstport=80 seq_raw=1000 ack_raw=0 hdr_len=24 flags=0x002 flags_str=S "
        "window_size_value=29200 checksum=0x9961 urgent_pointer=0 options_mss_val=1460 len=0 "
        "checksum_status=ok\n");
    byte_buffer cut = tcp_syn();
    cut.resize(30);
    EXPECT_EQ(
        print({{cut, link_type::raw, 44}}, o),
        "00:00:01.000002 IP 192.0.2.1 > 198.51.100.7: ip-proto-6, length 10 [ip truncated] [|truncated]\n"
        "    ip version=4 hdr_len=20 dsfield=0x00 len=44 id=0x0000 flags=0x00 df=0 mf=0 frag_offset=0 ttl=64 "
        "proto=6 checksum=0x8e90 src=192.0.2.1 dst=198.51.100.7 checksum_status=ok issue=truncated\n"
        "    stopped: truncated at offset 20 of 30\n");
}

TEST(DissectPacketPrinter, JsonLines) {
    packet_printer_options o;
    o.format = packet_format::json;
    o.hex = true;
    const byte_buffer udp =
        build({ipv4_builder{.src = ip_a, .dst = ip_b}, udp_builder{.sport = 7, .dport = 9}});
    EXPECT_EQ(
        print({{udp, link_type::raw}, {byte_buffer(3, 0xab), link_type::ethernet, 64}}, o),
        "{\"frame\":1,\"time\":\"1970-01-01T00:00:01.000002Z\",\"time_epoch\":1.000002,\"caplen\":28,\"len\":"
        "28,"
        "\"layers\":[{\"ip\":{\"offset\":0,\"version\":4,\"hdr_len\":20,\"dsfield\":\"0x00\",\"len\":28,"
        "\"id\":\"0x0000\",\"flags\":\"0x00\",\"df\":false,\"mf\":false,\"frag_offset\":0,\"ttl\":64,"
        "\"proto\":17,"
        "\"checksum\":\"0x8e95\",\"src\":\"192.0.2.1\",\"dst\":\"198.51.100.7\",\"checksum_status\":\"ok\"}},"
        "{\"udp\":{\"offset\":20,"
        "\"srcport\":7,\"dstport\":9,\"length\":8,\"checksum\":\"0x1392\",\"checksum_status\":\"ok\"}}],"
        "\"hex\":\"4500001c0000000040118e95c0000201c63364070007000900081392\"}\n"
        "{\"frame\":2,\"time\":\"1970-01-01T00:00:01.000002Z\",\"time_epoch\":1.000002,\"caplen\":3,\"len\":"
        "64,"
        "\"layers\":[],\"stop\":\"truncated\",\"stop_offset\":0,\"hex\":\"ababab\"}\n");
}

TEST(DissectPacketPrinter, HexDump) {
    packet_printer_options o;
    o.hex = true;
    byte_buffer bytes(18);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i);
    EXPECT_EQ(print({{bytes, link_type::ethernet}}, o),
              "00:00:01.000002 ethertype 0x0c0d, length 18\n"
              "\t0x0000:  0001 0203 0405 0607 0809 0a0b 0c0d 0e0f\n"
              "\t0x0010:  1011\n");
}

TEST(DissectPacketPrinter, Stats) {
    packet_printer_options o;
    o.stats = true;
    const std::string out = print({{dns_query()}, {tcp_syn(), link_type::raw}}, o);
    const auto table = out.substr(out.find('\n', out.find('\n') + 1) + 1);
    EXPECT_EQ(table,
              "2 packets, 126 bytes, 0 with problems\n"
              "protocol        packets          bytes\n"
              "eth                   1             82\n"
              "ip                    2            112\n"
              "udp                   1             48\n"
              "tcp                   1             24\n"
              "dns                   1             40\n");
    o.format = packet_format::json;
    const std::string json = print({{tcp_syn(), link_type::raw}}, o);
    EXPECT_TRUE(json.ends_with(
        "{\"stats\":{\"packets\":1,\"bytes\":44,\"problems\":0,\"protocols\":{\"ip\":{\"packets\":1,"
        "\"bytes\":44},\"tcp\":{\"packets\":1,\"bytes\":24}},\"issues\":{}}}\n"))
        << json;
}

TEST(DissectPacketPrinter, CountsPacketsAndProblems) {
    std::FILE* f = std::fopen("/dev/null", "w");
    ASSERT_NE(f, nullptr);
    {
        packet_printer printer({}, f);
        byte_buffer cut = tcp_syn();
        cut.resize(30);
        printer.packet(timeval{}, 44, cut, link_type::raw);
        printer.packet(timeval{}, 44, tcp_syn(), link_type::raw);
        EXPECT_EQ(printer.count(), 2u);
        EXPECT_EQ(printer.problems(), 1u);
        EXPECT_TRUE(printer.finish());
    }
    std::fclose(f);
}

}  // namespace
