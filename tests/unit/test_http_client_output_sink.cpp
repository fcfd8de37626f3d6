// SPDX-License-Identifier: MIT
// Tests of http_client::output_sink: the file created at the first byte, heads before the body, --fail's
// discarding of a status >= 400, writes to a descriptor, and open and write errors kept.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "file_test_util.hpp"
#include "sockit/http_client/output_sink.hpp"

namespace sockit::http_client {
namespace {

namespace fs = std::filesystem;

using sockit::test::read_whole_file;

bytes_view bytes(std::string_view s) { return as_bytes(s); }

http::response_info head_with(int status) {
    http::response_info h;
    h.status = status;
    return h;
}

class output_sink_test : public ::testing::Test {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/sockit_output_sink_XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { fs::remove_all(dir_); }

    /// Options that write to the file `name` in the test's directory.
    output_options to_file(const char* name) const {
        output_options o;
        o.path = dir_ / name;
        return o;
    }

    fs::path dir_;
};

TEST_F(output_sink_test, the_file_appears_with_the_first_byte) {
    output_options o = to_file("out.bin");
    output_sink sink(o);
    sink.on_response_head(head_with(200), "HTTP/1.1 200 OK\r\n\r\n", head_kind::final);
    EXPECT_FALSE(fs::exists(o.path));  // heads are not written without `heads`; nothing created yet
    ASSERT_TRUE(sink.on_body(bytes("hello, ")));
    EXPECT_TRUE(fs::exists(o.path));
    ASSERT_TRUE(sink.on_body(bytes("world")));
    EXPECT_TRUE(sink.close());
    EXPECT_EQ(read_whole_file(o.path), "hello, world");
    EXPECT_FALSE(sink.write_error());
    EXPECT_FALSE(sink.discarding());
}

TEST_F(output_sink_test, open_makes_an_empty_file_and_truncates) {
    output_options o = to_file("empty.txt");
    { std::ofstream(o.path) << "old contents"; }
    output_sink sink(o);
    ASSERT_TRUE(sink.open());
    ASSERT_TRUE(sink.open());  // once
    EXPECT_TRUE(sink.close());
    EXPECT_TRUE(sink.close());  // nothing open: no-op
    EXPECT_EQ(read_whole_file(o.path), "");
}

TEST_F(output_sink_test, heads_go_before_the_body_interim_ones_included) {
    output_options o = to_file("with_heads.txt");
    o.heads = true;
    output_sink sink(o);
    sink.on_response_head(head_with(100), "HTTP/1.1 100 Continue\r\n\r\n", head_kind::interim);
    sink.on_response_head(head_with(200), "HTTP/1.1 200 OK\r\n\r\n", head_kind::final);
    ASSERT_TRUE(sink.on_body(bytes("body")));
    ASSERT_TRUE(sink.close());
    EXPECT_EQ(read_whole_file(o.path), "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\nbody");
}

TEST_F(output_sink_test, fail_on_error_drops_head_and_body_of_a_status_from_400) {
    output_options o = to_file("failed.txt");
    o.heads = true;
    o.fail_on_error = true;
    output_sink sink(o);
    sink.on_response_head(head_with(404), "HTTP/1.1 404 Not Found\r\n\r\n", head_kind::final);
    EXPECT_TRUE(sink.discarding());
    EXPECT_TRUE(sink.on_body(bytes("not found")));
    EXPECT_FALSE(fs::exists(o.path));  // an existing file would not have been clobbered

    output_sink ok(o);
    ok.on_response_head(head_with(399), "HTTP/1.1 399 X\r\n\r\n", head_kind::final);
    EXPECT_FALSE(ok.discarding());
}

TEST_F(output_sink_test, without_body_the_body_is_dropped) {
    output_options o = to_file("none.txt");
    o.body = false;
    output_sink sink(o);
    sink.on_response_head(head_with(200), "HTTP/1.1 200 OK\r\n\r\n", head_kind::final);
    EXPECT_TRUE(sink.on_body(bytes("dropped")));
    EXPECT_FALSE(fs::exists(o.path));
}

TEST_F(output_sink_test, writes_to_a_descriptor_without_a_path) {
    const fs::path p = dir_ / "fd.txt";
    std::string tmpl = p.string();
    const int fd = ::open(tmpl.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ASSERT_GE(fd, 0);
    {
        output_options o;
        o.fd = fd;
        o.heads = true;
        output_sink sink(o);
        sink.on_response_head(head_with(200), "H\r\n\r\n", head_kind::final);
        ASSERT_TRUE(sink.on_body(bytes("data")));
        EXPECT_TRUE(sink.close());  // the descriptor is not the sink's
    }
    EXPECT_EQ(::close(fd), 0);
    EXPECT_EQ(read_whole_file(p), "H\r\n\r\ndata");
}

TEST_F(output_sink_test, an_open_error_is_kept_and_stops_every_write) {
    output_options o = to_file("missing_dir/out.txt");
    output_sink sink(o);
    auto r = sink.on_body(bytes("x"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::no_such_file_or_directory);
    EXPECT_EQ(sink.open_error(), std::errc::no_such_file_or_directory);
    EXPECT_EQ(sink.write_error(), std::errc::no_such_file_or_directory);
    EXPECT_FALSE(sink.on_body(bytes("y")));
    EXPECT_FALSE(sink.open());
}

TEST_F(output_sink_test, a_write_error_is_kept) {
    output_options o;
    o.fd = -1;  // EBADF on the first write
    output_sink sink(o);
    auto r = sink.on_body(bytes("x"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), std::errc::bad_file_descriptor);
    EXPECT_EQ(sink.write_error(), std::errc::bad_file_descriptor);
    EXPECT_FALSE(sink.open_error());
    EXPECT_FALSE(sink.on_body(bytes("y")));  // still failing: the first error stays
}

}  // namespace
}  // namespace sockit::http_client
