// SPDX-License-Identifier: MIT
// Unit tests for inetd::load_quotes (qotd's quotes file, RFC 865): parsing a file, the errno of a bad path,
// size.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sockit/core/codec_errc.hpp"
#include "sockit/inetd/quotes_file.hpp"

namespace sockit::inetd {
namespace {

std::string str(const byte_buffer& b) { return std::string(b.begin(), b.end()); }

TEST(QuotesFile, LoadsAndReportsBadPaths) {
    const auto dir = std::filesystem::temp_directory_path() / ("sockit-qotd-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "quotes";
    std::ofstream(file) << "First.\n%\nSecond,\n  on two lines.\n";
    auto got = load_quotes(file);
    ASSERT_TRUE(got) << got.error().detail;
    EXPECT_EQ(*got, (std::vector<std::string>{"First.\r\n", "Second,\r\n  on two lines.\r\n"}));
    services::qotd_service svc(std::move(*got));
    byte_buffer out;
    svc.append_answer(out);
    EXPECT_EQ(str(out), "First.\r\n");

    std::ofstream(dir / "huge") << std::string((1 << 20) + 1, 'a');
    std::ofstream(dir / "binary") << "ok\n%\nbad\x01\n";
    struct row {
        const char* why;
        std::filesystem::path path;
        std::error_code expected;
        std::size_t line;
    };
    const row rows[] = {
        {"missing file", dir / "absent", std::error_code(ENOENT, std::system_category()), 0},
        {"a directory", dir, std::make_error_code(std::errc::is_a_directory), 0},
        {"larger than 1 MiB", dir / "huge", codec_errc::too_large, 0},
        {"parse errors keep their line", dir / "binary", codec_errc::bad_value, 3},
    };
    for (const auto& r : rows) {
        auto bad = load_quotes(r.path);
        ASSERT_FALSE(bad) << r.why;
        EXPECT_EQ(bad.error().code, r.expected) << r.why << ": " << bad.error().code.message();
        EXPECT_EQ(bad.error().line, r.line) << r.why;
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sockit::inetd
