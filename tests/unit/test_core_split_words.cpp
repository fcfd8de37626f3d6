// SPDX-License-Identifier: MIT
// split_words: runs of blanks separate words; no empty words; the blank set is the caller's.
#include "sockit/core/split_words.hpp"

#include <gtest/gtest.h>

namespace sockit {
namespace {

using words = std::vector<std::string_view>;

TEST(SplitWords, RunsOfBlanksSeparate) {
    EXPECT_EQ(split_words(""), words{});
    EXPECT_EQ(split_words(" \t "), words{});
    EXPECT_EQ(split_words("a"), words{"a"});
    EXPECT_EQ(split_words("  nameserver\t\t127.0.0.1  "), (words{"nameserver", "127.0.0.1"}));
    EXPECT_EQ(split_words("a\rb"), words{"a\rb"});  // CR is no blank by default
    EXPECT_EQ(split_words("a\rb c\f", " \t\r\f\v"), (words{"a", "b", "c"}));
    std::string_view text = "x  yz";
    auto w = split_words(text);
    ASSERT_EQ(w.size(), 2U);
    EXPECT_EQ(w[1].data(), text.data() + 3);  // views into the text
}

}  // namespace
}  // namespace sockit
