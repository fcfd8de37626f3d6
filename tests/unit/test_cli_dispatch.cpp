// SPDX-License-Identifier: MIT
// The sockit front end, in-process: the command table, groups, --help/--version, and "did you mean".
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "command.hpp"
#include "dispatch.hpp"

namespace {

using sockit::cli::commands;
using sockit::cli::dispatch;

struct run_result {
    int code;
    std::string out;
    std::string err;
};

run_result run(std::initializer_list<const char*> list) {
    std::vector<std::string> words{"sockit"};
    for (const char* w : list) words.emplace_back(w);
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    int code = dispatch(argv);
    std::fflush(stdout);
    std::string out = testing::internal::GetCapturedStdout();
    return {code, out, testing::internal::GetCapturedStderr()};
}

TEST(CliDispatch, TheTableIsSortedUniqueAndComplete) {
    auto all = commands();
    ASSERT_EQ(all.size(), 20U);  // one per cli/cmd_*.cpp
    for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].name, all[i].name);
    for (const auto& c : all) {
        EXPECT_FALSE(c.summary.empty()) << c.name;
        EXPECT_NE(c.run, nullptr) << c.name;
    }
}

TEST(CliDispatch, HelpListsEveryCommand) {
    auto r = run({"--help"});
    EXPECT_EQ(r.code, 0);
    for (const auto& c : commands()) EXPECT_NE(r.out.find(std::string(c.name)), std::string::npos) << c.name;
}

TEST(CliDispatch, NoArgumentsIsAUsageError) {
    auto r = run({});
    EXPECT_EQ(r.code, 64);
    EXPECT_NE(r.err.find("Usage: sockit <command>"), std::string::npos);
}

TEST(CliDispatch, AMistypedCommandGetsAHint) {
    auto r = run({"adr"});
    EXPECT_EQ(r.code, 64);
    EXPECT_NE(r.err.find("unknown command 'adr'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean 'addr'?"), std::string::npos) << r.err;
    auto far = run({"zzzzzzzz"});
    EXPECT_EQ(far.code, 64);
    EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(CliDispatch, GroupsListTheirMembers) {
    auto listing = run({"http", "--help"});
    EXPECT_EQ(listing.code, 0);
    EXPECT_NE(listing.out.find("http get"), std::string::npos);
    EXPECT_NE(listing.out.find("http serve"), std::string::npos);
    EXPECT_EQ(run({"http"}).code, 64);
    auto unknown = run({"http", "put"});
    EXPECT_EQ(unknown.code, 64);
    EXPECT_NE(unknown.err.find("unknown command 'put'"), std::string::npos) << unknown.err;
}

TEST(CliDispatch, HelpCommandForwardsToTheCommandsOwnHelp) {
    auto r = run({"help", "addr"});
    EXPECT_EQ(r.code, 0);
    EXPECT_NE(r.out.find("sockit addr"), std::string::npos) << r.out;
}

TEST(CliDispatch, ACommandRunsWithItsArguments) {
    auto r = run({"addr", "192.0.2.1", "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("\"version\": 4"), std::string::npos) << r.out;
    EXPECT_EQ(run({"addr", "[::1]"}).code, 64);
}

}  // namespace
