// SPDX-License-Identifier: MIT
// Tests of dns_client::batch_reader: `NAME [TYPE]` lines, comments and blank lines, line numbers, the
// default type and class, and bad lines kept with their reason.
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "sockit/dns_client/batch_reader.hpp"

namespace sockit::dns_client {
namespace {

using dns::rr_class;
using dns::rr_type;

std::vector<batch_line> read_all(const std::string& text, rr_type type = rr_type::a,
                                 rr_class klass = rr_class::in) {
    std::istringstream in(text);
    batch_reader reader(in, type, klass);
    std::vector<batch_line> out;
    for (int guard = 0; guard < 100; ++guard) {
        auto line = reader.next();
        if (!line) break;
        out.push_back(std::move(*line));
    }
    EXPECT_FALSE(reader.failed());
    return out;
}

TEST(batch_reader, names_types_comments_and_line_numbers) {
    const auto lines = read_all(
        "# a comment line\n"
        "example.org\n"
        "\n"
        "   \t \r\n"
        "example.com  MX   # trailing comment\r\n"
        "\tEXAMPLE.net\taaaa\n"
        "last.example TYPE65");  // no final newline
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].number, 2u);
    ASSERT_TRUE(lines[0].q);
    EXPECT_EQ(lines[0].q->name.to_string(), "example.org.");
    EXPECT_EQ(lines[0].q->type, rr_type::a);
    EXPECT_EQ(lines[0].q->klass, rr_class::in);
    EXPECT_EQ(lines[0].name_text, "example.org");
    EXPECT_EQ(lines[0].type_text, "A");  // the default's mnemonic
    EXPECT_TRUE(lines[0].problem.empty());

    EXPECT_EQ(lines[1].number, 5u);
    ASSERT_TRUE(lines[1].q);
    EXPECT_EQ(lines[1].q->type, rr_type::mx);
    EXPECT_EQ(lines[1].type_text, "MX");

    EXPECT_EQ(lines[2].number, 6u);
    ASSERT_TRUE(lines[2].q);
    EXPECT_EQ(lines[2].q->type, rr_type::aaaa);
    EXPECT_EQ(lines[2].name_text, "EXAMPLE.net");

    EXPECT_EQ(lines[3].number, 7u);
    ASSERT_TRUE(lines[3].q);
    EXPECT_EQ(static_cast<int>(lines[3].q->type), 65);
}

TEST(batch_reader, default_type_and_class_apply) {
    const auto lines = read_all("version.bind\nexample.org A\n", rr_type::txt, rr_class::ch);
    ASSERT_EQ(lines.size(), 2u);
    ASSERT_TRUE(lines[0].q);
    EXPECT_EQ(lines[0].q->type, rr_type::txt);
    EXPECT_EQ(lines[0].q->klass, rr_class::ch);
    EXPECT_EQ(lines[0].type_text, "TXT");
    ASSERT_TRUE(lines[1].q);
    EXPECT_EQ(lines[1].q->type, rr_type::a);
    EXPECT_EQ(lines[1].q->klass, rr_class::ch);
}

TEST(batch_reader, bad_lines_keep_their_words_and_say_why) {
    const auto lines = read_all("a.example MX extra\nbad..name\nok.example NOTATYPE\nfine.example\n");
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_FALSE(lines[0].q);
    EXPECT_EQ(lines[0].problem, "too many fields (want NAME [TYPE])");
    EXPECT_EQ(lines[0].name_text, "a.example");
    EXPECT_EQ(lines[0].type_text, "MX");
    EXPECT_FALSE(lines[1].q);
    EXPECT_EQ(lines[1].problem.rfind("not a domain name: ", 0), 0u) << lines[1].problem;
    EXPECT_EQ(lines[1].number, 2u);
    EXPECT_FALSE(lines[2].q);
    EXPECT_EQ(lines[2].problem, "not a record type");
    EXPECT_EQ(lines[2].type_text, "NOTATYPE");
    EXPECT_TRUE(lines[3].q);
    EXPECT_EQ(lines[3].number, 4u);
}

TEST(batch_reader, empty_input_and_only_comments_give_nothing) {
    EXPECT_TRUE(read_all("").empty());
    EXPECT_TRUE(read_all("# nothing\n\n   # more\n").empty());
}

}  // namespace
}  // namespace sockit::dns_client
