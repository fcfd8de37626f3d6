// SPDX-License-Identifier: MIT
// Unit tests for core/: result<T>, byte order, byte_reader and byte_writer.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "sockit/core/byte_order.hpp"
#include "sockit/core/byte_reader.hpp"
#include "sockit/core/byte_writer.hpp"
#include "sockit/core/codec_errc.hpp"
#include "sockit/core/result.hpp"

namespace sockit {
namespace {

result<int> half(int v) {
    if (v % 2 != 0) return fail(codec_errc::bad_value);
    return v / 2;
}

TEST(Result, CarriesValueOrError) {
    auto ok = half(8);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, 4);
    auto bad = half(3);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), codec_errc::bad_value);
    EXPECT_EQ(bad.value_or(-1), -1);
    EXPECT_THROW((void)bad.value(), std::bad_variant_access);  // misuse is loud, never garbage
}

TEST(Result, VoidAndCustomError) {
    result<void> fine;
    EXPECT_TRUE(fine);
    result<void> broken = fail(codec_errc::truncated);
    EXPECT_FALSE(broken);
    EXPECT_EQ(broken.error().message(), "truncated");
    result<std::string, int> custom = fail(7);
    EXPECT_EQ(custom.error(), 7);
}

TEST(ByteOrder, MatchesNetworkOrder) {
    EXPECT_EQ(hton16(0x1234), byteswap(std::uint16_t{0x1234}));  // x86 and every Linux target we build on
    std::array<std::uint8_t, 8> buf{};
    store_be32(buf.data() + 1, 0xdeadbeef);
    EXPECT_EQ(buf[1], 0xde);
    EXPECT_EQ(buf[4], 0xef);
    EXPECT_EQ(load_be32(buf.data() + 1), 0xdeadbeefU);
    store_be64(buf.data(), 0x0102030405060708ULL);
    EXPECT_EQ(load_be64(buf.data()), 0x0102030405060708ULL);
    EXPECT_EQ(load_be16(buf.data() + 6), 0x0708);
}

TEST(ByteReader, NeverReadsPastTheEnd) {
    const std::array<std::uint8_t, 7> bytes{1, 2, 3, 4, 5, 6, 7};
    byte_reader r(bytes);
    EXPECT_EQ(*r.u8(), 1);
    EXPECT_EQ(*r.be16(), 0x0203);
    auto too_far = r.be32();  // 4 bytes wanted, 4 left: fine
    ASSERT_TRUE(too_far);
    EXPECT_EQ(*too_far, 0x04050607U);
    EXPECT_EQ(r.u8().error(), codec_errc::truncated);
    EXPECT_EQ(r.offset(), 7U);
    // A failed read leaves the cursor where it was.
    byte_reader r2(bytes);
    ASSERT_TRUE(r2.skip(5));
    EXPECT_FALSE(r2.be32());
    EXPECT_EQ(r2.offset(), 5U);
    EXPECT_EQ(r2.bytes(2)->size(), 2U);
    EXPECT_FALSE(r2.bytes(1));
    EXPECT_FALSE(r2.seek(8));
    EXPECT_TRUE(r2.seek(0));
}

TEST(ByteReader, TruncatedAtEveryOffset) {
    const std::array<std::uint8_t, 15> bytes{};
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        byte_reader r(bytes_view(bytes).first(n));
        // u8 + be16 + be32 + be64 = 15 bytes: every shorter input fails on exactly one read.
        bool ok = r.u8() && r.be16() && r.be32() && r.be64();
        EXPECT_FALSE(ok) << n;
    }
    byte_reader full(bytes);
    EXPECT_TRUE(full.u8() && full.be16() && full.be32() && full.be64());
}

TEST(ByteWriter, AppendsAndPatches) {
    byte_buffer out;
    byte_writer w(out);
    w.u8(0x45);
    w.be16(0);  // placeholder length
    w.be32(0x0a000001);
    w.zeros(2);
    w.bytes(as_bytes("hi"));
    w.patch_be16(1, static_cast<std::uint16_t>(w.size()));
    const byte_buffer want{0x45, 0x00, 0x0b, 0x0a, 0x00, 0x00, 0x01, 0x00, 0x00, 'h', 'i'};
    EXPECT_EQ(out, want);
}

}  // namespace
}  // namespace sockit
