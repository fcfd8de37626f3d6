// SPDX-License-Identifier: MIT
// DNS decoder robustness: every message truncated at every byte, random bit flips, inputs that end right
// before a guard page (PROT_NONE), and the round-trip property on whatever still decodes.
#include <gtest/gtest.h>

#include <random>

#include "guarded_buffer.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/message_view.hpp"
#include "sockit/dns/presentation.hpp"
#include "sockit/dns/tcp_framing.hpp"
#include "test_dns_support.hpp"

namespace sockit::dns {
namespace {

/// Decodes wire every way there is (view, owned message, presentation); if it decodes, re-encoding and
/// decoding again must give the same message. Returns whether it decoded.
bool exercise(bytes_view wire) {
    auto v = message_view::parse(wire);
    auto m = message::decode(wire);
    EXPECT_EQ(v.has_value(), m.has_value());
    if (!m) return false;
    for (section s : {section::question, section::answer, section::authority, section::additional}) {
        for (const record_view& r : v->entries(s)) {
            EXPECT_TRUE(r.name());
            if (s != section::question) {
                EXPECT_TRUE(r.rdata());
            }
        }
    }
    EXPECT_FALSE(to_string(*m).empty());
    auto again = m->encode();
    EXPECT_TRUE(again);
    if (again) {
        auto m2 = message::decode(*again);
        EXPECT_TRUE(m2);
        if (m2) {
            EXPECT_EQ(*m2, *m);
        }
    }
    return true;
}

// DNS messages up to 64 KiB fit before the guard page.
constexpr std::size_t guarded_pages = 16;

TEST(DnsRobustness, EveryTruncationIsTruncatedBeforeTheGuardPage) {
    sockit::test::guarded_buffer guard(guarded_pages);
    ASSERT_TRUE(guard.ok());
    test::message_generator gen(1);
    for (int i = 0; i < 150; ++i) {
        const message m = gen.next();
        const byte_buffer wire = m.encode(i % 2 == 0).value();
        ASSERT_TRUE(exercise(guard.place(wire))) << i;
        for (std::size_t cut = 0; cut < wire.size(); ++cut) {
            const bytes_view part = guard.place(bytes_view(wire).first(cut));
            auto v = message_view::parse(part);
            ASSERT_FALSE(v) << "message " << i << " cut at " << cut;
            // Any strict prefix of a valid message ends inside a field or a counted section.
            EXPECT_EQ(v.error(), make_error_code(codec_errc::truncated))
                << "message " << i << " cut at " << cut;
            EXPECT_FALSE(exercise(part));
        }
    }
}

TEST(DnsRobustness, TcpFramingByteByByte) {
    test::message_generator gen(2);
    byte_buffer stream;
    std::vector<byte_buffer> sent;
    for (int i = 0; i < 20; ++i) {
        sent.push_back(gen.next().encode().value());
        ASSERT_TRUE(append_tcp_frame(stream, sent.back()));
    }
    // Feed the stream one byte at a time; every message comes out exactly once, whole.
    byte_buffer pending;
    std::size_t got = 0;
    for (std::uint8_t b : stream) {
        pending.push_back(b);
        for (;;) {
            auto f = next_tcp_frame(pending);
            if (!f) {
                ASSERT_EQ(f.error(), make_error_code(codec_errc::need_more));
                break;
            }
            ASSERT_LT(got, sent.size());
            EXPECT_EQ(byte_buffer(f->message.begin(), f->message.end()), sent[got]);
            ASSERT_TRUE(message_view::parse(f->message));
            ++got;
            pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(f->consumed));
        }
    }
    EXPECT_EQ(got, sent.size());
    EXPECT_TRUE(pending.empty());
}

TEST(DnsRobustness, RandomBitFlipsNeverCrashAndRoundTrip) {
    sockit::test::guarded_buffer guard(guarded_pages);
    ASSERT_TRUE(guard.ok());
    test::message_generator gen(3);
    std::mt19937 rng(4);
    int decoded = 0, rejected = 0;
    for (int i = 0; i < 300; ++i) {
        byte_buffer wire = gen.next().encode(i % 3 != 0).value();
        for (int round = 0; round < 40; ++round) {
            byte_buffer flipped = wire;
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips; ++f) {
                const std::size_t at = rng() % flipped.size();
                flipped[at] = static_cast<std::uint8_t>(flipped[at] ^ (1U << (rng() % 8)));
            }
            if (exercise(guard.place(flipped))) {
                ++decoded;
            } else {
                ++rejected;
            }
        }
    }
    // Both outcomes occur: the flips reach fields that matter and fields that do not.
    EXPECT_GT(decoded, 1000);
    EXPECT_GT(rejected, 1000);
}

TEST(DnsRobustness, HostileCompressionIsBounded) {
    // 16 KiB of pointers, each to the one before: decoding the last one walks a long but strictly
    // decreasing chain, and every name is a single root label; a cycle anywhere is refused.
    byte_buffer wire = {0, 1, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0};
    wire.push_back(0);  // root at 12
    for (std::size_t at = 13; at < 0x3FF0; at += 2) {
        const std::size_t target = at - (at == 13 ? 1 : 2);
        wire.push_back(static_cast<std::uint8_t>(0xC0 | (target >> 8)));
        wire.push_back(static_cast<std::uint8_t>(target & 0xFF));
    }
    auto n = dns_name::decode(wire, wire.size() - 2);
    ASSERT_TRUE(n);
    EXPECT_TRUE(n->is_root());
}

}  // namespace
}  // namespace sockit::dns
