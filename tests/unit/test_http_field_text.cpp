// SPDX-License-Identifier: MIT
// Tests of http::is_utf8 (RFC 3629 §4's well-formed sequences) and http::field_text_utf8 (obs-text read as
// ISO-8859-1, RFC 9110 §5.5).
#include <gtest/gtest.h>

#include <string>

#include "sockit/http/field_text.hpp"

namespace sockit::http {
namespace {

TEST(field_text, is_utf8_accepts_well_formed_sequences_only) {
    for (const char* good : {"", "plain ascii", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                             "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF", "a\xC2\x80z"})
        EXPECT_TRUE(is_utf8(good)) << good;
    for (const char* bad :
         {"\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF0\x80\x80\xAF",
          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xC3", "\xE2\x82", "a\xC3(z"})
        EXPECT_FALSE(is_utf8(bad)) << bad;
}

TEST(field_text, keeps_utf8_and_reads_anything_else_as_latin1) {
    EXPECT_EQ(field_text_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
    EXPECT_EQ(field_text_utf8("caf\xE9"), "caf\xC3\xA9");
    EXPECT_EQ(field_text_utf8("\xFF\x80 x"), "\xC3\xBF\xC2\x80 x");
    EXPECT_EQ(field_text_utf8(""), "");
    EXPECT_TRUE(is_utf8(field_text_utf8("\xC3\xA9\xE9")));  // mixed: the whole value is read as Latin-1
    EXPECT_EQ(field_text_utf8("\xC3\xA9\xE9"), "\xC3\x83\xC2\xA9\xC3\xA9");
}

}  // namespace
}  // namespace sockit::http
