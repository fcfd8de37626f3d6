// SPDX-License-Identifier: MIT
// Unit tests for sys::read_all / sys::write_all (partial transfers continued across a pipe, EOF gives a
// short count, a gone reader is EPIPE with the count written).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <numeric>
#include <thread>
#include <vector>

#include "fd_test_util.hpp"
#include "sockit/sys/full_io.hpp"
#include "sockit/sys/scoped_sigaction.hpp"
#include "sockit/sys/unique_fd.hpp"

namespace sockit {
namespace {

using test::make_pipe;

TEST(FullIo, WritesAndReadsMoreThanAPipeHolds) {
    auto p = make_pipe();
    std::vector<std::uint8_t> data(1 << 20);  // 16 pipe buffers: both sides must loop
    std::iota(data.begin(), data.end(), std::uint8_t{0});
    std::vector<std::uint8_t> got(data.size());
    std::size_t read_count = 0;
    std::thread reader([&] {
        auto n = sys::read_all(p.read_end.get(), got);
        if (n) read_count = *n;
    });
    std::size_t written = 0;
    auto w = sys::write_all(p.write_end.get(), data, &written);
    reader.join();
    ASSERT_TRUE(w) << w.error().message();
    EXPECT_EQ(written, data.size());
    EXPECT_EQ(read_count, data.size());
    EXPECT_EQ(got, data);
}

TEST(FullIo, ReadAllStopsShortAtEndOfFile) {
    auto p = make_pipe();
    ASSERT_TRUE(sys::write_all(p.write_end.get(), as_bytes("hello")));
    p.write_end.reset();
    std::vector<std::uint8_t> buf(64);
    auto n = sys::read_all(p.read_end.get(), buf);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 5u);
    EXPECT_EQ(std::string(buf.begin(), buf.begin() + 5), "hello");
    n = sys::read_all(p.read_end.get(), buf);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 0u);
}

TEST(FullIo, AGoneReaderIsEpipeWithTheCountWritten) {
    auto ignore = scoped_sigaction::install(SIGPIPE, SIG_IGN);
    ASSERT_TRUE(ignore);
    auto p = make_pipe();
    p.read_end.reset();
    std::size_t written = 99;
    auto w = sys::write_all(p.write_end.get(), as_bytes("data"), &written);
    ASSERT_FALSE(w);
    EXPECT_EQ(w.error(), std::errc::broken_pipe);
    EXPECT_EQ(written, 0u);
}

TEST(FullIo, ErrorsOnABadDescriptor) {
    std::vector<std::uint8_t> buf(4);
    auto n = sys::read_all(-1, buf);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error(), std::errc::bad_file_descriptor);
    EXPECT_FALSE(sys::write_all(-1, as_bytes("x")));
    EXPECT_TRUE(sys::write_all(-1, {}));  // nothing to write: no call at all
}

}  // namespace
}  // namespace sockit
