// SPDX-License-Identifier: MIT
// sockit nc's command-line grammar (OpenBSD nc's getopt flags plus ncat's -e/-c), called in-process through
// the sockit_cli library: bundling, attached values, permuted operands, and every flag conflict's message.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "nc_options.hpp"

namespace {

using sockit::cli::nc_options;
using sockit::cli::parse_nc_options;

// Owns argv-style copies of the words ("nc" first, as the command sees them).
struct argv_words {
    std::vector<std::string> words;
    std::vector<char*> pointers;
    argv_words(std::initializer_list<const char*> list) : words{"nc"} {
        for (const char* w : list) words.emplace_back(w);
        for (auto& w : words) pointers.push_back(w.data());
    }
};

auto parse(std::initializer_list<const char*> list) {
    argv_words a(list);
    return parse_nc_options(a.pointers);
}

TEST(CliNcOptions, ClientWithBundledFlagsAndAttachedValues) {
    auto r = parse({"-vnw5", "-q", "1", "example.org", "80"});
    ASSERT_TRUE(r) << r.error();
    EXPECT_TRUE(r->verbose);
    EXPECT_TRUE(r->numeric);
    EXPECT_EQ(r->timeout, 5.0);
    EXPECT_EQ(r->quit_after_eof, 1.0);
    EXPECT_EQ(r->host, "example.org");
    EXPECT_EQ(r->ports, std::vector<std::string>{"80"});
}

TEST(CliNcOptions, OperandsMayComeBeforeFlags) {
    auto r = parse({"127.0.0.1", "7", "-u"});
    ASSERT_TRUE(r) << r.error();
    EXPECT_TRUE(r->udp);
    EXPECT_EQ(r->host, "127.0.0.1");
}

TEST(CliNcOptions, ListenForms) {
    auto bare = parse({"-l", "9000"});
    ASSERT_TRUE(bare) << bare.error();
    EXPECT_TRUE(bare->listen);
    EXPECT_EQ(bare->host, "");
    EXPECT_EQ(bare->ports, std::vector<std::string>{"9000"});

    auto traditional = parse({"-l", "-p", "9000", "-s", "::1"});  // the -p spelling of older netcats
    ASSERT_TRUE(traditional) << traditional.error();
    EXPECT_EQ(traditional->host, "::1");
    EXPECT_EQ(traditional->ports, std::vector<std::string>{"9000"});
    EXPECT_FALSE(traditional->source_port);
}

TEST(CliNcOptions, ScanPortsExpandRangesAndLists) {
    auto r = parse({"-z", "localhost", "22-24,80"});
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->ports, (std::vector<std::string>{"22", "23", "24", "80"}));
}

TEST(CliNcOptions, ExecSplitsOnBlanksAndShellKeepsTheLine) {
    auto e = parse({"-l", "9000", "-e", "/bin/cat -u"});
    ASSERT_TRUE(e) << e.error();
    EXPECT_EQ(e->exec_argv, (std::vector<std::string>{"/bin/cat", "-u"}));
    auto c = parse({"-l", "9000", "-c", "echo hi | tr a-z A-Z"});
    ASSERT_TRUE(c) << c.error();
    EXPECT_EQ(c->exec_argv, (std::vector<std::string>{"/bin/sh", "-c", "echo hi | tr a-z A-Z"}));
}

// Each row: the words and nc's message for them.
struct refusal {
    std::initializer_list<const char*> words;
    const char* message;
};

TEST(CliNcOptions, ConflictsAndBadOperandsAreRefusedWithNcsWords) {
    const refusal rows[] = {
        {{"-k", "host", "80"}, "must use -l with -k"},
        {{"-z", "-l", "80"}, "cannot use -z and -l"},
        {{"-4", "-6", "host", "80"}, "cannot use -4 and -6"},
        {{"-l", "80", "-e", "cat", "-c", "cat"}, "cannot use -e and -c"},
        {{"-z", "-e", "cat", "host", "80"}, "cannot use -z with -e or -c"},
        {{"-l", "-k", "-u", "80", "-e", "cat"}, "cannot use -e or -c with -k -u"},
        {{"-N", "--no-shutdown", "host", "80"}, "cannot use -N and --no-shutdown"},
        {{"-U", "-p", "80", "/tmp/s"}, "cannot use -p with -U"},
        {{"-U"}, "missing socket pathname"},
        {{"-l", "-p", "80", "81"}, "cannot use -p with a port argument: 81"},
        {{"-l", "-s", "::1", "127.0.0.1", "80"}, "cannot use -s with an address argument: 127.0.0.1"},
        {{"-l", "80-81"}, "cannot listen on a port range: 80-81"},
        {{"-l"}, "missing port number"},
        {{"-l", "70000"}, "port number too large: 70000"},
        {{"host", "0"}, "port number too small: 0"},
        {{"-Y", "host", "80"}, "invalid option -- 'Y'"},
    };
    for (const auto& row : rows) {
        auto r = parse(row.words);
        ASSERT_FALSE(r) << row.message;
        EXPECT_EQ(r.error(), row.message);
    }
}

TEST(CliNcOptions, HelpWinsOverEverythingElse) {
    auto r = parse({"-h", "-k"});
    ASSERT_TRUE(r) << r.error();
    EXPECT_TRUE(r->help);
}

}  // namespace
