// SPDX-License-Identifier: MIT
// DNS presentation against dig 9.18: each tests/data/dns/dig/NAME.bin is a response dig received and
// NAME.dig what dig printed for it (make-dig-golden.py regenerates both); sockit must print the same.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "file_test_util.hpp"
#include "sockit/dns/message.hpp"
#include "sockit/dns/presentation.hpp"

namespace sockit::dns {
namespace {

namespace fs = std::filesystem;

using sockit::test::read_whole_file;

TEST(DnsDig, MessagesPrintAsDigPrintsThem) {
    const fs::path dir = fs::path(SOCKIT_TEST_DATA) / "dns" / "dig";
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".bin") continue;
        const std::string wire = read_whole_file(entry.path());
        fs::path text_path = entry.path();
        text_path.replace_extension(".dig");
        const std::string want = read_whole_file(text_path);
        auto m = message::decode(as_bytes(wire));
        ASSERT_TRUE(m) << entry.path() << ": " << m.error().message();
        const std::string got = to_string(*m);
        // Compare line by line for a readable failure, then as a whole (trailing blank lines included).
        std::istringstream g(got), w(want);
        std::string gl, wl;
        int line = 0;
        while (std::getline(w, wl)) {
            ++line;
            ASSERT_TRUE(std::getline(g, gl)) << entry.path().filename() << " ends early at line " << line;
            EXPECT_EQ(gl, wl) << entry.path().filename() << " line " << line;
        }
        EXPECT_EQ(got, want) << entry.path().filename();
        ++cases;
    }
    EXPECT_GE(cases, 5);
}

}  // namespace
}  // namespace sockit::dns
