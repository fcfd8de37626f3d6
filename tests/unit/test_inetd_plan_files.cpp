// SPDX-License-Identifier: MIT
// Unit tests for inetd::plan_files (finger's plans on disk, RFC 1288): USER.plan files, FIFOs and other
// non-plans, cutting, the listing, the system's accounts only when asked — alone and under finger_service.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sockit/inetd/plan_files.hpp"
#include "sockit/services/finger_service.hpp"

namespace sockit::inetd {
namespace {

namespace fs = std::filesystem;

class PlanFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sockit-plan-files-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::ofstream(dir_ / "alice.plan") << "Working on sockit.\nLine two.\n";
        std::ofstream(dir_ / "bob.plan", std::ios::binary)
            << std::string("bell\x07 esc\x1b[2J caf\xc3\xa9\r\nend", 24);
        std::ofstream(dir_ / "notes.txt") << "not a plan\n";
        std::ofstream(dir_ / "big.plan") << std::string(100, 'z');
        std::ofstream(dir_ / "bad name.plan") << "not a user name\n";
        ASSERT_EQ(::mkfifo((dir_ / "fifo.plan").c_str(), 0600), 0);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::shared_ptr<plan_files> files(bool system_users = false) const {
        return std::make_shared<plan_files>(plan_files::options{dir_, system_users});
    }

    // finger's whole answer to `query` with these files (plans cut at 50 bytes).
    std::string finger(std::string_view query, bool system_users = false) const {
        services::finger_service::options o;
        o.plans = files(system_users);
        o.max_plan_bytes = 50;
        return services::finger_service(o).answer(query);
    }

    fs::path dir_;
};

TEST_F(PlanFiles, ReadsUserPlanFiles) {
    const auto src = files();
    auto alice = src->find("alice", 1000);
    ASSERT_TRUE(alice);
    EXPECT_EQ(alice->full_name, "");
    ASSERT_TRUE(alice->plan);
    EXPECT_EQ(alice->plan->text, "Working on sockit.\nLine two.\n");  // raw: the service filters
    EXPECT_FALSE(alice->plan->truncated);
    EXPECT_EQ(alice->plan->size, 29u);
    EXPECT_EQ(alice->plan->modified,
              std::chrono::time_point_cast<std::chrono::seconds>(
                  std::chrono::file_clock::to_sys(fs::last_write_time(dir_ / "alice.plan"))));

    auto big = src->find("big", 50);
    ASSERT_TRUE(big && big->plan);
    EXPECT_EQ(big->plan->text, std::string(50, 'z'));
    EXPECT_TRUE(big->plan->truncated);
    EXPECT_EQ(big->plan->size, 100u);

    EXPECT_FALSE(src->find("carol", 50)) << "no such file";
    EXPECT_FALSE(src->find("fifo", 50)) << "a FIFO named like a plan is not read (no hang)";
    EXPECT_FALSE(src->find("notes", 50)) << "a file that is not USER.plan is not a user";
    EXPECT_FALSE(src->find("root", 50)) << "system accounts are not answered by default";
    EXPECT_FALSE(plan_files(plan_files::options{}).find("alice", 50)) << "no directory: nobody";
}

TEST_F(PlanFiles, ListsValidUserNamesOfPlanFiles) {
    auto users = files()->users(1000);
    std::sort(users.begin(), users.end());
    EXPECT_EQ(users, (std::vector<std::string>{"alice", "big", "bob", "fifo"}));
    EXPECT_EQ(files()->users(2).size(), 2u);
    EXPECT_TRUE(plan_files(plan_files::options{dir_ / "absent", false}).users(10).empty());
}

TEST_F(PlanFiles, AnswersUnderFinger) {
    struct row {
        const char* why;
        std::string query;
        std::string expected;
    };
    const row rows[] = {
        {"a user with a plan", "alice", "Login: alice\r\nPlan:\r\nWorking on sockit.\r\nLine two.\r\n"},
        {"control and non-ASCII bytes filtered, CRLF kept", "bob",
         "Login: bob\r\nPlan:\r\nbell? esc?[2J caf??\r\nend\r\n"},
        {"plans are cut at max_plan_bytes", "big",
         "Login: big\r\nPlan:\r\n" + std::string(50, 'z') + "\r\n[plan cut at 50 bytes]\r\n"},
        {"a FIFO named like a plan is not read (no hang)", "fifo", "finger: fifo: no such user\r\n"},
        {"empty query lists users with plans", "", "Login\r\nalice\r\nbig\r\nbob\r\nfifo\r\n"},
        {"system accounts are not answered by default", "root", "finger: root: no such user\r\n"},
    };
    for (const auto& r : rows) EXPECT_EQ(finger(r.query), r.expected) << r.why;
    const auto verbose = finger("/W alice");
    EXPECT_EQ(verbose.rfind("Login: alice\r\nPlan: 29 bytes, modified ", 0), 0u) << verbose;
    EXPECT_NE(verbose.find("UTC\r\nPlan:\r\nWorking on sockit.\r\n"), std::string::npos) << verbose;
}

TEST_F(PlanFiles, SystemUsersOnlyWhenAsked) {
    // root exists on every Linux system; its ~/.plan, if any, must be root's own regular file.
    const auto answer = finger("root", true);
    EXPECT_EQ(answer.rfind("Login: root\r\n", 0), 0u) << answer;
    EXPECT_TRUE(files(true)->find("root", 50));
    EXPECT_EQ(finger("no-such-account-x", true), "finger: no-such-account-x: no such user\r\n");
    EXPECT_EQ(finger("alice", true).rfind("Login: alice\r\nPlan:\r\n", 0), 0u);  // the directory first
}

}  // namespace
}  // namespace sockit::inetd
