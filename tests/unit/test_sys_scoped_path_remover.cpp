// SPDX-License-Identifier: MIT
// Unit tests for sys::scoped_path_remover: removal at scope exit, release(), moves, and removal by a
// terminating signal (in a forked child that then dies by that signal, as nc -lU does).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "sockit/sys/scoped_path_remover.hpp"

namespace sockit {
namespace {

using namespace std::chrono_literals;

std::string temp_path(const char* name) {
    return (testing::TempDir() + "sockit-remover-" + std::to_string(::getpid()) + "-" + name);
}

void touch(const std::string& path) {
    int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    ASSERT_GE(fd, 0);
    ::close(fd);
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

TEST(ScopedPathRemover, RemovesAtScopeExit) {
    auto path = temp_path("scope");
    touch(path);
    {
        sys::scoped_path_remover r(path);
        EXPECT_EQ(r.path(), path);
        EXPECT_TRUE(exists(path));
    }
    EXPECT_FALSE(exists(path));
}

TEST(ScopedPathRemover, ReleaseKeepsTheFile) {
    auto path = temp_path("release");
    touch(path);
    {
        sys::scoped_path_remover r(path);
        r.release();
        EXPECT_EQ(r.path(), "");
    }
    EXPECT_TRUE(exists(path));
    ::unlink(path.c_str());
}

TEST(ScopedPathRemover, MovesTransferTheRemoval) {
    auto a = temp_path("move-a");
    auto b = temp_path("move-b");
    touch(a);
    touch(b);
    {
        sys::scoped_path_remover outer;
        EXPECT_EQ(outer.path(), "");
        {
            auto inner = sys::scoped_path_remover::with_signals(a, {SIGUSR2});
            ASSERT_TRUE(inner) << inner.error().message();
            outer = std::move(*inner);
        }
        EXPECT_TRUE(exists(a));  // the moved-from object removed nothing
        sys::scoped_path_remover other(b);
        other = std::move(outer);  // b goes now; a stays with `other`
        EXPECT_FALSE(exists(b));
        EXPECT_TRUE(exists(a));
    }
    EXPECT_FALSE(exists(a));
}

TEST(ScopedPathRemover, RestoresTheSignalMask) {
    sigset_t before;
    ::pthread_sigmask(SIG_BLOCK, nullptr, &before);
    ASSERT_EQ(sigismember(&before, SIGUSR2), 0);
    {
        auto r = sys::scoped_path_remover::with_signals(temp_path("mask"), {SIGUSR2});
        ASSERT_TRUE(r);
        sigset_t during;
        ::pthread_sigmask(SIG_BLOCK, nullptr, &during);
        EXPECT_EQ(sigismember(&during, SIGUSR2), 1);
    }
    sigset_t after;
    ::pthread_sigmask(SIG_BLOCK, nullptr, &after);
    EXPECT_EQ(sigismember(&after, SIGUSR2), 0);
}

TEST(ScopedPathRemover, RejectsSignalsThatCannotBeCaught) {
    auto r = sys::scoped_path_remover::with_signals(temp_path("kill"), {SIGKILL});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::invalid_argument);
}

TEST(ScopedPathRemover, ATerminatingSignalRemovesThePathAndStillKills) {
    auto path = temp_path("signal");
    touch(path);
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(ready[0]);
        auto r = sys::scoped_path_remover::with_signals(path, {SIGINT, SIGTERM, SIGHUP});
        if (!r) _exit(2);
        (void)::write(ready[1], "r", 1);
        for (int i = 0; i < 100; ++i) ::usleep(100'000);  // bounded: 10 s, killed long before
        _exit(3);
    }
    ::close(ready[1]);
    char c = 0;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    ::close(ready[0]);
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "exited with " << WEXITSTATUS(status);
    EXPECT_EQ(WTERMSIG(status), SIGTERM);
    EXPECT_FALSE(exists(path));
}

}  // namespace
}  // namespace sockit
