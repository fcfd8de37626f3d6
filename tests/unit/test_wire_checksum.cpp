// SPDX-License-Identifier: MIT
// Tests of the RFC 1071 Internet checksum, the pseudo-headers and the RFC 1662 FCS-16, against
// straightforward reference implementations and published vectors.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include "sockit/core/codec_errc.hpp"
#include "sockit/wire/internet_checksum.hpp"
#include "sockit/wire/ppp_hdlc.hpp"

using namespace sockit;
using namespace sockit::wire;

namespace {

// The textbook algorithm of RFC 1071 §4.1: 16-bit big-endian words summed in 32 bits, folded.
std::uint16_t reference_checksum(const std::vector<std::uint8_t>& d) {
    std::uint32_t sum = 0;
    std::size_t i = 0;
    for (; i + 1 < d.size(); i += 2) sum += static_cast<std::uint32_t>((d[i] << 8) | d[i + 1]);
    if (i < d.size()) sum += static_cast<std::uint32_t>(d[i] << 8);
    while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

TEST(WireChecksum, Rfc1071Example) {
    // RFC 1071 §3 example: the words 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is 220d.
    std::array<std::uint8_t, 8> d{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    internet_checksum c;
    c.add(d);
    EXPECT_EQ(c.folded_sum(), 0xddf2);
    EXPECT_EQ(c.value(), 0x220d);
}

TEST(WireChecksum, KnownIpv4Header) {
    // A real IPv4 header (Wikipedia's worked example) with checksum b861: the whole header sums to 0.
    std::array<std::uint8_t, 20> h{0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                                   0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};
    EXPECT_EQ(internet_checksum::of(h), 0);
    h[10] = h[11] = 0;
    EXPECT_EQ(internet_checksum::of(h), 0xb861);
}

TEST(WireChecksum, MatchesReferenceAtEverySizeAndAlignment) {
    std::mt19937 rng(1071);
    std::vector<std::uint8_t> buf(4096 + 64);
    for (auto& b : buf) b = static_cast<std::uint8_t>(rng());
    // Sizes 0..300 cover every tail case of the 64/16/4/2/1-byte loops; offsets cover misalignment.
    for (std::size_t off = 0; off < 16; ++off) {
        for (std::size_t n = 0; n <= 300; ++n) {
            std::vector<std::uint8_t> d(buf.begin() + static_cast<std::ptrdiff_t>(off),
                                        buf.begin() + static_cast<std::ptrdiff_t>(off + n));
            ASSERT_EQ(internet_checksum::of(bytes_view(buf).subspan(off, n)), reference_checksum(d))
                << "offset " << off << " size " << n;
        }
    }
    // Large blocks of 0xff stress the carries (each 32-bit word is 0xffffffff).
    std::vector<std::uint8_t> ones(65536, 0xff);
    EXPECT_EQ(internet_checksum::of(ones), reference_checksum(ones));
}

TEST(WireChecksum, SplitAnywhereGivesTheSameSum) {
    std::mt19937 rng(768);
    std::vector<std::uint8_t> d(257);
    for (auto& b : d) b = static_cast<std::uint8_t>(rng());
    std::uint16_t whole = internet_checksum::of(d);
    for (std::size_t a = 0; a <= d.size(); a += 7) {
        for (std::size_t b = a; b <= d.size(); b += 13) {
            internet_checksum c;
            c.add(bytes_view(d).first(a));
            c.add(bytes_view(d).subspan(a, b - a));
            c.add(bytes_view(d).subspan(b));
            ASSERT_EQ(c.value(), whole) << a << " " << b;
        }
    }
}

TEST(WireChecksum, PseudoHeaders) {
    // The pseudo-headers equal summing their explicit byte layouts (RFC 768, RFC 8200 §8.1).
    std::array<std::uint8_t, 4> s4{192, 0, 2, 1}, d4{198, 51, 100, 7};
    internet_checksum a;
    a.add_pseudo_header_v4(s4, d4, 17, 0x1234);
    std::vector<std::uint8_t> ph{192, 0, 2, 1, 198, 51, 100, 7, 0, 17, 0x12, 0x34};
    EXPECT_EQ(a.value(), reference_checksum(ph));

    std::array<std::uint8_t, 16> s6{0x20, 0x01, 0x0d, 0xb8}, d6{0xfe, 0x80};
    s6[15] = 1;
    d6[15] = 2;
    internet_checksum b;
    b.add_pseudo_header_v6(s6, d6, 58, 0x10203);
    std::vector<std::uint8_t> ph6(s6.begin(), s6.end());
    ph6.insert(ph6.end(), d6.begin(), d6.end());
    for (int x : {0, 1, 2, 3, 0, 0, 0, 58}) ph6.push_back(static_cast<std::uint8_t>(x));
    EXPECT_EQ(b.value(), reference_checksum(ph6));
    // add16/add32 are the same as adding the big-endian bytes.
    internet_checksum c;
    c.add32(0xdeadbeef);
    c.add16(0x0102);
    EXPECT_EQ(c.value(), reference_checksum({0xde, 0xad, 0xbe, 0xef, 0x01, 0x02}));
}

TEST(WireChecksum, PppFcs16) {
    // RFC 1662 §C.2: a good frame followed by its complemented FCS (LSB first) gives 0xf0b8.
    std::vector<std::uint8_t> frame{0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x04};
    std::uint16_t fcs = static_cast<std::uint16_t>(~ppp_fcs16(frame));
    frame.push_back(static_cast<std::uint8_t>(fcs & 0xff));
    frame.push_back(static_cast<std::uint8_t>(fcs >> 8));
    EXPECT_EQ(ppp_fcs16(frame), 0xf0b8);
    // CRC-16/X-25 (the same CRC) of "123456789" is 0x906e: the standard check value.
    std::string_view check = "123456789";
    EXPECT_EQ(static_cast<std::uint16_t>(~ppp_fcs16(as_bytes(check))), 0x906e);
}

TEST(WireChecksum, HdlcFramingRoundTripsAndRejects) {
    struct row {
        const char* why;
        std::vector<std::uint8_t> frame;
    };
    const row rows[] = {
        {"plain LCP", {0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x04}},
        {"flag and escape bytes inside", {0xff, 0x03, 0x00, 0x21, 0x7e, 0x7d, 0x7e, 0x00, 0x1f}},
        {"every control character", {0xff, 0x03, 0x00, 0x21, 0, 1, 2, 3, 4, 5, 0x10, 0x11, 0x13, 0x1f, 0x20}},
    };
    for (const auto& r : rows) {
        byte_buffer framed;
        ppp_hdlc_frame(r.frame, framed);
        EXPECT_EQ(framed.front(), 0x7e) << r.why;
        EXPECT_EQ(framed.back(), 0x7e) << r.why;
        for (std::size_t i = 1; i + 1 < framed.size(); ++i) {
            EXPECT_NE(framed[i], 0x7e) << r.why;
            EXPECT_GE(framed[i], 0x20) << r.why;  // default ACCM: all controls escaped
        }
        byte_buffer back;
        ASSERT_TRUE(ppp_hdlc_unframe(framed, back)) << r.why;
        EXPECT_EQ(back, r.frame) << r.why;
        // A flipped bit anywhere between the flags is caught by the FCS (or the escaping rules).
        for (std::size_t i = 1; i + 1 < framed.size(); ++i) {
            byte_buffer bad = framed;
            bad[i] ^= 0x01;
            if (bad[i] == 0x7e) continue;  // became a flag: a different (shorter) frame
            EXPECT_FALSE(ppp_hdlc_unframe(bad, back)) << r.why << " flip at " << i;
        }
    }
    byte_buffer out;
    // No closing flag.
    EXPECT_EQ(ppp_hdlc_unframe(std::vector<std::uint8_t>{0x7e, 0xff, 0x03}, out).error(),
              codec_errc::truncated);
    // An escape right before the flag aborts the frame.
    EXPECT_EQ(ppp_hdlc_unframe(std::vector<std::uint8_t>{0x7e, 0xff, 0x7d, 0x7e}, out).error(),
              codec_errc::bad_value);
    // Too short for an FCS.
    EXPECT_EQ(ppp_hdlc_unframe(std::vector<std::uint8_t>{0x7e, 0x01, 0x7e}, out).error(),
              codec_errc::truncated);
}

}  // namespace
