// SPDX-License-Identifier: MIT
// DNS codec tables: names (RFC 1035 §2.3.4, §4.1.4), header flags, mnemonics, RDATA of every typed kind,
// messages with compression and EDNS0 (RFC 6891), TCP framing (RFC 7766 §8).
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/dns_header.hpp"
#include "sockit/dns/dns_name.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/message_builder.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/dns/presentation.hpp"
#include "sockit/dns/rcode.hpp"
#include "sockit/dns/rr_class.hpp"
#include "sockit/dns/rr_type.hpp"
#include "sockit/dns/tcp_framing.hpp"
#include "test_dns_support.hpp"

namespace sockit::dns {
namespace {

using sockit::dns::test::from_hex;
using sockit::dns::test::to_hex;

std::error_code err(codec_errc e) { return make_error_code(e); }

query_options with_id(std::uint16_t id, bool dnssec_ok = false) {
    query_options o;
    o.id = id;
    o.dnssec_ok = dnssec_ok;
    return o;
}

// ---- names --------------------------------------------------------------------------------------

struct name_parse_case {
    std::string_view text;
    std::string_view wire_hex;  // empty when an error is expected
    codec_errc error;
    std::string_view printed;  // to_string() of the result
};

TEST(DnsName, ParseTable) {
    const std::string label63(63, 'a');
    const std::string label64(64, 'a');
    const name_parse_case cases[] = {
        {".", "00", {}, "."},                                                // the root
        {"example.org", "076578616d706c65036f726700", {}, "example.org."},   // relative taken as absolute
        {"example.org.", "076578616d706c65036f726700", {}, "example.org."},  // absolute
        {"ExAmple.ORG", "074578416d706c65034f524700", {}, "ExAmple.ORG."},   // case kept
        {"a\\.b.c", "03612e620163 00", {}, "a\\.b.c."},                      // escaped dot stays in the label
        {"a\\032b", "03612062 00", {}, "a\\032b."},                          // \DDD decimal escape (space)
        {"\\255\\000", "02ff00 00", {}, "\\255\\000."},                      // any octet
        {"x\\\\y", "03785c79 00", {}, "x\\\\y."},                            // escaped backslash
        {"q\"(;@$)", "07712228 3b402429 00", {}, "q\\\"\\(\\;\\@\\$\\)."},   // specials escaped on output
        {"", "", codec_errc::bad_value, ""},                                 // empty text
        {"a..b", "", codec_errc::bad_value, ""},                             // empty label
        {".a", "", codec_errc::bad_value, ""},                               // leading dot
        {"a\\25", "", codec_errc::bad_value, ""},                            // short \DDD
        {"a\\256", "", codec_errc::bad_value, ""},                           // \DDD over 255
        {"a\\2x5", "", codec_errc::bad_value, ""},                           // non-digit in \DDD
        {"a\\", "", codec_errc::bad_value, ""},                              // dangling backslash
        {label64, "", codec_errc::too_large, ""},                            // label of 64
    };
    for (const auto& c : cases) {
        auto n = dns_name::parse(c.text);
        if (c.wire_hex.empty()) {
            ASSERT_FALSE(n) << c.text;
            EXPECT_EQ(n.error(), err(c.error)) << c.text;
            continue;
        }
        ASSERT_TRUE(n) << c.text << ": " << n.error().message();
        EXPECT_EQ(to_hex(n->wire()), to_hex(from_hex(c.wire_hex))) << c.text;
        EXPECT_EQ(n->to_string(), c.printed) << c.text;
        // Printing and parsing again gives the same name.
        auto again = dns_name::parse(n->to_string());
        ASSERT_TRUE(again);
        EXPECT_EQ(*again, *n);
    }
    // A label of exactly 63 is fine.
    EXPECT_TRUE(dns_name::parse(label63 + ".org"));
}

TEST(DnsName, LengthLimit255) {
    // 4 labels of 63 = 4 * 64 = 256 wire bytes + root: too long; 3 labels of 63 and one of 61 = 255: fits.
    const std::string l63(63, 'x');
    auto fits = dns_name::parse(l63 + "." + l63 + "." + l63 + "." + std::string(61, 'y'));
    ASSERT_TRUE(fits);
    EXPECT_EQ(fits->wire_size(), 255U);
    auto over = dns_name::parse(l63 + "." + l63 + "." + l63 + "." + std::string(62, 'y'));
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error(), err(codec_errc::too_large));
}

TEST(DnsName, EquivalentIsCaseInsensitiveEqualityIsExact) {
    auto a = dns_name::parse("Example.ORG").value();
    auto b = dns_name::parse("example.org").value();
    EXPECT_TRUE(a.equivalent(b));
    EXPECT_FALSE(a == b);
    EXPECT_FALSE(a.equivalent(dns_name::parse("example.com").value()));
    auto w = b;
    ASSERT_TRUE(w.prepend_label("www"));
    EXPECT_EQ(w.to_string(), "www.example.org.");
    EXPECT_EQ(w.label_count(), 3U);
    auto x = dns_name::parse("a.b").value();
    ASSERT_TRUE(x.append(b));
    EXPECT_EQ(x.to_string(), "a.b.example.org.");
}

struct name_decode_case {
    std::string_view comment;
    std::string_view message_hex;  // the name is decoded at offset
    std::size_t offset;
    std::string_view printed;  // empty when an error is expected
    std::size_t end;           // offset after the name's own bytes
    codec_errc error;
};

TEST(DnsName, DecodeTable) {
    const name_decode_case cases[] = {
        {"plain name", "03 777777 00", 0, "www.", 5, {}},
        {"pointer backwards", "03 6f7267 00 03 777777 c0 00", 5, "www.org.", 11, {}},
        {"pointer to pointer, decreasing", "00 03 6f7267 c0 00 01 61 c0 01", 7, "a.org.", 11, {}},
        {"name that is only a pointer", "03 6f7267 00 c0 00", 5, "org.", 7, {}},
        {"pointer to itself", "c0 00", 0, "", 0, codec_errc::loop},
        {"pointer forwards", "c0 02 00", 0, "", 0, codec_errc::loop},
        {"two pointers in a cycle", "01 61 c0 04 01 62 c0 00", 4, "", 0, codec_errc::loop},
        {"pointer into its own labels", "01 61 01 62 c0 02", 0, "", 0, codec_errc::loop},
        {"label 0x40 type reserved", "41 61", 0, "", 0, codec_errc::bad_value},
        {"label 0x80 type reserved", "81 61", 0, "", 0, codec_errc::bad_value},
        {"missing root", "03 777777", 0, "", 0, codec_errc::truncated},
        {"label runs off", "05 7777", 0, "", 0, codec_errc::truncated},
        {"half a pointer", "03 777777 c0", 0, "", 0, codec_errc::truncated},
        {"offset at the end", "00", 1, "", 0, codec_errc::truncated},
    };
    for (const auto& c : cases) {
        const byte_buffer m = from_hex(c.message_hex);
        std::size_t end = 0;
        auto n = dns_name::decode(m, c.offset, &end);
        if (c.printed.empty()) {
            ASSERT_FALSE(n) << c.comment;
            EXPECT_EQ(n.error(), err(c.error)) << c.comment;
        } else {
            ASSERT_TRUE(n) << c.comment << ": " << n.error().message();
            EXPECT_EQ(n->to_string(), c.printed) << c.comment;
            EXPECT_EQ(end, c.end) << c.comment;
        }
    }
}

TEST(DnsName, DecompressedLengthIsLimited) {
    // Chain of pointers adding 63-byte labels: 4 labels of 63 exceed 255 once decompressed.
    byte_buffer m;
    m.push_back(0);  // root at 0
    std::size_t prev = 0;
    for (int i = 0; i < 4; ++i) {
        const std::size_t at = m.size();
        m.push_back(63);
        m.insert(m.end(), 63, 'z');
        m.push_back(static_cast<std::uint8_t>(0xC0 | (prev >> 8)));
        m.push_back(static_cast<std::uint8_t>(prev & 0xFF));
        prev = at;
    }
    auto three = dns_name::decode(m, 1 + 2 * 66);  // third link: 3 labels, fine
    ASSERT_TRUE(three);
    EXPECT_EQ(three->label_count(), 3U);
    auto four = dns_name::decode(m, prev);
    ASSERT_FALSE(four);
    EXPECT_EQ(four.error(), err(codec_errc::too_large));
}

// ---- header -------------------------------------------------------------------------------------

struct flag_case {
    std::string_view comment;
    std::uint16_t word;
    dns_header expect;  // only flag fields set
};

TEST(DnsHeader, FlagNamesInDigsOrder) {
    dns_header h;
    EXPECT_TRUE(h.flag_names().empty());
    h.cd = h.ad = h.z = h.rd = h.qr = true;  // z is no flag dig names; opcode and rcode are not flags
    h.opcode = opcode::notify;
    h.rcode_low = 3;
    EXPECT_EQ(h.flag_names(), (std::vector<std::string_view>{"qr", "rd", "ad", "cd"}));
    h.aa = h.tc = h.ra = true;
    EXPECT_EQ(h.flag_names(), (std::vector<std::string_view>{"qr", "aa", "tc", "rd", "ra", "ad", "cd"}));
}

TEST(DnsHeader, EveryFlagBit) {
    auto h = [](auto set) {
        dns_header x;
        set(x);
        return x;
    };
    const flag_case cases[] = {
        {"QR", 0x8000, h([](dns_header& x) { x.qr = true; })},
        {"opcode NOTIFY", 0x2000, h([](dns_header& x) { x.opcode = opcode::notify; })},
        {"opcode 15", 0x7800, h([](dns_header& x) { x.opcode = static_cast<opcode>(15); })},
        {"AA", 0x0400, h([](dns_header& x) { x.aa = true; })},
        {"TC", 0x0200, h([](dns_header& x) { x.tc = true; })},
        {"RD", 0x0100, h([](dns_header& x) { x.rd = true; })},
        {"RA", 0x0080, h([](dns_header& x) { x.ra = true; })},
        {"Z", 0x0040, h([](dns_header& x) { x.z = true; })},
        {"AD", 0x0020, h([](dns_header& x) { x.ad = true; })},
        {"CD", 0x0010, h([](dns_header& x) { x.cd = true; })},
        {"rcode NXDOMAIN", 0x0003, h([](dns_header& x) { x.rcode_low = 3; })},
        {"rcode 15", 0x000F, h([](dns_header& x) { x.rcode_low = 15; })},
    };
    for (const auto& c : cases) {
        byte_buffer wire = {0x12,
                            0x34,
                            static_cast<std::uint8_t>(c.word >> 8),
                            static_cast<std::uint8_t>(c.word),
                            0,
                            1,
                            0,
                            2,
                            0,
                            3,
                            0,
                            4};
        auto d = dns_header::decode(wire);
        ASSERT_TRUE(d) << c.comment;
        dns_header want = c.expect;
        want.id = 0x1234;
        want.qdcount = 1;
        want.ancount = 2;
        want.nscount = 3;
        want.arcount = 4;
        EXPECT_EQ(*d, want) << c.comment;
        EXPECT_EQ(d->flags_word(), c.word) << c.comment;
        byte_buffer out;
        byte_writer w(out);
        d->encode(w);
        EXPECT_EQ(out, wire) << c.comment;
    }
    EXPECT_EQ(dns_header::decode(byte_buffer(11)).error(), err(codec_errc::truncated));
}

// ---- mnemonics ----------------------------------------------------------------------------------

TEST(DnsMnemonics, TypesBothWays) {
    struct row {
        std::string_view text;
        std::uint16_t value;
        std::string_view printed;
    };
    const row rows[] = {
        {"A", 1, "A"},                      // named
        {"aaaa", 28, "AAAA"},               // case-insensitive
        {"CAA", 257, "CAA"},                // above 255
        {"OPT", 41, "OPT"},                 // pseudo type
        {"TYPE123", 123, "TYPE123"},        // RFC 3597 generic
        {"type28", 28, "AAAA"},             // generic form of a named type
        {"TYPE65535", 65535, "TYPE65535"},  // the largest
    };
    for (const auto& r : rows) {
        auto t = parse_rr_type(r.text);
        ASSERT_TRUE(t) << r.text;
        EXPECT_EQ(static_cast<std::uint16_t>(*t), r.value) << r.text;
        EXPECT_EQ(to_string(*t), r.printed) << r.text;
    }
    for (std::string_view bad : {"", "TYPE", "TYPE65536", "TYPE-1", "TYPE+1", "AAAAA", "TYPE1x", "A "}) {
        auto t = parse_rr_type(bad);
        ASSERT_FALSE(t) << bad;
        EXPECT_EQ(t.error(), err(codec_errc::bad_value)) << bad;
    }
}

TEST(DnsMnemonics, ClassesRcodesOpcodes) {
    EXPECT_EQ(parse_rr_class("in").value(), rr_class::in);
    EXPECT_EQ(parse_rr_class("CLASS3").value(), rr_class::ch);
    EXPECT_EQ(to_string(rr_class::cs), "CLASS2");  // obsolete, printed generically like dig does
    EXPECT_EQ(to_string(static_cast<rr_class>(4321)), "CLASS4321");
    EXPECT_FALSE(parse_rr_class("CLASS"));
    EXPECT_EQ(to_string(rcode::nxdomain), "NXDOMAIN");
    EXPECT_EQ(to_string(rcode::badvers), "BADVERS");
    EXPECT_EQ(to_string(static_cast<rcode>(12)), "RESERVED12");
    EXPECT_EQ(parse_rcode("servfail").value(), rcode::servfail);
    EXPECT_EQ(parse_rcode("4095").value(), static_cast<rcode>(4095));
    EXPECT_FALSE(parse_rcode("4096"));
    EXPECT_EQ(to_string(opcode::notify), "NOTIFY");
    EXPECT_EQ(to_string(static_cast<opcode>(3)), "RESERVED3");
    EXPECT_EQ(parse_opcode("update").value(), opcode::update);
    EXPECT_FALSE(parse_opcode("16"));
}

// ---- RDATA --------------------------------------------------------------------------------------

struct rdata_case {
    std::string_view comment;
    rr_type type;
    rr_class klass;
    std::string_view
        rdata_hex;  // placed after a 13-byte prefix "00 03 6f7267 00 ..." so pointers can reach "org."
    std::string_view printed;  // empty when an error is expected
    codec_errc error;
};

TEST(DnsRdata, DecodeTable) {
    using enum rr_type;
    const rr_class in = rr_class::in;
    const rdata_case cases[] = {
        {"A", a, in, "c0000201", "192.0.2.1", {}},
        {"A too short", a, in, "c00002", "", codec_errc::bad_length},
        {"A too long", a, in, "c000020101", "", codec_errc::bad_length},
        {"A in class CH is not an address: raw", a, rr_class::ch, "0001c0000201", "\\# 6 0001C0000201", {}},
        {"AAAA", aaaa, in, "20010db8000000000000000000000001", "2001:db8::1", {}},
        {"AAAA mapped", aaaa, in, "00000000000000000000ffffc0000201", "::ffff:192.0.2.1", {}},
        {"AAAA compatible", aaaa, in, "000000000000000000000000c0000201", "::192.0.2.1", {}},
        {"AAAA loopback", aaaa, in, "00000000000000000000000000000001", "::1", {}},
        {"AAAA short", aaaa, in, "20010db8", "", codec_errc::bad_length},
        {"CNAME compressed", cname, in, "03777777c001", "www.org.", {}},
        {"CNAME root", cname, in, "00", ".", {}},
        {"CNAME with bytes after", cname, in, "0000", "", codec_errc::bad_length},
        {"CNAME runs off RDATA", cname, in, "03777777", "", codec_errc::bad_length},
        {"NS", ns, in, "026e73c001", "ns.org.", {}},
        {"PTR", ptr, in, "c001", "org.", {}},
        {"MX", mx, in, "000a046d61696cc001", "10 mail.org.", {}},
        {"MX without exchange", mx, in, "000a", "", codec_errc::bad_length},
        {"TXT two strings", txt, in, "0568656c6c6f00", "\"hello\" \"\"", {}},
        {"TXT escapes", txt, in, "056122625c09", "\"a\\\"b\\\\\\009\"", {}},
        {"TXT string runs off", txt, in, "0568656c6c", "", codec_errc::bad_length},
        {"TXT in CH", txt, rr_class::ch, "0178", "\"x\"", {}},
        {"SOA",
         soa,
         in,
         "c00102686dc001 0000000100000002 0000000300000004 00000005",
         "org. hm.org. 1 2 3 4 5",
         {}},
        {"SOA short", soa, in, "c001c001 00000001", "", codec_errc::bad_length},
        {"SRV", srv, in, "0001000213c4 03736970c001", "1 2 5060 sip.org.", {}},
        {"SRV short", srv, in, "00010002", "", codec_errc::bad_length},
        {"CAA", caa, in, "0005 6973737565 6c652e6f7267", "0 issue \"le.org\"", {}},
        {"CAA empty value", caa, in, "80 03 746273", "128 tbs \"\"", {}},
        {"CAA tag length 0", caa, in, "0000", "", codec_errc::bad_value},
        {"CAA tag not alphanumeric", caa, in, "0002 612d", "", codec_errc::bad_value},
        {"CAA tag runs off", caa, in, "0009 6973", "", codec_errc::bad_length},
        {"OPT options", opt, static_cast<rr_class>(1232), "000a0002abcd", "\\# 6 000A0002ABCD", {}},
        {"OPT option runs off", opt, static_cast<rr_class>(1232), "000a0005ab", "", codec_errc::bad_length},
        {"unknown type", static_cast<rr_type>(123), in, "abcdef", "\\# 3 ABCDEF", {}},
        {"unknown empty", static_cast<rr_type>(65280), in, "", "\\# 0", {}},
    };
    const byte_buffer prefix = from_hex("00 03 6f7267 00 00 00 00 00 00 00 00");  // "org." at offset 1
    for (const auto& c : cases) {
        byte_buffer m = prefix;
        const byte_buffer rd = from_hex(c.rdata_hex);
        m.insert(m.end(), rd.begin(), rd.end());
        auto d = decode_rdata(c.type, c.klass, m, prefix.size(), rd.size());
        auto v = validate_rdata(c.type, c.klass, m, prefix.size(), rd.size());
        if (c.printed.empty()) {
            ASSERT_FALSE(d) << c.comment;
            EXPECT_EQ(d.error(), err(c.error)) << c.comment;
            ASSERT_FALSE(v) << c.comment;
            EXPECT_EQ(v.error(), err(c.error)) << c.comment;
            continue;
        }
        ASSERT_TRUE(d) << c.comment << ": " << d.error().message();
        EXPECT_TRUE(v) << c.comment;
        EXPECT_EQ(rdata_to_string(*d), c.printed) << c.comment;
        EXPECT_EQ(d->index(), rdata_kind(c.type, c.klass)) << c.comment;
        // Re-encoding uncompressed and decoding again gives the same value.
        byte_buffer again;
        byte_writer w(again);
        ASSERT_TRUE(encode_rdata(*d, w, nullptr)) << c.comment;
        auto d2 = decode_rdata(c.type, c.klass, again, 0, again.size());
        ASSERT_TRUE(d2) << c.comment;
        EXPECT_EQ(*d2, *d) << c.comment;
    }
    // The RDATA itself running off the message is truncation.
    const byte_buffer m = from_hex("c00002");
    EXPECT_EQ(decode_rdata(rr_type::a, rr_class::in, m, 0, 4).error(), err(codec_errc::truncated));
}

TEST(DnsRdata, HexOfUnknownTypesIsSplitInWordsOf56Digits) {
    byte_buffer data(50, 0xAB);
    const std::string text = rdata_to_string(rdata_unknown{data});
    std::string want = "\\# 50 ";
    for (int i = 0; i < 28; ++i) want += "AB";  // 56 digits
    want += ' ';
    for (int i = 0; i < 22; ++i) want += "AB";
    EXPECT_EQ(text, want);
}

TEST(DnsRdata, EncodeErrors) {
    byte_buffer out;
    byte_writer w(out);
    EXPECT_EQ(encode_rdata(rdata_txt{{std::string(256, 'x')}}, w, nullptr).error(),
              err(codec_errc::too_large));
    EXPECT_EQ(encode_rdata(rdata_caa{0, "", "v"}, w, nullptr).error(), err(codec_errc::bad_value));
    EXPECT_EQ(encode_rdata(rdata_caa{0, "is sue", "v"}, w, nullptr).error(), err(codec_errc::bad_value));
    EXPECT_EQ(encode_rdata(rdata_opt{{{1, byte_buffer(65536)}}}, w, nullptr).error(),
              err(codec_errc::too_large));
}

// ---- messages -----------------------------------------------------------------------------------

TEST(DnsMessage, QueryBytesMatchDig) {
    // dig +qr example.org AAAA with +nocookie sends exactly these bytes (ID 0x2e8f, RD and AD, EDNS 1232).
    query_options o;
    o.id = 0x2e8f;
    o.authentic_data = true;
    auto wire = build_query(dns_name::parse("example.org").value(), rr_type::aaaa, o);
    ASSERT_TRUE(wire);
    EXPECT_EQ(to_hex(*wire),
              "2e8f01200001000000000001076578616d706c65036f72670000"
              "1c00010000290"
              "4d0000000000000");
}

TEST(DnsMessage, CompressionRoundTrip) {
    message m =
        make_response(make_query(dns_name::parse("www.Example.org").value(), rr_type::mx, with_id(7)));
    const auto owner = dns_name::parse("www.Example.org").value();
    m.answers.push_back(make_record(owner, 300, rdata_cname{dns_name::parse("mail.Example.org").value()}));
    m.answers.push_back(make_record(dns_name::parse("mail.Example.org").value(), 300,
                                    rdata_mx{10, dns_name::parse("mx.mail.Example.org").value()}));
    m.authority.push_back(make_record(dns_name::parse("example.org").value(), 60,  // other case: not shared
                                      rdata_soa{dns_name::parse("ns.Example.org").value(),
                                                dns_name::parse("hm.Example.org").value(), 1, 2, 3, 4, 5}));
    m.additional.push_back(make_record(dns_name::parse("_s._tcp.Example.org").value(), 5,
                                       rdata_srv{1, 2, 3, dns_name::parse("www.Example.org").value()}));
    auto compressed = m.encode(true);
    auto plain = m.encode(false);
    ASSERT_TRUE(compressed);
    ASSERT_TRUE(plain);
    EXPECT_LT(compressed->size(), plain->size());
    for (const byte_buffer* wire : {&*compressed, &*plain}) {
        auto d = message::decode(*wire);
        ASSERT_TRUE(d) << d.error().message();
        message want = m;
        want.header.qdcount = 1;
        want.header.ancount = 2;
        want.header.nscount = 1;
        want.header.arcount = 2;
        EXPECT_EQ(*d, want);
    }
    // The SRV target is written in full even though "www.Example.org" was written before (RFC 2782).
    const std::string c = to_hex(*compressed);
    EXPECT_NE(c.find("000100020003"
                     "03777777074578616d706c65036f726700"),
              std::string::npos);
}

TEST(DnsMessage, EdnsAndExtendedRcode) {
    message q = make_query(dns_name{}, rr_type::ns, with_id(1, true));
    message r = make_response(q, rcode::badvers, 4096);
    ASSERT_TRUE(r.opt);
    EXPECT_EQ(r.header.rcode_low, 0);
    EXPECT_EQ(r.opt->extended_rcode, 1);
    EXPECT_TRUE(r.opt->dnssec_ok);
    r.opt->options.push_back({10, {1, 2, 3, 4, 5, 6, 7, 8}});
    r.opt->z = 0x11;
    r.opt->version = 1;
    auto wire = r.encode();
    ASSERT_TRUE(wire);
    auto d = message::decode(*wire);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->full_rcode(), rcode::badvers);
    EXPECT_EQ(d->opt, r.opt);
    auto v = message_view::parse(*wire);
    ASSERT_TRUE(v);
    EXPECT_TRUE(v->has_opt());
    EXPECT_EQ(v->full_rcode(), rcode::badvers);
    EXPECT_EQ(static_cast<std::uint16_t>(v->opt_record().klass), 4096);
    EXPECT_TRUE(v->matches_question(dns_name{}, rr_type::ns, rr_class::in));
    EXPECT_FALSE(v->matches_question(dns_name{}, rr_type::a, rr_class::in));
}

struct bad_message_case {
    std::string_view comment;
    std::string_view hex;
    codec_errc error;
};

TEST(DnsMessage, MalformedTable) {
    const bad_message_case cases[] = {
        {"short header", "0001 0000 0000 0000 0000 00", codec_errc::truncated},
        {"question missing", "0001 0000 0001 0000 0000 0000", codec_errc::truncated},
        {"question type cut", "0001 0000 0001 0000 0000 0000 00 0001", codec_errc::truncated},
        {"record missing", "0001 8000 0000 0001 0000 0000", codec_errc::truncated},
        {"RDATA cut", "0001 8000 0000 0001 0000 0000 00 0001 0001 00000000 0004 c000", codec_errc::truncated},
        {"trailing byte", "0001 8000 0000 0000 0000 0000 ff", codec_errc::bad_length},
        {"A of 3 bytes", "0001 8000 0000 0001 0000 0000 00 0001 0001 00000000 0003 c00002",
         codec_errc::bad_length},
        {"OPT in the answer", "0001 8000 0000 0001 0000 0000 00 0029 1000 00000000 0000",
         codec_errc::bad_value},
        {"two OPT", "0001 8000 0000 0000 0000 0002 00 0029 1000 00000000 0000 00 0029 1000 00000000 0000",
         codec_errc::bad_value},
        {"OPT not owned by root", "0001 8000 0000 0000 0000 0001 0161 00 0029 1000 00000000 0000",
         codec_errc::bad_value},
        {"forward pointer in question", "0001 0000 0001 0000 0000 0000 c00e 0001 0001 00", codec_errc::loop},
    };
    for (const auto& c : cases) {
        const byte_buffer wire = from_hex(c.hex);
        auto v = message_view::parse(wire);
        ASSERT_FALSE(v) << c.comment;
        EXPECT_EQ(v.error(), err(c.error)) << c.comment;
        auto m = message::decode(wire);
        ASSERT_FALSE(m) << c.comment;
        EXPECT_EQ(m.error(), err(c.error)) << c.comment;
    }
}

TEST(DnsMessage, ViewIteratesEverySection) {
    message m = make_response(make_query(dns_name::parse("a.example").value(), rr_type::a, with_id(9)));
    for (int i = 0; i < 3; ++i)
        m.answers.push_back(make_record(dns_name::parse("a.example").value(), static_cast<std::uint32_t>(i),
                                        rdata_a{{10, 0, 0, static_cast<std::uint8_t>(i)}}));
    m.authority.push_back(
        make_record(dns_name::parse("example").value(), 9, rdata_ns{dns_name::parse("ns.example").value()}));
    auto wire = m.encode().value();
    auto v = message_view::parse(wire).value();
    EXPECT_EQ(v.questions().size(), 1U);
    std::uint32_t ttl = 0;
    for (const record_view& r : v.answers()) {
        EXPECT_EQ(r.type, rr_type::a);
        EXPECT_EQ(r.ttl, ttl);
        EXPECT_EQ(r.name().value().to_string(), "a.example.");
        EXPECT_EQ(std::get<rdata_a>(r.rdata().value()).address[3], ttl);
        ++ttl;
    }
    EXPECT_EQ(ttl, 3U);
    EXPECT_EQ(v.authority().size(), 1U);
    EXPECT_EQ(rdata_to_string(v.authority().begin()->rdata().value()), "ns.example.");
    ASSERT_EQ(v.additional().size(), 1U);  // the response echoes EDNS: its OPT record is the additional one
    EXPECT_EQ(v.additional().begin()->type, rr_type::opt);
}

// ---- TCP framing --------------------------------------------------------------------------------

TEST(DnsTcpFraming, Table) {
    struct row {
        std::string_view comment;
        std::string_view stream_hex;
        codec_errc error;
        std::size_t consumed;
    };
    const std::string twelve = "000c 000000000000000000000000";
    const std::string twelve_and_more = twelve + "00";
    const row rows[] = {
        {"empty stream", "", codec_errc::need_more, 0},
        {"half a prefix", "00", codec_errc::need_more, 0},
        {"prefix only", "000c", codec_errc::need_more, 0},
        {"one byte short", "000c 0000000000000000000000", codec_errc::need_more, 0},
        {"exactly one message", twelve, {}, 14},
        {"one message and the next's start", twelve_and_more, {}, 14},
        {"length under a header", "000b 0000000000000000000000", codec_errc::bad_length, 0},
        {"zero length", "0000", codec_errc::bad_length, 0},
    };
    for (const auto& r : rows) {
        const byte_buffer s = from_hex(r.stream_hex);
        auto f = next_tcp_frame(s);
        if (r.consumed == 0) {
            ASSERT_FALSE(f) << r.comment;
            EXPECT_EQ(f.error(), err(r.error)) << r.comment;
        } else {
            ASSERT_TRUE(f) << r.comment;
            EXPECT_EQ(f->consumed, r.consumed) << r.comment;
            EXPECT_EQ(f->message.size(), r.consumed - 2) << r.comment;
        }
    }
    byte_buffer out;
    ASSERT_TRUE(append_tcp_frame(out, byte_buffer(300, 1)));
    EXPECT_EQ(out[0], 1);
    EXPECT_EQ(out[1], 44);
    EXPECT_EQ(append_tcp_frame(out, byte_buffer(65536)).error(), err(codec_errc::too_large));
}

// ---- presentation -------------------------------------------------------------------------------

TEST(DnsPresentation, DigColumns) {
    struct row {
        std::string_view comment;
        resource_record rr;
        std::string_view dig;
        std::string_view plain;
    };
    const auto n = [](std::string_view s) { return dns_name::parse(s).value(); };
    const row rows[] = {
        {"short name: two tabs to 24", make_record(n("example.org"), 3600, rdata_a{{192, 0, 2, 1}}),
         "example.org.\t\t3600\tIN\tA\t192.0.2.1", "example.org. 3600 IN A 192.0.2.1"},
        {"22-char name: one tab",
         make_record(n("_sip._tcp.example.org"), 60, rdata_srv{10, 60, 5060, n("sip.example.org")}),
         "_sip._tcp.example.org.\t60\tIN\tSRV\t10 60 5060 sip.example.org.",
         "_sip._tcp.example.org. 60 IN SRV 10 60 5060 sip.example.org."},
        {"long name and TTL: single spaces",
         make_record(n("averyveryverylongname.example.org"), 2147483647, rdata_a{{192, 0, 2, 1}}),
         "averyveryverylongname.example.org. 2147483647 IN A 192.0.2.1",
         "averyveryverylongname.example.org. 2147483647 IN A 192.0.2.1"},
        {"long type: a space before RDATA",
         resource_record{n("example.org"), static_cast<rr_type>(65280), rr_class::in, 60, rdata_unknown{}},
         "example.org.\t\t60\tIN\tTYPE65280 \\# 0", "example.org. 60 IN TYPE65280 \\# 0"},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(to_string(r.rr), r.dig) << r.comment;
        EXPECT_EQ(to_string(r.rr, text_style::plain), r.plain) << r.comment;
    }
    EXPECT_EQ(to_string(question{n("example.org"), rr_type::aaaa, rr_class::in}),
              ";example.org.\t\t\tIN\tAAAA");
}

}  // namespace
}  // namespace sockit::dns
