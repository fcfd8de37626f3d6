// SPDX-License-Identifier: MIT
// Tests of put_dns_summary: a DNS message (RFC 1035 §4.1) in one tcpdump -nn-like line: query flags and
// EDNS count, response flags, RCODE names, counts, answers, and the cut after about 400 bytes.
#include <gtest/gtest.h>

#include <string>

#include "sockit/dissect/dns_summary.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/message_builder.hpp"
#include "sockit/dns/message_view.hpp"

using namespace sockit;

namespace {

dns::dns_name name(std::string_view text) {
    auto n = dns::dns_name::parse(text);
    EXPECT_TRUE(n) << text;
    return n ? *n : dns::dns_name{};
}

// The summary of a message's wire form.
std::string summary_of(const dns::message& m, dissect::dns_flavor flavor = dissect::dns_flavor::dns) {
    auto wire = m.encode();
    EXPECT_TRUE(wire);
    auto view = dns::message_view::parse(*wire);
    EXPECT_TRUE(view) << view.error().message();
    std::string out(dissect::dns_summary_max, '\0');
    char* end = dissect::put_dns_summary(out.data(), *view, flavor);
    out.resize(static_cast<std::size_t>(end - out.data()));
    return out;
}

dns::message query(std::uint16_t id, dns::rr_type type, bool edns = true) {
    dns::query_options o;
    o.id = id;
    if (!edns) o.edns_payload.reset();
    return dns::make_query(name("example.org"), type, o);
}

TEST(DissectDnsSummary, Query) {
    EXPECT_EQ(summary_of(query(4660, dns::rr_type::aaaa)), "4660+ [1au] AAAA? example.org. (40)");
    EXPECT_EQ(summary_of(query(1, dns::rr_type::a, false)), "1+ A? example.org. (29)");
}

TEST(DissectDnsSummary, QueryFlagsAndOpcode) {
    dns::query_options o;
    o.id = 7;
    o.recursion_desired = false;
    o.checking_disabled = true;
    o.opcode = dns::opcode::notify;
    o.edns_payload.reset();
    EXPECT_EQ(summary_of(dns::make_query(name("example.org"), dns::rr_type::soa, o)),
              "7 notify% SOA? example.org. (29)");  // tcpdump: the opcode right after the ID
}

TEST(DissectDnsSummary, TypeWithoutMnemonic) {
    EXPECT_EQ(summary_of(query(2, static_cast<dns::rr_type>(65280), false)),
              "2+ TYPE65280? example.org. (29)");
}

TEST(DissectDnsSummary, ResponseWithAnswers) {
    dns::message r = dns::make_response(query(4660, dns::rr_type::a, false));
    r.header.ra = true;
    r.answers.push_back(
        dns::make_record(name("example.org"), 300, dns::rdata_cname{name("www.example.org")}));
    r.answers.push_back(dns::make_record(name("www.example.org"), 300, dns::rdata_a{{192, 0, 2, 1}}));
    r.answers.push_back(
        dns::make_record(name("www.example.org"), 300,
                         dns::rdata_aaaa{{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}));
    r.answers.push_back(
        dns::make_record(name("example.org"), 300, dns::rdata_mx{10, name("mail.example.org")}));
    EXPECT_EQ(
        summary_of(r),
        "4660 4/0/0 CNAME www.example.org., A 192.0.2.1, AAAA 2001:db8::1, MX 10 mail.example.org. (112)");
}

TEST(DissectDnsSummary, ResponseFlagsAndRcodes) {
    dns::message r = dns::make_response(query(9, dns::rr_type::a, false), dns::rcode::nxdomain);
    r.header.aa = true;
    r.header.ra = false;
    r.header.tc = true;
    EXPECT_EQ(summary_of(r), "9 NXDomain*-| 0/0/0 (29)");  // tcpdump: the RCODE before the flags
    r = dns::make_response(query(9, dns::rr_type::a, false), dns::rcode::servfail);
    r.header.ra = true;
    EXPECT_EQ(summary_of(r), "9 ServFail 0/0/0 (29)");
    // An extended RCODE (RFC 6891) has no tcpdump name: dig's.
    r = dns::make_response(query(9, dns::rr_type::a), dns::rcode::badvers);
    r.header.ra = true;
    EXPECT_EQ(summary_of(r), "9 BADVERS 0/0/1 (40)");
}

// mDNS (RFC 6762 §5.4, §10.2): the top bit of the class asks for a unicast answer in a question and means
// cache-flush in a record; as plain DNS the same message shows the whole class.
TEST(DissectDnsSummary, MulticastDnsMarks) {
    dns::message q = query(0, dns::rr_type::a, false);
    q.header.rd = false;
    q.questions[0].klass = static_cast<dns::rr_class>(0x8001);
    q.questions.push_back({name("x.local"), dns::rr_type::aaaa, dns::rr_class::in});
    EXPECT_EQ(summary_of(q, dissect::dns_flavor::mdns),
              "0 [2q] A (QU)? example.org. AAAA (QM)? x.local. (42)");
    EXPECT_EQ(summary_of(q), "0 [2q] A (Class 32769)? example.org. AAAA? x.local. (42)");
    dns::message r = dns::make_response(query(0, dns::rr_type::a, false));
    r.header.aa = true;
    r.questions.clear();
    r.answers.push_back(dns::make_record(name("printer.local"), 120, dns::rdata_a{{192, 0, 2, 9}}));
    r.answers.back().klass = static_cast<dns::rr_class>(0x8001);
    r.answers.push_back(dns::make_record(name("printer.local"), 120, dns::rdata_a{{192, 0, 2, 10}}));
    EXPECT_EQ(summary_of(r, dissect::dns_flavor::mdns),
              "0*- [0q] 2/0/0 (Cache flush) A 192.0.2.9, A 192.0.2.10 (57)");
    EXPECT_EQ(summary_of(r), "0*- [0q] 2/0/0 (Class 32769) A 192.0.2.9, A 192.0.2.10 (57)");
}

TEST(DissectDnsSummary, SectionCountsAndClasses) {
    dns::message q = query(5, dns::rr_type::txt, false);
    q.questions[0].klass = dns::rr_class::ch;
    EXPECT_EQ(summary_of(q), "5+ TXT CHAOS? example.org. (29)");
    q.questions.clear();
    EXPECT_EQ(summary_of(q), "5+ [0q] (12)");
}

TEST(DissectDnsSummary, LongAnswerListsAreCut) {
    dns::message r = dns::make_response(query(3, dns::rr_type::a, false));
    r.header.ra = true;
    for (std::uint8_t i = 0; i < 100; ++i)
        r.answers.push_back(dns::make_record(name("example.org"), 60, dns::rdata_a{{192, 0, 2, i}}));
    const std::string s = summary_of(r);
    EXPECT_LE(s.size(), dissect::dns_summary_max);
    EXPECT_NE(s.find(" ..."), std::string::npos) << s;
    EXPECT_EQ(s.find(" ...", s.find(" ...") + 1), std::string::npos);  // marked once
    EXPECT_TRUE(s.starts_with("3 100/0/0 A 192.0.2.0, A 192.0.2.1, ")) << s;
    EXPECT_TRUE(s.ends_with(" (1629)")) << s;
}

}  // namespace
