// SPDX-License-Identifier: MIT
// Tests of http_client::load_request_body: -d DATA, @FILE byte for byte, @- from a stream, errors.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sockit/http_client/request_body.hpp"

namespace sockit::http_client {
namespace {

namespace fs = std::filesystem;

TEST(request_body, text_is_the_body) {
    std::istringstream in("unused");
    EXPECT_EQ(load_request_body("a=1&b=2", in).value(), "a=1&b=2");
    EXPECT_EQ(load_request_body("", in).value(), "");
    EXPECT_EQ(load_request_body("x@y", in).value(), "x@y");  // '@' only counts first
}

TEST(request_body, at_dash_reads_the_whole_stream) {
    const std::string bytes("line 1\r\nline 2\n\0binary\xFF", 23);
    std::istringstream in(bytes);
    EXPECT_EQ(load_request_body("@-", in).value(), bytes);
}

TEST(request_body, at_file_reads_its_bytes_as_they_are) {
    char tmpl[] = "/tmp/sockit_request_body_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    const fs::path dir = tmpl;
    const std::string bytes("{\"k\": 1}\n\n\0\x80", 12);
    {
        std::ofstream f(dir / "body.json", std::ios::binary);
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    std::ofstream(dir / "empty");
    std::istringstream in("unused");
    EXPECT_EQ(load_request_body("@" + (dir / "body.json").string(), in).value(),
              bytes);  // trailing newlines kept
    EXPECT_EQ(load_request_body("@" + (dir / "empty").string(), in).value(), "");
    auto missing = load_request_body("@" + (dir / "missing").string(), in);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), std::errc::no_such_file_or_directory);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace sockit::http_client
