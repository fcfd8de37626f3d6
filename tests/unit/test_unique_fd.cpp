// SPDX-License-Identifier: MIT
// Unit tests for unique_fd: ownership, moves, release and reset close exactly what they should.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "sockit/sys/sys_error.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

bool is_open_fd(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

TEST(UniqueFd, ClosesOnDestruction) {
    int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(raw, 0);
    {
        unique_fd fd(raw);
        EXPECT_TRUE(fd);
    }
    EXPECT_FALSE(is_open_fd(raw));
}

TEST(UniqueFd, MoveTransfersOwnership) {
    unique_fd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    int raw = a.get();
    unique_fd b(std::move(a));
    EXPECT_FALSE(a.is_open());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
    EXPECT_EQ(b.get(), raw);
    unique_fd c;
    c = std::move(b);
    EXPECT_EQ(c.get(), raw);
    EXPECT_TRUE(is_open_fd(raw));
}

TEST(UniqueFd, ReleaseKeepsOpenResetCloses) {
    unique_fd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    int raw = a.release();
    EXPECT_FALSE(a);
    EXPECT_TRUE(is_open_fd(raw));
    a.reset(raw);
    a.reset();
    EXPECT_FALSE(is_open_fd(raw));
}

TEST(SysError, CarriesErrno) {
    EXPECT_EQ(::close(-1), -1);
    auto ec = last_error();
    EXPECT_EQ(ec, std::errc::bad_file_descriptor);
    EXPECT_EQ(sys_error(ECONNREFUSED), std::errc::connection_refused);
}

}  // namespace
}  // namespace sockit
