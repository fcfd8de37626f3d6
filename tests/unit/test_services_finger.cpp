// SPDX-License-Identifier: MIT
// Unit tests for finger (RFC 1288): the query grammar, framing of hostile lines, answers from an in-memory
// plan source, forwarding refusal (the file-backed source: tests/unit/test_inetd_plan_files.cpp).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "sockit/core/codec_errc.hpp"
#include "sockit/services/finger_query.hpp"
#include "sockit/services/finger_service.hpp"

namespace sockit::services {
namespace {

std::string str(const byte_buffer& b) { return std::string(b.begin(), b.end()); }

TEST(FingerQuery, Grammar) {
    struct row {
        const char* why;
        std::string_view line;
        bool ok;
        bool verbose;
        std::string_view user;
        std::vector<std::string_view> hosts;
    };
    const row rows[] = {
        {"{Q1} empty: list users", "", true, false, "", {}},
        {"{Q1} /W alone: verbose list", "/W", true, true, "", {}},
        {"{Q1} user", "alice", true, false, "alice", {}},
        {"{Q1} /W SP user", "/W alice", true, true, "alice", {}},
        {"{S} is one or more spaces", "/W    alice", true, true, "alice", {}},
        {"lowercase /w accepted", "/w bob", true, true, "bob", {}},
        {"surrounding spaces ignored", "  carol  ", true, false, "carol", {}},
        {"{Q2} user@host", "alice@example.org", true, false, "alice", {"example.org"}},
        {"{Q2} @host lists on the remote", "@example.org", true, false, "", {"example.org"}},
        {"{Q2} chain of hosts", "/W alice@a@b", true, true, "alice", {"a", "b"}},
        {"user name characters", "a.b_c-9", true, false, "a.b_c-9", {}},
        {"/W glued to the user", "/Walice", false, false, "", {}},
        {"path traversal is not a user name", "../etc/passwd", false, false, "", {}},
        {"leading dot refused", ".hidden", false, false, "", {}},
        {"leading dash refused (no option injection)", "-rf", false, false, "", {}},
        {"space inside a user name", "alice bob", false, false, "", {}},
        {"33 characters is too long", "abcdefghijabcdefghijabcdefghijabc", false, false, "", {}},
        {"empty host", "alice@", false, false, "", {}},
        {"empty host in a chain", "alice@a@@b", false, false, "", {}},
        {"control byte",
         "ali\x01"
         "ce",
         false,
         false,
         "",
         {}},
        {"non-ASCII byte",
         "al\xc3\xaf"
         "ce",
         false,
         false,
         "",
         {}},
        {"two /W switches", "/W /W alice", false, false, "", {}},
    };
    for (const auto& r : rows) {
        auto q = finger_query::parse(r.line);
        ASSERT_EQ(q.has_value(), r.ok) << r.why;
        if (!r.ok) {
            EXPECT_EQ(q.error(), codec_errc::bad_value) << r.why;
            continue;
        }
        EXPECT_EQ(q->verbose, r.verbose) << r.why;
        EXPECT_EQ(q->user, r.user) << r.why;
        EXPECT_EQ(q->hosts, r.hosts) << r.why;
    }
}

/// An in-memory plan source: what inetd::plan_files reads from files, given directly.
class memory_plans final : public plan_source {
public:
    struct entry {
        std::string full_name;
        std::optional<std::string> plan;  // none: a user without a plan
        std::chrono::system_clock::time_point modified{};
        bool listed = true;  // listed even when find() does not know it (a FIFO named like a plan)
        bool known = true;
    };

    void add(std::string user, entry e) { users_[std::move(user)] = std::move(e); }

    std::optional<finger_user> find(std::string_view user, std::size_t max_plan_bytes) const override {
        auto it = users_.find(std::string(user));
        if (it == users_.end() || !it->second.known) return std::nullopt;
        finger_user who{it->second.full_name, std::nullopt};
        if (const auto& text = it->second.plan) {
            user_plan p;
            p.text = text->substr(0, max_plan_bytes);
            p.truncated = text->size() > max_plan_bytes;
            p.size = text->size();
            p.modified = it->second.modified;
            who.plan = std::move(p);
        }
        return who;
    }

    std::vector<std::string> users(std::size_t max) const override {
        std::vector<std::string> out;
        for (const auto& [name, e] : users_)
            if (e.listed && e.plan && out.size() < max) out.push_back(name);
        return out;
    }

private:
    std::map<std::string, entry> users_;
};

class Finger : public ::testing::Test {
protected:
    void SetUp() override {
        // 2026-11-23 11:05:03 UTC
        const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(1795431903));
        plans_->add("alice", {"", "Working on sockit.\nLine two.\n", when});
        plans_->add("bob", {"", std::string("bell\x07 esc\x1b[2J caf\xc3\xa9\r\nend", 24), when});
        plans_->add("big", {"", std::string(100, 'z'), when});
        plans_->add("fifo", {"", "", when, true, false});
        plans_->add("dave", {"Dave\x1b Example", std::nullopt, when, false});
    }

    finger_service make(bool listing = true) const {
        finger_service::options o;
        o.plans = plans_;
        o.allow_listing = listing;
        o.max_plan_bytes = 50;
        o.max_query_bytes = 64;
        return finger_service(o);
    }

    // Sends `input` in chunks of `chunk` bytes (then EOF if `eof`), returns everything the session wrote.
    static std::string converse(const finger_service& svc, std::string_view input, std::size_t chunk,
                                bool eof, stream_action* last = nullptr) {
        auto s = svc.open_stream();
        byte_buffer out;
        stream_action a = s->on_connect(out);
        EXPECT_EQ(a, stream_action::keep_open);
        for (std::size_t i = 0; i < input.size() && a == stream_action::keep_open; i += chunk)
            a = s->on_data(as_bytes(input.substr(i, chunk)), out);
        if (eof && a == stream_action::keep_open) a = s->on_eof(out);
        if (last != nullptr) *last = a;
        return str(out);
    }

    std::shared_ptr<memory_plans> plans_ = std::make_shared<memory_plans>();
};

TEST_F(Finger, AnswersFromThePlanSource) {
    auto svc = make();
    EXPECT_EQ(svc.standard_port(), 79);
    EXPECT_FALSE(svc.has_datagram());
    byte_buffer none;
    EXPECT_FALSE(svc.on_datagram(as_bytes("alice\r\n"), none));
    struct row {
        const char* why;
        std::string query;
        std::string expected;
    };
    const row rows[] = {
        {"a user with a plan", "alice\r\n", "Login: alice\r\nPlan:\r\nWorking on sockit.\r\nLine two.\r\n"},
        {"control and non-ASCII bytes filtered, CRLF kept", "bob\r\n",
         "Login: bob\r\nPlan:\r\nbell? esc?[2J caf??\r\nend\r\n"},
        {"plans are cut at max_plan_bytes", "big\r\n",
         "Login: big\r\nPlan:\r\n" + std::string(50, 'z') + "\r\n[plan cut at 50 bytes]\r\n"},
        {"unknown user", "carol\r\n", "finger: carol: no such user\r\n"},
        {"listed but not found", "fifo\r\n", "finger: fifo: no such user\r\n"},
        {"a user without a plan, real name filtered", "dave\r\n",
         "Login: dave\r\nName: Dave? Example\r\nNo Plan.\r\n"},
        {"empty query lists users with plans", "\r\n", "Login\r\nalice\r\nbig\r\nbob\r\nfifo\r\n"},
        {"forwarding refused", "alice@localhost\r\n",
         "finger: forwarding refused: this server does not pass queries on to other hosts (RFC 1288 security "
         "considerations)\r\n"},
    };
    for (const auto& r : rows) {
        stream_action last{};
        EXPECT_EQ(converse(svc, r.query, 1000, false, &last), r.expected) << r.why;
        EXPECT_EQ(last, stream_action::close) << r.why;  // one answer, then the server closes
        EXPECT_EQ(converse(svc, r.query, 1, false), r.expected) << r.why << " (fed byte by byte)";
    }
    EXPECT_EQ(
        converse(svc, "/W alice\r\n", 1000, false),
        "Login: alice\r\nPlan: 29 bytes, modified 2026-11-23 11:05 UTC\r\nPlan:\r\nWorking on sockit.\r\n"
        "Line two.\r\n");
}

TEST_F(Finger, ListingSortsAndDropsInvalidNames) {
    plans_->add("../etc", {"", "x", {}});
    plans_->add("Zed", {"", "x", {}});
    EXPECT_EQ(make().answer(""), "Login\r\nZed\r\nalice\r\nbig\r\nbob\r\nfifo\r\n");
}

TEST_F(Finger, HostileQueriesGetPreciseRefusals) {
    auto svc = make();
    struct row {
        const char* why;
        std::string input;
        bool eof;
        std::string expected;
    };
    const row rows[] = {
        {"bare LF", "alice\n", false,
         "finger: query refused: the query line must end with CRLF, not a bare LF (RFC 1288)\r\n"},
        {"CR without LF", "ali\rce\r\n", false, "finger: query refused: CR not followed by LF at byte 3\r\n"},
        {"NUL byte", std::string("ali\0ce\r\n", 8), false,
         "finger: query refused: byte 0x00 at offset 3 is not printable ASCII\r\n"},
        {"binary garbage", "\xff\xfe\r\n", false,
         "finger: query refused: byte 0xff at offset 0 is not printable ASCII\r\n"},
        {"line longer than the limit", std::string(65, 'a') + "\r\n", false,
         "finger: query refused: query line longer than 64 bytes\r\n"},
        {"endless line without CRLF", std::string(10000, 'a'), false,
         "finger: query refused: query line longer than 64 bytes\r\n"},
        {"closed before CRLF", "alice", true,
         "finger: query refused: connection closed before the CRLF that ends a query\r\n"},
        {"closed at once", "", true,
         "finger: query refused: connection closed before the CRLF that ends a query\r\n"},
        {"path traversal", "../../etc/passwd\r\n", false,
         "finger: query refused: not a finger query (expected [/W] [user][@host]; user names: letters, "
         "digits, '.', "
         "'_', '-', at most 32)\r\n"},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(converse(svc, r.input, 1000, r.eof), r.expected) << r.why;
        EXPECT_EQ(converse(svc, r.input, 1, r.eof), r.expected) << r.why << " (fed byte by byte)";
    }
    // Exactly at the limit is fine (a 64-byte line is a query; this one is just not a valid user).
    EXPECT_EQ(
        converse(svc, std::string(64, 'a') + "\r\n", 1000, false).rfind("finger: query refused: not a", 0),
        0u);
    // Bytes after the query's CRLF are ignored: one answer only.
    EXPECT_EQ(converse(svc, "carol\r\nalice\r\n", 1000, false), "finger: carol: no such user\r\n");
}

TEST_F(Finger, ListingCanBeRefused) {
    auto svc = make(false);
    EXPECT_EQ(converse(svc, "\r\n", 1000, false), "finger: listing of users refused\r\n");
    EXPECT_EQ(converse(svc, "/W\r\n", 1000, false), "finger: listing of users refused\r\n");
}

TEST(FingerEmpty, NoPlanSource) {
    finger_service svc(finger_service::options{});
    EXPECT_EQ(svc.answer(""), "No one has a plan here.\r\n");
    EXPECT_EQ(svc.answer("alice"), "finger: alice: no such user\r\n");
}

}  // namespace
}  // namespace sockit::services
