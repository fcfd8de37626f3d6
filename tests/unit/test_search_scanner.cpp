// SPDX-License-Identifier: MIT
// search/: substring_finder against std::string_view::find (exact and ASCII-folded, every needle shape),
// stream_scanner with tiny buffers: a match placed across every possible read boundary is found.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>

#include "sockit/search/stream_scanner.hpp"
#include "sockit/search/substring_finder.hpp"

namespace {

using sockit::search::scan_outcome;
using sockit::search::stream_scanner;
using sockit::search::substring_finder;

std::span<const std::uint8_t> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    return s;
}

/// The reference: std::string_view::find, on lower-cased copies when folding.
std::size_t reference_find(std::string_view hay, std::string_view needle, bool fold) {
    const auto at = fold ? lower(std::string(hay)).find(lower(std::string(needle))) : hay.find(needle);
    return at == std::string::npos ? substring_finder::npos : at;
}

TEST(SubstringFinder, TableOfCases) {
    struct row {
        const char* hay;
        const char* needle;
        bool fold;
        std::size_t want;
    };
    const row rows[] = {
        {"hello world", "world", false, 6},                       // plain
        {"hello world", "World", false, substring_finder::npos},  // case matters by default
        {"hello WORLD", "world", true, 6},                        // -i folds letters
        {"a@b", "`", true, substring_finder::npos},      // '@' | 0x20 == '`': folding touches letters only
        {"x[y", "{", true, substring_finder::npos},      // '[' and '{' differ by 0x20 but are not letters
        {"abc", "abcd", false, substring_finder::npos},  // needle longer than the haystack
        {"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzq", "zq", false, 39},  // end of a long run
        {"q", "q", false, 0},                                            // one byte, whole haystack
        {"\xc3\xa9t\xc3\xa9", "\xc3\xa9t", true, 0},                     // UTF-8 bytes match themselves
    };
    for (const auto& r : rows) {
        substring_finder f(r.needle, r.fold);
        EXPECT_EQ(f.find(bytes_of(r.hay)), r.want) << r.hay << " / " << r.needle;
    }
}

TEST(SubstringFinder, MatchesStringFindOnRandomInput) {
    std::mt19937 rng(18);
    const std::string alphabet("abAB\0\xff z", 8);  // small: many partial matches
    for (int round = 0; round < 20000; ++round) {
        std::string hay(rng() % 80, ' ');
        for (auto& c : hay) c = alphabet[rng() % alphabet.size()];
        std::string needle(1 + rng() % 6, ' ');
        for (auto& c : needle) c = alphabet[rng() % alphabet.size()];
        if (rng() % 2 != 0 && hay.size() >= needle.size()) {  // plant it half of the time
            hay.replace(rng() % (hay.size() - needle.size() + 1), needle.size(), needle);
        }
        const bool fold = rng() % 2 != 0;
        substring_finder f(needle, fold);
        ASSERT_EQ(f.find(bytes_of(hay)), reference_find(hay, needle, fold))
            << "hay=" << testing::PrintToString(hay) << " needle=" << testing::PrintToString(needle);
    }
}

/// An anonymous in-memory file holding `content`, its offset at 0.
int memory_file(const std::string& content) {
    const int fd = memfd_create("scan", MFD_CLOEXEC);
    EXPECT_GE(fd, 0);
    EXPECT_EQ(write(fd, content.data(), content.size()), static_cast<ssize_t>(content.size()));
    EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
    return fd;
}

scan_outcome scan_content(const std::string& content, const substring_finder& f, std::size_t capacity,
                          std::uint64_t* bytes = nullptr) {
    const int fd = memory_file(content);
    stream_scanner scanner(f, capacity);
    auto out = scanner.scan(fd, nullptr, bytes);
    close(fd);
    EXPECT_TRUE(out.has_value());
    return out.value_or(scan_outcome::stopped);
}

TEST(StreamScanner, MatchAcrossEveryReadBoundary) {
    // Needles of 1..9 bytes; buffer capacities from the minimum (2 * length) up; the needle placed at every
    // offset of a 64-byte file, so each capacity sees it cut at every point by a read boundary.
    const std::string needles[] = {"N",      "Ne",      "Nee",      "Need",     "NeedL",
                                   "NeedLe", "NeedLe5", "NeedLe56", "NeedLe567"};
    for (const auto& needle : needles) {
        substring_finder f(needle, false);
        for (std::size_t capacity = 2 * needle.size(); capacity <= 2 * needle.size() + 12; ++capacity) {
            for (std::size_t at = 0; at + needle.size() <= 64; ++at) {
                std::string content(64, '.');
                content.replace(at, needle.size(), needle);
                std::uint64_t bytes = 0;
                ASSERT_EQ(scan_content(content, f, capacity, &bytes), scan_outcome::found)
                    << needle << " at " << at << " capacity " << capacity;
                EXPECT_LE(bytes, content.size());
            }
            std::string nothing(64, '.');
            nothing.replace(20, needle.size() - 1, needle.substr(0, needle.size() - 1));  // a prefix only
            std::uint64_t bytes = 0;
            ASSERT_EQ(scan_content(nothing, f, capacity, &bytes), scan_outcome::not_found);
            EXPECT_EQ(bytes, 64U);  // read to the end
        }
    }
}

TEST(StreamScanner, FoldedMatchAcrossBoundaryAndBinaryBytes) {
    substring_finder f("needle", true);
    std::string content(1000, '\0');
    content.replace(509, 6, "NeEdLe");
    for (std::size_t capacity : {12U, 13U, 100U, 512U})
        EXPECT_EQ(scan_content(content, f, capacity), scan_outcome::found);
}

TEST(StreamScanner, StopFlagEndsTheScan) {
    substring_finder f("x", false);
    const int fd = memory_file(std::string(4096, '.'));
    stream_scanner scanner(f, 16);
    std::atomic<bool> stop{true};
    auto out = scanner.scan(fd, &stop);
    close(fd);
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(*out, scan_outcome::stopped);
}

TEST(StreamScanner, ReadErrorIsReported) {
    substring_finder f("x", false);
    stream_scanner scanner(f, 16);
    auto out = scanner.scan(-1);
    ASSERT_FALSE(out.has_value());
    EXPECT_EQ(out.error(), std::errc::bad_file_descriptor);
}

}  // namespace
