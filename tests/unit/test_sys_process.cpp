// SPDX-License-Identifier: MIT
// Unit tests for sys::spawn and child_process: exit codes, stdin/stdout wiring through pipes and a
// socketpair, a program that does not exist, kill and try_wait, SIGPIPE back to default in the child.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "fd_test_util.hpp"
#include "sockit/sys/full_io.hpp"
#include "sockit/sys/process.hpp"
#include "sockit/sys/scoped_sigaction.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

using test::make_pipe;

using namespace std::chrono_literals;

std::string read_to_end(int fd) {
    std::string out;
    std::uint8_t buf[4096];
    for (int i = 0; i < 10000; ++i) {
        auto n = sys::read_all(fd, buf);
        if (!n || *n == 0) break;
        out.append(reinterpret_cast<const char*>(buf), *n);
    }
    return out;
}

sys::exit_status run(sys::spawn_options o) {
    auto child = sys::spawn(o);
    if (!child) throw std::runtime_error("spawn: " + child.error().message());
    auto status = child->wait();
    if (!status) throw std::runtime_error("wait: " + status.error().message());
    return *status;
}

TEST(Spawn, ReportsTheExitStatus) {
    EXPECT_TRUE(run(sys::spawn_options::shell("exit 0")).success());
    auto three = run(sys::spawn_options::shell("exit 3"));
    EXPECT_FALSE(three.success());
    EXPECT_EQ(three.code, 3);
    EXPECT_EQ(three.signal, 0);
    sys::spawn_options t;
    t.argv = {"true"};  // found in PATH
    EXPECT_TRUE(run(t).success());
}

TEST(Spawn, WiresStdinAndStdout) {
    auto in = make_pipe();
    auto out = make_pipe();
    sys::spawn_options o;
    o.argv = {"tr", "a-z", "A-Z"};
    o.stdin_fd = in.read_end.get();
    o.stdout_fd = out.write_end.get();
    auto child = sys::spawn(o);
    ASSERT_TRUE(child) << child.error().message();
    // Our copies of the child's ends must go, or neither side sees EOF.
    in.read_end.reset();
    out.write_end.reset();
    ASSERT_TRUE(sys::write_all(in.write_end.get(), as_bytes("hello, child\n")));
    in.write_end.reset();
    EXPECT_EQ(read_to_end(out.read_end.get()), "HELLO, CHILD\n");
    auto status = child->wait();
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->success());
}

TEST(Spawn, OneSocketAsStdinAndStdoutLikeNcExec) {
    int sv[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    unique_fd ours(sv[0]), theirs(sv[1]);
    auto o = sys::spawn_options::shell("read line; echo \"got $line\"");
    o.stdin_fd = theirs.get();
    o.stdout_fd = theirs.get();
    auto child = sys::spawn(o);
    ASSERT_TRUE(child) << child.error().message();
    theirs.reset();
    ASSERT_TRUE(sys::write_all(ours.get(), as_bytes("ping\n")));
    EXPECT_EQ(read_to_end(ours.get()), "got ping\n");
    ASSERT_TRUE(child->wait());
}

TEST(Spawn, AProgramThatDoesNotExistIsAnError) {
    sys::spawn_options o;
    o.argv = {"/nonexistent/sockit-no-such-program"};
    auto child = sys::spawn(o);
    ASSERT_FALSE(child);
    EXPECT_EQ(child.error(), std::errc::no_such_file_or_directory);
    o.argv = {"sockit-no-such-program-in-path"};
    child = sys::spawn(o);
    ASSERT_FALSE(child);
    EXPECT_EQ(child.error(), std::errc::no_such_file_or_directory);
    o.argv.clear();
    child = sys::spawn(o);
    ASSERT_FALSE(child);
    EXPECT_EQ(child.error(), std::errc::invalid_argument);
}

TEST(Spawn, KillAndTryWait) {
    sys::spawn_options o;
    o.argv = {"sleep", "30"};
    auto child = sys::spawn(o);
    ASSERT_TRUE(child);
    EXPECT_TRUE(child->running());
    auto early = child->try_wait();
    ASSERT_TRUE(early);
    EXPECT_FALSE(*early);  // still running
    ASSERT_TRUE(child->kill(SIGTERM));
    std::optional<sys::exit_status> status;
    for (int i = 0; i < 500 && !status; ++i) {  // bounded: 5 s
        auto r = child->try_wait();
        ASSERT_TRUE(r);
        status = *r;
        if (!status) std::this_thread::sleep_for(10ms);
    }
    ASSERT_TRUE(status);
    EXPECT_EQ(status->signal, SIGTERM);
    EXPECT_FALSE(child->running());
    EXPECT_FALSE(child->wait());  // reaped already: ECHILD
    EXPECT_FALSE(child->kill());
}

TEST(Spawn, TheChildGetsTheDefaultSigpipe) {
    // nc ignores SIGPIPE for itself; a command it runs must not inherit that.
    auto ignore = scoped_sigaction::install(SIGPIPE, SIG_IGN);
    ASSERT_TRUE(ignore);
    auto status = run(sys::spawn_options::shell("kill -PIPE $$; exit 0"));
    EXPECT_EQ(status.signal, SIGPIPE);
    auto keep = sys::spawn_options::shell("kill -PIPE $$; exit 0");
    keep.default_signals.clear();  // inherited: the shell survives its own SIGPIPE
    EXPECT_TRUE(run(keep).success());
}

TEST(Spawn, MovesOwnership) {
    auto child = sys::spawn(sys::spawn_options::shell("exit 7"));
    ASSERT_TRUE(child);
    sys::child_process moved = std::move(*child);
    EXPECT_FALSE(child->running());
    auto status = moved.wait();
    ASSERT_TRUE(status);
    EXPECT_EQ(status->code, 7);
}

}  // namespace
}  // namespace sockit
