// SPDX-License-Identifier: MIT
// Unit tests for sys::fd_flags: O_NONBLOCK and FD_CLOEXEC set, cleared and read back, EBADF.
#include <gtest/gtest.h>
#include <unistd.h>

#include "sockit/sys/fd_flags.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

TEST(FdFlags, SetsAndClearsNonBlockingAndCloseOnExec) {
    int p[2];
    ASSERT_EQ(::pipe(p), 0);
    unique_fd a(p[0]), b(p[1]);
    EXPECT_FALSE(*sys::is_non_blocking(a.get()));
    ASSERT_TRUE(sys::set_non_blocking(a.get()));
    EXPECT_TRUE(*sys::is_non_blocking(a.get()));
    EXPECT_FALSE(*sys::is_non_blocking(b.get()));  // only the one descriptor's file
    ASSERT_TRUE(sys::set_non_blocking(a.get()));   // idempotent
    ASSERT_TRUE(sys::set_non_blocking(a.get(), false));
    EXPECT_FALSE(*sys::is_non_blocking(a.get()));

    EXPECT_FALSE(*sys::is_close_on_exec(a.get()));
    ASSERT_TRUE(sys::set_close_on_exec(a.get()));
    EXPECT_TRUE(*sys::is_close_on_exec(a.get()));
    ASSERT_TRUE(sys::set_close_on_exec(a.get(), false));
    EXPECT_FALSE(*sys::is_close_on_exec(a.get()));

    auto bad = sys::set_non_blocking(-1);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error(), std::errc::bad_file_descriptor);
    EXPECT_FALSE(sys::is_close_on_exec(-1));
}

}  // namespace
}  // namespace sockit
